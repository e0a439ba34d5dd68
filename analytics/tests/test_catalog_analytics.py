"""Tests of the analytics job against a fake change feed served over real HTTP: the job runs as a
real process, is killed with SIGKILL mid-feed, and must resume without counting anything twice."""

import csv
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
JOB = os.path.join(os.path.dirname(HERE), "catalog_analytics.py")
sys.path.insert(0, os.path.dirname(HERE))

import catalog_analytics  # noqa: E402

FEED_ID = "feed-1"


def upsert(position, product, version, category, price, currency="USD"):
    return {"position": str(position), "productId": product, "version": str(version),
            "upsert": {"id": product, "category": category,
                       "price": {"amountMinor": str(price), "currencyCode": currency}}}


def delete(position, product, version):
    return {"position": str(position), "productId": product, "version": str(version),
            "delete": {"sku": product.upper()}}


# 12 events: three drops in home (one of them a replay that must not count), one in laptops, a
# rise, a currency change (not a drop), a delete, and an older version arriving late.
EVENTS = [
    upsert(1, "a", 1, "home", 1000),
    upsert(2, "b", 1, "home", 2000),
    upsert(3, "c", 1, "laptops", 90000),
    upsert(5, "a", 2, "home", 900),          # drop
    upsert(6, "b", 2, "home", 2500),         # rise
    upsert(8, "c", 2, "laptops", 80000),     # drop
    upsert(9, "a", 1, "home", 5),            # an older version: ignored
    upsert(10, "b", 3, "home", 1500),        # drop
    upsert(11, "d", 1, "home", 700),
    upsert(12, "d", 2, "home", 600, "EUR"),  # another currency: not a drop
    delete(13, "c", 3),
    upsert(14, "a", 3, "home", 800),         # drop
]
HEAD = 14


class FakeFeed(http.server.ThreadingHTTPServer):
    """Serves EVENTS as product-service does; a request for after=hold_at waits for release."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.hold_at = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.feed_id = FEED_ID
        self.head = HEAD

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the handler's required name)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        after = int(query.get("after", ["0"])[0])
        limit = int(query.get("limit", ["500"])[0])
        feed = query.get("feed", [None])[0]
        server = self.server
        if feed is not None and feed != server.feed_id:
            body = {"type": "https://polyshop.dev/problems/feed-reset", "status": 410,
                    "reason": "feed-replaced", "feedId": server.feed_id}
            return self.answer(410, body)
        if server.hold_at is not None and after == server.hold_at:
            server.held.set()
            server.release.wait(30)
        events = [e for e in EVENTS if int(e["position"]) > after][:limit]
        next_position = int(events[-1]["position"]) if events else after
        self.answer(200, {"events": events, "nextPosition": str(next_position),
                          "headPosition": str(server.head), "feedId": server.feed_id})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:
            pass  # the job was killed while this page was held

    def log_message(self, *args):
        pass


class CatalogAnalyticsTest(unittest.TestCase):

    def setUp(self):
        self.feed = FakeFeed()
        threading.Thread(target=self.feed.serve_forever, daemon=True).start()
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        self.feed.release.set()
        self.feed.shutdown()
        self.feed.server_close()

    def job(self, name, *args):
        return [sys.executable, JOB, "--product-service", self.feed.url, "--limit", "2",
                "--state", os.path.join(self.dir, name, "state.json"),
                "--out", os.path.join(self.dir, name), *args]

    def report(self, name):
        with open(os.path.join(self.dir, name, "report.csv")) as f:
            return list(csv.DictReader(f))

    def test_countsDropsOncePerNewerVersion_ignoringRisesOtherCurrenciesAndOldVersions(self):
        subprocess.run(self.job("whole", "--once"), check=True, capture_output=True)

        by_key = {(r["category"], r["currency"]): r for r in self.report("whole")}
        self.assertEqual(by_key[("home", "USD")]["price_drops"], "3")
        self.assertEqual(by_key[("home", "USD")]["products"], "2")  # a (800) and b (1500)
        self.assertEqual(by_key[("home", "USD")]["median_price_minor"], "1150")
        self.assertEqual(by_key[("home", "EUR")]["products"], "1")
        self.assertNotIn(("laptops", "USD"), by_key)  # c was deleted: no live product left
        self.assertTrue(os.path.getsize(os.path.join(self.dir, "whole", "report.png")) > 0)

    def test_aJobKilledMidFeed_resumesFromItsLastPage_andCountsNothingTwice(self):
        subprocess.run(self.job("whole", "--once"), check=True, capture_output=True)
        self.feed.hold_at = 8  # the job has saved the pages up to position 8, then waits
        follower = subprocess.Popen(self.job("killed", "--follow"), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        self.assertTrue(self.feed.held.wait(30), "the job never reached position 8")
        follower.send_signal(signal.SIGKILL)
        follower.wait(10)
        with open(os.path.join(self.dir, "killed", "state.json")) as f:
            self.assertEqual(json.load(f)["position"], 8)
        self.feed.hold_at = None
        self.feed.release.set()

        subprocess.run(self.job("killed", "--once"), check=True, capture_output=True)

        self.assertEqual(self.report("killed"), self.report("whole"))

    def test_aFeedReset_rebuildsFromTheStart(self):
        subprocess.run(self.job("reset", "--once"), check=True, capture_output=True)
        self.feed.feed_id = "feed-2"  # the database was restored: our cursor means nothing now

        done = subprocess.run(self.job("reset", "--once"), check=True, capture_output=True,
                              text=True)

        self.assertIn("feed reset (feed-replaced)", done.stderr)
        with open(os.path.join(self.dir, "reset", "state.json")) as f:
            state = json.load(f)
        self.assertEqual(state["feedId"], "feed-2")
        self.assertEqual(state["eventsApplied"], 11)  # the late older version is not applied

    def test_once_stopsWhenNothingIsLeftBelowAHeadWhoseEventWasCompactedAway(self):
        self.feed.head = 20  # a purged tombstone held position 20: no event is served after 14

        subprocess.run(self.job("compacted", "--once"), check=True, capture_output=True, timeout=30)

        with open(os.path.join(self.dir, "compacted", "state.json")) as f:
            self.assertEqual(json.load(f)["position"], 14)

    def test_apply_ignoresAVersionNotNewerThanTheOneHeld(self):
        state = catalog_analytics.fresh_state()
        catalog_analytics.apply(state, upsert(1, "a", 2, "home", 1000))
        catalog_analytics.apply(state, upsert(2, "a", 2, "home", 500))
        catalog_analytics.apply(state, upsert(3, "a", 1, "home", 100))

        self.assertEqual(state["products"]["a"]["price"], 1000)
        self.assertEqual(state["priceDrops"], {})


if __name__ == "__main__":
    unittest.main()
