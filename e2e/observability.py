#!/usr/bin/env python3
"""The real-scrape test: a Debian Prometheus (started by `./polyshop up --observe`) has scraped every
service during the e2e traffic; this asks it what an operator would.

  python3 e2e/observability.py check [PROMETHEUS_URL]   # against the running shop
  python3 e2e/observability.py selftest                 # the lint, on series made up to break it

`check` fails unless: every service is scraped and up; the search and HTTP request rates are above
zero; each change-feed consumer reports its lag in positions and seconds; the alert rules are
loaded and healthy and none fires; every dashboard query runs (and the ones marked as always
having data return some); the metric names and labels keep the conventions below; and every
metric family of our own is listed in its module's README.

Conventions (docs/observability.md): lower snake case; counters end in `_total`, nothing else does;
our gauges and histograms end in a unit or in what they count (`_seconds`, `_bytes`, `_events`, ...);
no label carries an id, a raw path or anything else unbounded: no label named like one, no value
that looks like one, and no label with more than MAX_VALUES values.
"""
import json
import re
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OBSERVABILITY = ROOT / "k8s/components/observability"

# The families we name (the libraries' own, jvm_* or http_server_*, follow their own conventions).
OWN_PREFIXES = ("polyshop_", "search_", "push_")
# What the last word of one of our gauges or histograms may be: a unit, or the thing it counts.
UNITS = {"seconds", "bytes", "ratio", "events", "positions", "position", "documents",
         "subscribers", "threads", "tasks", "serving"}
SUFFIXES = ("_total", "_bucket", "_count", "_sum", "_created", "_max", "_info")
# Label names that would carry one value per product, client, request or path.
FORBIDDEN_LABELS = {"id", "product_id", "sku", "user", "user_id", "sub", "subject", "client",
                    "ip", "address", "path", "url", "query", "q", "token", "trace_id",
                    "span_id", "request_id", "topic_key"}
ID_VALUE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # a UUID
    r"|^\d{5,}$"  # a long number
    r"|/\d+(/|$)"  # a raw path with a numeric segment
    r"|^[0-9a-f]{16,}$",  # a hex id or trace id
    re.IGNORECASE)
MAX_VALUES = 40
# Labels whose values are bounded by construction (targets, buckets).
FREE_LABELS = {"__name__", "job", "instance", "le", "quantile"}
# Each job's README lists its metrics.
READMES = {"gateway": "gateway/README.md", "product-service": "product-service/README.md",
           "search-service": "search-service/README.md", "push-service": "push-service/README.md"}
NAME = re.compile(r"^[a-z_:][a-z0-9_:]*$")


def family(name, types):
    """The family a series name belongs to: the name itself, or the name less a known suffix."""
    if name in types:
        return name
    for suffix in SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in types:
            return name[: -len(suffix)]
    return name


def lint(series, types):
    """Problems with names and labels. series: label dicts with __name__; types: family -> type."""
    problems = set()
    values = {}
    for labels in series:
        name = labels["__name__"]
        fam = family(name, types)
        kind = types.get(fam, "unknown")
        if not NAME.match(name):
            problems.add(f"{name}: not lower snake case")
        if kind == "counter" and not name.endswith(("_total", "_created")):
            problems.add(f"{name}: a counter that does not end in _total")
        if kind in ("gauge", "unknown") and name.endswith("_total"):
            problems.add(f"{name}: a {kind} that ends in _total (only counters do)")
        if fam.startswith(OWN_PREFIXES) and kind in ("gauge", "histogram", "summary"):
            if fam.rsplit("_", 1)[-1] not in UNITS:
                problems.add(f"{fam}: no unit (end it in one of {', '.join(sorted(UNITS))})")
        for label, value in labels.items():
            if label in FREE_LABELS:
                continue
            # The libraries' bounded labels keep their names (jvm_memory_used_bytes{id="G1 Eden"}).
            if fam.startswith(OWN_PREFIXES) and label.lower() in FORBIDDEN_LABELS:
                problems.add(f"{fam}: label '{label}' names an unbounded value")
            if ID_VALUE.search(value):
                problems.add(f"{fam}: label {label}=\"{value}\" looks like an id or a raw path")
            values.setdefault((fam, label), set()).add(value)
    for (fam, label), seen in values.items():
        if len(seen) > MAX_VALUES:
            problems.add(f"{fam}: label '{label}' has {len(seen)} values (at most {MAX_VALUES})")
    return sorted(problems)


