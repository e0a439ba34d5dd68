#!/usr/bin/python3
"""Catalog analytics: follows product-service's change feed from a cursor it persists, keeps
per-category price statistics and price-drop counts, and writes a report (CSV and a PNG chart).

The state (cursor, feed id, every product's last version and price, the drop counts) is written
atomically after each page, so a job killed at any moment resumes where its last page ended and
counts nothing twice; an event whose version is not newer than the one held is ignored as well.
See README.md.

    analytics/catalog_analytics.py --once                # catch up to the head, write the report
    analytics/catalog_analytics.py --follow              # keep following; report every 30 s
"""

import argparse
import csv
import json
import os
import signal
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

STATE_VERSION = 1


def fresh_state():
    return {"stateVersion": STATE_VERSION, "feedId": "", "position": 0, "products": {},
            "priceDrops": {}, "eventsApplied": 0}


def load_state(path):
    if not os.path.exists(path):
        return fresh_state()
    with open(path) as f:
        state = json.load(f)
    if state.get("stateVersion") != STATE_VERSION:
        sys.exit(f"[analytics] {path} has state version {state.get('stateVersion')}, "
                 f"expected {STATE_VERSION}: remove it to rebuild from the feed")
    return state


def save_state(path, state):
    """Write-then-rename: a kill leaves either the previous state or this one, never a mix."""
    temporary = f"{path}.tmp"
    with open(temporary, "w") as f:
        json.dump(state, f, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def apply(state, event):
    """Applies one change event; a version not newer than the one held changes nothing."""
    products = state["products"]
    product_id = event["productId"]
    version = int(event["version"])
    known = products.get(product_id)
    if known is not None and version <= known["version"]:
        return
    if "delete" in event:
        products[product_id] = {"version": version, "deleted": True}
    else:
        upsert = event["upsert"]
        price = int(upsert["price"].get("amountMinor", "0"))
        currency = upsert["price"].get("currencyCode", "")
        category = upsert["category"]
        if (known is not None and not known.get("deleted") and known["currency"] == currency
                and price < known["price"]):
            drops = state["priceDrops"]
            drops[category] = drops.get(category, 0) + 1
        products[product_id] = {"version": version, "category": category, "price": price,
                                "currency": currency}
    state["eventsApplied"] += 1


class FeedReset(Exception):
    """The feed cannot serve our cursor (410): rebuild from the start."""


def fetch_page(base_url, state, limit, wait):
    query = {"after": state["position"], "limit": limit, "wait": wait}
    if state["feedId"]:
        query["feed"] = state["feedId"]
    url = f"{base_url}/products/changes?{urllib.parse.urlencode(query)}"
    try:
        with urllib.request.urlopen(url, timeout=wait + 30) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        if e.code == 410:
            raise FeedReset(json.load(e).get("reason", "feed reset")) from e
        raise


def follow(args, state, until_head):
    """Reads pages and saves the state after each; with until_head, stops at the head."""
    last_report = time.monotonic()
    while True:
        try:
            page = fetch_page(args.product_service, state, args.limit, 0 if until_head else 20)
        except FeedReset as reset:
            print(f"[analytics] feed reset ({reset}): rebuilding from the start", file=sys.stderr)
            state.clear()
            state.update(fresh_state())
            continue
        for event in page.get("events", []):
            apply(state, event)
        state["position"] = int(page["nextPosition"])
        state["feedId"] = page["feedId"]
        save_state(args.state, state)
        # Caught up: at the head, or nothing newer is left (compaction may have removed the event
        # at the head position itself, e.g. a purged tombstone).
        if until_head and (state["position"] >= int(page["headPosition"]) or not page.get("events")):
            return
        if not until_head and time.monotonic() - last_report >= args.report_every:
            write_report(args.out, state)
            last_report = time.monotonic()


def rows(state):
    """Per category: live products, price statistics (minor units, per currency) and drops."""
    by_category = {}
    for product in state["products"].values():
        if not product.get("deleted"):
            key = (product["category"], product["currency"])
            by_category.setdefault(key, []).append(product["price"])
    drops = state["priceDrops"]
    result = []
    for (category, currency), prices in sorted(by_category.items()):
        result.append({
            "category": category, "currency": currency, "products": len(prices),
            "min_price_minor": min(prices), "median_price_minor": int(statistics.median(prices)),
            "mean_price_minor": round(statistics.fmean(prices)), "max_price_minor": max(prices),
            "price_drops": drops.get(category, 0),
        })
    return result


def write_report(out_dir, state):
    os.makedirs(out_dir, exist_ok=True)
    table = rows(state)
    fields = ["category", "currency", "products", "min_price_minor", "median_price_minor",
              "mean_price_minor", "max_price_minor", "price_drops"]
    temporary = os.path.join(out_dir, "report.csv.tmp")
    with open(temporary, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(table)
    os.replace(temporary, os.path.join(out_dir, "report.csv"))
    chart(table, os.path.join(out_dir, "report.png"), state["position"])
    return table


def chart(table, path, position):
    import matplotlib  # Debian's python3-matplotlib; imported here so the state logic needs none

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{r['category']} ({r['currency']})" for r in table]
    figure, (prices, drops) = plt.subplots(1, 2, figsize=(12, max(3, 0.35 * len(table) + 1.5)))
    prices.barh(labels, [r["median_price_minor"] / 100 for r in table], color="#4c72b0")
    prices.set_title("median price (major units)")
    prices.invert_yaxis()
    drops.barh(labels, [r["price_drops"] for r in table], color="#dd8452")
    drops.set_title("price drops seen")
    drops.invert_yaxis()
    drops.set_yticks([])
    figure.suptitle(f"Polyshop catalog by category, feed position {position}")
    figure.tight_layout()
    temporary = f"{path}.tmp.png"
    figure.savefig(temporary, dpi=100)
    plt.close(figure)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--product-service", default=os.environ.get(
        "PRODUCT_SERVICE_URL", "http://localhost:8081"), help="base URL of product-service")
    parser.add_argument("--state", default=".polyshop/analytics/state.json",
                        help="where the cursor and the statistics are kept")
    parser.add_argument("--out", default=".polyshop/analytics", help="report directory")
    parser.add_argument("--limit", type=int, default=500, help="events per page (1-1000)")
    parser.add_argument("--report-every", type=float, default=30.0, help="seconds, with --follow")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="catch up to the head, report, exit")
    mode.add_argument("--follow", action="store_true", help="keep following (the default)")
    args = parser.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.state)), exist_ok=True)
    state = load_state(args.state)
    # SIGTERM (a stop by the platform) ends the run like Ctrl-C: with a last report.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        follow(args, state, until_head=args.once)
    except KeyboardInterrupt:
        pass
    table = write_report(args.out, state)
    print(f"[analytics] position {state['position']}: {len(table)} categories, "
          f"{sum(r['products'] for r in table)} products, "
          f"{sum(r['price_drops'] for r in table)} price drops; report in {args.out}")


if __name__ == "__main__":
    main()
