#!/usr/bin/env python3
"""Prints traces from the JSON-lines span files of `./polyshop up --observe` as indented trees.

  ./polyshop trace                 # the newest trace
  ./polyshop trace TRACE_ID        # one trace (a prefix of its id is enough)
  ./polyshop trace --list          # the newest 20 traces, one line each
  python3 scripts/trace-tree.py --selftest

Each line of a file is one span (service-kit's JsonLinesSpanExporter): service, traceId, spanId,
parentSpanId, name, kind, startNanos, endNanos, error, attributes, links. A span whose parent is in
no file (the caller's span, e.g. a client's) is shown as a root, its parent id in brackets.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACES = ROOT / ".polyshop/traces"


def read(files):
    spans = []
    for path in files:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip():
                try:
                    spans.append(json.loads(line))
                except json.JSONDecodeError as e:
                    print(f"[trace] {path}:{number}: not JSON ({e}); skipped", file=sys.stderr)
    return spans


def traces(spans):
    """trace id -> its spans, newest trace first (by its latest start)."""
    by_trace = {}
    for span in spans:
        by_trace.setdefault(span["traceId"], []).append(span)
    return dict(sorted(by_trace.items(), key=lambda item: -max(s["startNanos"] for s in item[1])))


def tree(spans):
    """The trace's lines: each span indented under its parent, with service, duration and links."""
    ids = {span["spanId"] for span in spans}
    children = {}
    for span in spans:
        parent = span["parentSpanId"] if span["parentSpanId"] in ids else None
        children.setdefault(parent, []).append(span)
    start = min(span["startNanos"] for span in spans)
    lines = []

    def walk(parent, depth):
        for span in sorted(children.get(parent, []), key=lambda s: s["startNanos"]):
            took = (span["endNanos"] - span["startNanos"]) / 1e6
            at = (span["startNanos"] - start) / 1e6
            outside = ""
            if depth == 0 and span["parentSpanId"]:
                outside = f" [parent {span['parentSpanId']}]"
            line = (f"{'  ' * depth}{span['name']}  {span['service']}  {took:.2f} ms (at +{at:.2f} ms)"
                    f"{'  ERROR' if span['error'] else ''}{outside}")
            for link in span.get("links", []):
                line += f"  -> linked to trace {link['traceId']}"
            lines.append(line)
            walk(span["spanId"], depth + 1)

    walk(None, 0)
    return lines


def main(args):
    files = sorted(TRACES.glob("*.jsonl"))
    if not files:
        sys.exit("[trace] no spans yet: run ./polyshop up --observe and send it some requests")
    by_trace = traces(read(files))
    if not by_trace:
        sys.exit(f"[trace] no spans in {TRACES}")
    if args == ["--list"]:
        for trace_id, spans in list(by_trace.items())[:20]:
            roots = tree(spans)[0].strip()
            print(f"{trace_id}  {len(spans)} span(s)  {roots}")
        return
    wanted = args[0] if args else next(iter(by_trace))
    matches = [t for t in by_trace if t.startswith(wanted)]
    if len(matches) != 1:
        sys.exit(f"[trace] {len(matches)} traces match {wanted!r}; ./polyshop trace --list shows them")
    print(f"trace {matches[0]}")
    print("\n".join(tree(by_trace[matches[0]])))


def selftest():
    def span(service, span_id, parent, name, start, end, trace="t1", links=()):
        return {"service": service, "traceId": trace, "spanId": span_id, "parentSpanId": parent,
                "name": name, "kind": "SERVER", "startNanos": start, "endNanos": end,
                "error": name.endswith("!"), "attributes": {},
                "links": [{"traceId": l, "spanId": "x"} for l in links]}

    spans = [
        span("search-service", "c", "b", "Search", 3_000_000, 4_000_000),
        span("gateway", "b", "a", "GET /api/search", 1_000_000, 6_000_000),
        span("product-service", "d", "b", "SELECT!", 4_500_000, 5_000_000),
        span("search-service", "e", "", "apply", 9_000_000, 9_500_000, trace="t2", links=["t1"]),
    ]
    by_trace = traces(spans)
    assert list(by_trace) == ["t2", "t1"], list(by_trace)
    assert tree(by_trace["t1"]) == [
        "GET /api/search  gateway  5.00 ms (at +0.00 ms) [parent a]",
        "  Search  search-service  1.00 ms (at +2.00 ms)",
        "  SELECT!  product-service  0.50 ms (at +3.50 ms)  ERROR",
    ], tree(by_trace["t1"])
    assert tree(by_trace["t2"]) == ["apply  search-service  0.50 ms (at +0.00 ms)  -> linked to trace t1"]
    print("[trace] selftest: spans nest under their parents in start order, with links and errors",
          file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["--selftest"]:
        selftest()
    else:
        main(sys.argv[1:])