def undocumented(families_by_job, readme_text):
    """Our families that a job exposes and its README does not name."""
    missing = []
    for job, families in sorted(families_by_job.items()):
        text = readme_text(job)
        for fam in sorted(families):
            if fam.startswith(OWN_PREFIXES) and fam not in text:
                missing.append(f"{fam} ({job}) is not listed in {READMES.get(job, '?')}")
    return missing


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(f"{self.url}{path}?{query}", timeout=30) as response:
            body = json.load(response)
        if body.get("status") != "success":
            raise RuntimeError(f"{path} {params}: {body}")
        return body["data"]

    def query(self, expr):
        return self.get("/api/v1/query", query=expr)["result"]


def check(url):
    prometheus = Prometheus(url)
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)
        return condition

    targets = prometheus.get("/api/v1/targets")["activeTargets"]
    jobs = {t["labels"]["job"]: t for t in targets}
    for job in READMES:
        expect(job in jobs and jobs[job]["health"] == "up",
               f"target {job}: {jobs.get(job, {}).get('health', 'not scraped')} "
               f"{jobs.get(job, {}).get('lastError', '')}")

    # A minute of traffic: the e2e tests have run; the scrapes must span at least 60 s of it.
    span = prometheus.query('time() - min(timestamp(up offset 60s))')
    expect(span, "Prometheus has not scraped for a minute yet")
    rates = {
        "search calls": 'sum(rate(grpc_server_handled_total{grpc_service="polyshop.search.v1.SearchService"}[5m]))',
        "gateway HTTP requests": 'sum(rate(http_server_requests_seconds_count{job="gateway",uri!~"/actuator.*"}[5m]))',
        "product-service HTTP requests": 'sum(rate(http_server_requests_seconds_count{job="product-service",uri!~"/actuator.*"}[5m]))',
    }
    for what, expr in rates.items():
        result = prometheus.query(expr)
        expect(result and float(result[0]["value"][1]) > 0, f"rate of {what} is not above 0: {expr}")
    for metric in ("polyshop_feed_consumer_lag_positions", "polyshop_feed_consumer_lag_seconds"):
        consumers = {r["metric"].get("consumer") for r in prometheus.query(metric)}
        expect(consumers >= {"search-index", "push-catalog"},
               f"{metric}: consumers {sorted(c for c in consumers if c)}, expected search-index and push-catalog")
    expect(prometheus.query("polyshop_feed_head_position"), "polyshop_feed_head_position is missing")

    groups = prometheus.get("/api/v1/rules")["groups"]
    rules = [rule for group in groups for rule in group["rules"]]
    expect(len(rules) >= 9, f"{len(rules)} alert rules loaded, expected the shipped ones")
    for rule in rules:
        expect(rule.get("health") == "ok", f"rule {rule['name']}: {rule.get('health')} {rule.get('lastError', '')}")
        # Pending is allowed: a cold JVM's first requests are slow, and `for:` is there for that.
        expect(rule.get("state") != "firing", f"alert {rule['name']} fires on a healthy shop")

    panels = 0
    for path in sorted((OBSERVABILITY / "grafana").glob("*.json")):
        for panel in json.loads(path.read_text())["panels"]:
            panels += 1
            answered = False
            for target in panel["targets"]:
                expr = target["expr"].replace("$__rate_interval", "1m")
                try:
                    answered |= bool(prometheus.query(expr))
                except Exception as e:  # a query Prometheus refuses
                    failures.append(f"{path.name} '{panel['title']}': {expr}: {e}")
            # A panel shows data unless its description says why it may not (e.g. a ratio of none).
            if not answered and not panel.get("description", "").startswith("May be empty"):
                failures.append(f"{path.name} '{panel['title']}': no query returns data")

    series = prometheus.get("/api/v1/series", **{"match[]": ['{job=~".+",__name__!~"ALERTS.*"}']})
    metadata = prometheus.get("/api/v1/metadata")
    types = {name: entries[0]["type"] for name, entries in metadata.items()}
    failures += lint(series, types)
    families_by_job = {}
    for labels in series:
        families_by_job.setdefault(labels["job"], set()).add(family(labels["__name__"], types))
    failures += undocumented(families_by_job, lambda job: (ROOT / READMES[job]).read_text())

    names = {labels["__name__"] for labels in series}
    if failures:
        print("[observability] the real scrape failed:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print(f"[observability] {len(jobs)} targets up; {len(series)} series in {len(names)} names pass "
          f"the conventions; {len(rules)} rules healthy, none firing; {panels} dashboard panels answer",
          file=sys.stderr)
    return 0


