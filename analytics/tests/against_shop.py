#!/usr/bin/python3
"""The analytics job against a running shop (./polyshop up; e2e runs this): its per-category
product counts match search-service's facets, and price drops made here are counted exactly once
by a job that resumes from its saved cursor.

    POLYSHOP_TOKEN=$(./polyshop token) analytics/tests/against_shop.py
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
JOB = os.path.join(os.path.dirname(HERE), "catalog_analytics.py")
GATEWAY = os.environ.get("POLYSHOP_GATEWAY", "http://localhost:8080")
PRODUCT_SERVICE = os.environ.get("PRODUCT_SERVICE_URL", "http://localhost:8081")
CATEGORY = "home"


def fail(message):
    sys.exit(f"[analytics-check] FAILED: {message}")


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=body and json.dumps(body).encode())
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read()), response.headers.get("ETag")


def run_job(state_dir):
    subprocess.run([sys.executable, JOB, "--once", "--product-service", PRODUCT_SERVICE,
                    "--state", os.path.join(state_dir, "state.json"), "--out", state_dir],
                   check=True)
    with open(os.path.join(state_dir, "report.csv")) as f:
        rows = list(csv.DictReader(f))
    products, drops = {}, {}
    for row in rows:
        products[row["category"]] = products.get(row["category"], 0) + int(row["products"])
        drops[row["category"]] = int(row["price_drops"])
    return products, drops


def facet_counts():
    page, _ = http("GET", f"{GATEWAY}/api/search?pageSize=1")
    facet = next(f for f in page["facets"] if f["name"] == "category")
    return {v["value"]: int(v["count"]) for v in facet["values"]}


def main():
    token = os.environ.get("POLYSHOP_TOKEN") or fail("set POLYSHOP_TOKEN")
    auth = {"Authorization": f"Bearer {token}"}
    state_dir = tempfile.mkdtemp(prefix="polyshop-analytics-")

    products, drops = run_job(state_dir)
    # search-service follows the same feed; give its index a moment to show the latest writes.
    deadline = time.monotonic() + 10
    while (facets := facet_counts()) != {c: n for c, n in products.items() if c in facets}:
        if time.monotonic() > deadline:
            fail(f"per-category products {products} differ from search's facets {facets}")
        time.sleep(0.5)
    print(f"[analytics-check] {sum(products.values())} products in {len(products)} categories,"
          f" as search counts them")

    sku = f"ANALYTICS-{int(time.time() * 1000)}"
    created, _ = http("POST", f"{GATEWAY}/api/products",
                      {"sku": sku, "name": "Analytics Teapot", "description": "Counted once",
                       "category": CATEGORY, "brand": "Polyshop",
                       "price": {"amountMinor": 10000, "currency": "USD"}, "stock": 3,
                       "attributes": {}},
                      {**auth, "Content-Type": "application/json", "Idempotency-Key": sku})
    url = f"{GATEWAY}/api/products/{created['id']}"
    for price in (9000, 9500, 8000, 7000):  # three drops and a rise
        _, etag = http("GET", url)
        http("PATCH", url, {"price": {"amountMinor": price}},
             {**auth, "Content-Type": "application/merge-patch+json", "If-Match": etag})

    after_products, after_drops = run_job(state_dir)  # resumes from the saved cursor
    if after_drops.get(CATEGORY, 0) - drops.get(CATEGORY, 0) != 3:
        fail(f"expected exactly 3 more drops in {CATEGORY}: {drops.get(CATEGORY)} →"
             f" {after_drops.get(CATEGORY)}")
    if after_products.get(CATEGORY, 0) - products.get(CATEGORY, 0) != 1:
        fail(f"expected one more product in {CATEGORY}")
    if os.path.getsize(os.path.join(state_dir, "report.png")) == 0:
        fail("the chart is empty")
    print(f"[analytics-check] resumed from its cursor: 3 new drops in {CATEGORY} counted once"
          f" ({drops.get(CATEGORY, 0)} → {after_drops[CATEGORY]}); report in {state_dir}")


if __name__ == "__main__":
    main()
