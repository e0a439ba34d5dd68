#!/usr/bin/python3
"""The three-language conformance scenario: the Java, Python and Go clients run the same steps
against a running shop (./polyshop up), and their outputs must be identical.

Each step runs every client with the same arguments; the outputs (one JSON object per line) are
normalised (parsed and written back with sorted keys) and compared. The steps run twice: plaintext
against the services' own ports, as inside a cluster, and over TLS through the gateway's port 8443.
Outputs land in target/conformance/ (one file per step and client, and summary.txt).

    POLYSHOP_TOKEN=$(./polyshop token) clients/conformance.py
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def clients(java_home):
    java = os.path.join(java_home, "bin", "java")
    return {
        "java": [
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-jar",
            os.path.join(ROOT, "clients/java/target/polyshop-client-0.1.0-SNAPSHOT.jar"),
        ],
        "python": ["/usr/bin/python3", os.path.join(ROOT, "clients/python/polyshop_client.py")],
        "go": [os.path.join(ROOT, "clients/go/build/polyshop-client")],
    }


class Scenario:
    def __init__(self, commands, out_dir):
        self.commands = commands
        self.out_dir = out_dir
        self.results = []  # (step, identical, lines)

    def run(self, step, args, token=None, masked=()):
        """Runs one step with every client; returns the normalised lines (the same for all).
        Values under the masked keys differ per call by design (e.g. a new event's id): they must
        be present and are compared as "<masked>"."""
        outputs = {}
        for name, command in self.commands.items():
            env = dict(os.environ)
            env.pop("POLYSHOP_TOKEN", None)
            if token:
                env["POLYSHOP_TOKEN"] = token
            done = subprocess.run(
                command + args, capture_output=True, text=True, env=env, timeout=120
            )
            if done.returncode not in (0, 3):
                raise SystemExit(
                    f"[conformance] {name} failed on step '{step}' (exit {done.returncode}):\n"
                    f"{done.stderr.strip()}"
                )
            lines = [normalised(line, masked) for line in done.stdout.splitlines() if line.strip()]
            outputs[name] = lines
            with open(os.path.join(self.out_dir, f"{slug(step)}.{name}.jsonl"), "w") as f:
                f.write("".join(line + "\n" for line in lines))
        reference = outputs["java"]
        identical = all(lines == reference for lines in outputs.values())
        self.results.append((step, identical, reference))
        mark = "identical" if identical else "DIFFERENT"
        print(f"[conformance] {mark:9}  {step}: {summary(reference)}", flush=True)
        if not identical:
            for name, lines in outputs.items():
                print(f"    {name}: {lines[:3]}", file=sys.stderr)
        return reference

    def passed(self):
        return all(identical for _, identical, _ in self.results)


def normalised(line, masked=()):
    value = json.loads(line)
    for key in masked:
        if key in value:
            if not value[key]:
                raise SystemExit(f"[conformance] empty {key} in {line}")
            value[key] = "<masked>"
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def slug(step):
    return "".join(c if c.isalnum() else "-" for c in step.lower()).strip("-")[:80]


def summary(lines):
    if not lines:
        return "no output"
    first = json.loads(lines[0])
    if "error" in first:
        return f"{first['error']['code']}"
    if "hits" in first or "totalHits" in first:
        return f"{first.get('totalHits', '0')} hits, {len(first.get('hits', []))} on the page"
    if "suggestions" in first:
        return f"{len(first['suggestions'])} suggestions"
    return f"{len(lines)} line(s): " + ", ".join(
        json.loads(line).get("event", {}).get("type", next(iter(json.loads(line)))) for line in lines
    )


def rest(method, url, token=None, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=body and json.dumps(body).encode())
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read()), response.headers.get("ETag")


def drop_price(gateway, token, product_id, percent):
    product, etag = rest("GET", f"{gateway}/api/products/{product_id}")
    new_price = product["price"]["amountMinor"] * (100 - percent) // 100
    rest(
        "PATCH",
        f"{gateway}/api/products/{product_id}",
        token,
        {"price": {"amountMinor": new_price}},
        {"Content-Type": "application/merge-patch+json", "If-Match": etag},
    )


def searches(scenario, connect, label):
    """Searches with filters, sort and paging, suggestions, and the error statuses."""
    run = lambda step, *args: scenario.run(f"{label}: {step}", connect + list(args))  # noqa: E731
    run("one word", "search", "--query", "laptop", "--page-size", "5")
    run("two words", "search", "--query", "ultragear monitor", "--page-size", "5")
    run("typo", "search", "--query", "lapotp", "--page-size", "5")
    run(
        "filtered and sorted",
        "search", "--category", "laptops", "--min-price", "50000", "--max-price", "200000",
        "--in-stock", "--sort", "price_asc", "--page-size", "10",
    )
    run("browse newest", "search", "--sort", "newest", "--page-size", "4")
    first = run("page 1", "search", "--query", "monitor", "--sort", "price_desc", "--page-size", "3")
    token = json.loads(first[0]).get("nextPageToken", "")
    run("page 2", "search", "--query", "monitor", "--sort", "price_desc", "--page-size", "3",
        "--page-token", token)
    run("suggest", "suggest", "--prefix", "lap", "--limit", "5")
    run("suggest, two words", "suggest", "--prefix", "lg ultra")
    run("invalid page token", "search", "--page-token", "not-a-token")
    run("oversize page", "search", "--page-size", "1000")
    run("empty suggest prefix", "suggest", "--prefix", "")
    run("invalid topic", "subscribe", "--topic", "Not A Topic", "--wait", "5")


def subscription(scenario, connect, label, gateway, token, product_id):
    """A subscriber sees a price drop, disconnects, and resumes from its last event id."""
    topics = ["--topic", f"product.{product_id}", "--topic", "deals"]
    # Where the stream stands now: the first heartbeat's resume token (a boundary).
    opening = subprocess.run(
        scenario.commands["python"] + connect + ["subscribe", *topics, "--heartbeats", "--wait", "3"],
        capture_output=True, text=True, timeout=60,
    ).stdout.splitlines()
    boundary = json.loads(opening[0])["heartbeat"]["resumeToken"]
    drop_price(gateway, token, product_id, 20)
    seen = scenario.run(
        f"{label}: price drop, from the boundary",
        connect + ["subscribe", *topics, "--resume-token", boundary, "--events", "2", "--wait", "20"],
    )
    last = json.loads(seen[-1])["event"]["id"]
    drop_price(gateway, token, product_id, 20)  # while nobody is connected
    scenario.run(
        f"{label}: resumed after the last event",
        connect + ["subscribe", *topics, "--resume-token", last, "--events", "2", "--wait", "20"],
    )


def published(scenario, connect, label, token, publisher_token):
    """An event published on push-service's internal port reaches a subscriber of that topic in
    every language, and every client can publish (the new event's id differs per call)."""
    topics = ["--topic", "news.dev"]  # a private topic of subject "dev", the dev token's subject
    env = dict(os.environ, POLYSHOP_TOKEN=token)
    opening = subprocess.run(
        scenario.commands["python"] + connect + ["subscribe", *topics, "--heartbeats", "--wait", "3"],
        capture_output=True, text=True, timeout=60, env=env,
    ).stdout.splitlines()
    boundary = json.loads(opening[0])["heartbeat"]["resumeToken"]
    publish = ["publish", "--topic", "news.dev", "--type", "note.posted", "--data"]
    subprocess.run(scenario.commands["python"] + publish + ['{"text":"one event, three languages"}'],
                   check=True, capture_output=True, env=dict(os.environ, POLYSHOP_TOKEN=publisher_token))
    scenario.run(f"{label}: a published event, from the boundary",
                 connect + ["subscribe", *topics, "--resume-token", boundary, "--events", "1",
                            "--wait", "20"], token=token)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default="http://localhost:8080")
    parser.add_argument("--ca", default=os.path.join(ROOT, ".polyshop/tls/gateway.crt"))
    parser.add_argument("--java-home", default=os.environ.get("JAVA_HOME", ""))
    parser.add_argument("--out", default=os.path.join(ROOT, "target/conformance"))
    args = parser.parse_args()
    token = os.environ.get("POLYSHOP_TOKEN") or sys.exit("[conformance] set POLYSHOP_TOKEN")
    os.makedirs(args.out, exist_ok=True)
    scenario = Scenario(clients(args.java_home), args.out)

    sku = f"CONFORMANCE-{int(time.time() * 1000)}"
    created, _ = rest(
        "POST", f"{args.gateway}/api/products", token,
        {"sku": sku, "name": "Conformance Kettle", "description": "A kettle for three languages",
         "category": "home", "brand": "Polyglot", "price": {"amountMinor": 10000, "currency": "USD"},
         "stock": 5, "attributes": {}},
        {"Content-Type": "application/json", "Idempotency-Key": sku},
    )

    plain, tls = [], ["--tls", "--ca", args.ca]
    searches(scenario, plain, "plaintext")
    searches(scenario, tls, "TLS via the gateway")
    subscription(scenario, plain, "plaintext", args.gateway, token, created["id"])
    subscription(scenario, tls, "TLS via the gateway", args.gateway, token, created["id"])
    scenario.run("TLS via the gateway: Publish is internal",
                 tls + ["publish", "--topic", "news.conformance", "--type", "t", "--data", "{}"])
    scenario.run("TLS via the gateway: a private topic without a token",
                 tls + ["subscribe", "--topic", "orders.alice", "--wait", "5"])
    scenario.run("plaintext: Publish without a service token",
                 ["publish", "--topic", "news.conformance", "--type", "t", "--data", "{}"])
    publisher = subprocess.run([os.path.join(ROOT, "polyshop"), "token", "--publisher"],
                               check=True, capture_output=True, text=True).stdout.strip()
    scenario.run("plaintext: Publish with a publisher's token",
                 ["publish", "--topic", "news.dev", "--type", "note.posted", "--data", '{"n":1}'],
                 token=publisher, masked=("eventId",))
    scenario.run("plaintext: Publish to a catalog topic",
                 ["publish", "--topic", "deals", "--type", "t", "--data", "{}"], token=publisher)
    published(scenario, plain, "plaintext", token, publisher)
    published(scenario, tls, "TLS via the gateway", token, publisher)

    with open(os.path.join(args.out, "summary.txt"), "w") as f:
        for step, identical, lines in scenario.results:
            f.write(f"{'identical' if identical else 'DIFFERENT'}  {step}: {summary(lines)}\n")
    if not scenario.passed():
        sys.exit("[conformance] the clients disagree (see above and target/conformance/)")
    print(f"[conformance] {len(scenario.results)} steps, Java, Python and Go identical")


if __name__ == "__main__":
    main()