def selftest():
    types = {"polyshop_feed_consumer_lag_seconds": "gauge", "push_dropped_events": "counter",
             "grpc_server_handling_seconds": "histogram", "search_hits": "gauge",
             "polyshop_product_reads": "counter", "push_queue_depth": "gauge",
             "http_server_requests_seconds": "summary"}
    good = [
        {"__name__": "polyshop_feed_consumer_lag_seconds", "job": "search-service", "consumer": "search-index"},
        {"__name__": "push_dropped_events_total", "job": "push-service"},
        {"__name__": "grpc_server_handling_seconds_bucket", "job": "s", "grpc_method": "Search", "le": "0.1"},
        {"__name__": "http_server_requests_seconds_count", "job": "gateway", "uri": "/api/products/{id}",
         "status": "200"},
    ]
    assert lint(good, types) == [], lint(good, types)

    def fails(series, needle):
        problems = lint(good + series, types)
        assert any(needle in p for p in problems), (needle, problems)

    fails([{"__name__": "polyshop_product_reads_total", "job": "p", "product_id": "abc"}], "label 'product_id'")
    fails([{"__name__": "polyshop_product_reads_total", "job": "p", "sku": "LAMP-1"}], "label 'sku'")
    fails([{"__name__": "polyshop_product_reads_total", "job": "p", "product": "9f0c6a2e-3b1d-4c5e-8f7a-1b2c3d4e5f60"}],
          "looks like an id")
    fails([{"__name__": "http_server_requests_seconds_count", "job": "g", "uri": "/api/products/12345"}],
          "raw path")
    fails([{"__name__": "http_server_requests_seconds_count", "job": "g", "uri": f"/page-{i}"}
           for i in range(MAX_VALUES)], f"has {MAX_VALUES + 1} values")
    fails([{"__name__": "search_hits", "job": "s"}], "search_hits: no unit")
    fails([{"__name__": "push_queue_depth_total", "job": "p"}], "ends in _total")
    fails([{"__name__": "polyshop_product_reads", "job": "p"}], "does not end in _total")
    fails([{"__name__": "Push_Subscribers", "job": "p"}], "not lower snake case")

    readme = {"push-service": "`push_dropped_events_total`"}
    assert undocumented({"push-service": {"push_dropped_events"}}, readme.get) == []
    assert undocumented({"push-service": {"push_fanout_seconds", "jvm_threads"}}, readme.get) == [
        "push_fanout_seconds (push-service) is not listed in push-service/README.md"]
    print("[observability] selftest: the lint finds ids, raw paths, unbounded labels, missing units "
          "and _total misuse, and undocumented families", file=sys.stderr)
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "selftest":
        sys.exit(selftest())
    if command == "check":
        sys.exit(check(sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:9090"))
    sys.exit(__doc__)
