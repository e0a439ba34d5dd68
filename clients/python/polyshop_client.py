#!/usr/bin/python3
"""A command-line client of Polyshop's gRPC contracts: search, suggest, subscribe, publish.

Every answer is printed as one JSON object per line, in the proto3 JSON mapping; a gRPC error is
printed as {"error": {"code": ..., "message": ...}} and the exit status is 3. See README.md.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "build", "gen"))

import grpc  # noqa: E402  (Debian's python3-grpcio)
from google.protobuf import json_format  # noqa: E402
from polyshop.push.v1 import push_service_pb2 as push  # noqa: E402
from polyshop.push.v1 import push_service_pb2_grpc as push_grpc  # noqa: E402
from polyshop.search.v1 import search_service_pb2 as search  # noqa: E402
from polyshop.search.v1 import search_service_pb2_grpc as search_grpc  # noqa: E402

SORTS = {
    "relevance": search.SORT_ORDER_RELEVANCE,
    "price_asc": search.SORT_ORDER_PRICE_ASC,
    "price_desc": search.SORT_ORDER_PRICE_DESC,
    "newest": search.SORT_ORDER_NEWEST,
}
DEFAULT_PORTS = {"search": 9091, "suggest": 9091, "subscribe": 9092, "publish": 9093}


def emit(message=None, **fields):
    """Prints one JSON line: a message in the proto3 JSON mapping, or the given fields."""
    body = json_format.MessageToDict(message) if message is not None else fields
    print(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False), flush=True)


def channel(args):
    target = args.target or (
        "localhost:8443" if args.tls else f"localhost:{DEFAULT_PORTS[args.command]}"
    )
    if not args.tls:
        return grpc.insecure_channel(target)
    root = None
    if args.ca:
        with open(args.ca, "rb") as pem:
            root = pem.read()
    return grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=root))


def metadata(args):
    return [("authorization", f"Bearer {args.token}")] if args.token else []


def run_search(args, ch):
    request = search.SearchRequest(
        query=args.query,
        filter=search.SearchFilter(
            categories=args.category, brands=args.brand, in_stock_only=args.in_stock
        ),
        sort=SORTS[args.sort],
        page_size=args.page_size,
        page_token=args.page_token,
    )
    if args.min_price is not None:
        request.filter.min_price_minor = args.min_price
    if args.max_price is not None:
        request.filter.max_price_minor = args.max_price
    stub = search_grpc.SearchServiceStub(ch)
    emit(stub.Search(request, timeout=args.deadline, metadata=metadata(args)))


def run_suggest(args, ch):
    stub = search_grpc.SearchServiceStub(ch)
    request = search.SuggestRequest(prefix=args.prefix, limit=args.limit)
    emit(stub.Suggest(request, timeout=args.deadline, metadata=metadata(args)))


def run_subscribe(args, ch):
    """Prints events and resets (heartbeats only with --heartbeats) until --events have arrived or
    --wait seconds have passed; a stream that ends by itself is an error."""
    stub = push_grpc.PushServiceStub(ch)
    request = push.SubscribeRequest(topics=args.topic, resume_token=args.resume_token)
    stream = stub.Subscribe(request, timeout=args.wait, metadata=metadata(args))
    events = 0
    try:
        for item in stream:
            kind = item.WhichOneof("kind")
            if kind == "heartbeat" and not args.heartbeats:
                continue
            emit(item)
            if kind == "event":
                events += 1
                if args.events and events >= args.events:
                    stream.cancel()
                    return
    except grpc.RpcError as e:
        # The --wait budget running out ends a subscription normally.
        if e.code() == grpc.StatusCode.DEADLINE_EXCEEDED:
            return
        if e.code() == grpc.StatusCode.CANCELLED and args.events and events >= args.events:
            return
        raise


def run_publish(args, ch):
    stub = push_grpc.PushServiceStub(ch)
    request = push.PublishRequest(topic=args.topic, type=args.type, data_json=args.data)
    emit(stub.Publish(request, timeout=args.deadline, metadata=metadata(args)))


def parser():
    p = argparse.ArgumentParser(prog="polyshop-client", description=__doc__.splitlines()[0])
    p.add_argument("--target", help="host:port (default: the service's own port; with --tls 8443)")
    p.add_argument("--tls", action="store_true", help="TLS, as through the gateway's port 8443")
    p.add_argument("--ca", help="PEM file of the CA to trust (e.g. .polyshop/tls/gateway.crt)")
    p.add_argument("--token", default=os.environ.get("POLYSHOP_TOKEN"), help="bearer JWT")
    p.add_argument("--deadline", type=float, default=5.0, help="seconds per unary call")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("search", help="SearchService/Search")
    s.add_argument("--query", default="")
    s.add_argument("--category", action="append", default=[])
    s.add_argument("--brand", action="append", default=[])
    s.add_argument("--min-price", type=int, help="minor units")
    s.add_argument("--max-price", type=int, help="minor units")
    s.add_argument("--in-stock", action="store_true")
    s.add_argument("--sort", choices=sorted(SORTS), default="relevance")
    s.add_argument("--page-size", type=int, default=0)
    s.add_argument("--page-token", default="")

    g = sub.add_parser("suggest", help="SearchService/Suggest")
    g.add_argument("--prefix", required=True)
    g.add_argument("--limit", type=int, default=0)

    t = sub.add_parser("subscribe", help="PushService/Subscribe")
    t.add_argument("--topic", action="append", required=True)
    t.add_argument("--resume-token", default="")
    t.add_argument("--events", type=int, default=0, help="stop after this many events")
    t.add_argument("--wait", type=float, default=30.0, help="stop after this many seconds")
    t.add_argument("--heartbeats", action="store_true", help="print heartbeats too")

    u = sub.add_parser("publish", help="PushService/Publish (internal port, publisher token)")
    u.add_argument("--topic", required=True)
    u.add_argument("--type", required=True)
    u.add_argument("--data", required=True, help="the event body, JSON text")
    return p


def main():
    args = parser().parse_args()
    commands = {
        "search": run_search,
        "suggest": run_suggest,
        "subscribe": run_subscribe,
        "publish": run_publish,
    }
    with channel(args) as ch:
        try:
            commands[args.command](args, ch)
        except grpc.RpcError as e:
            emit(error={"code": e.code().name, "message": e.details() or ""})
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
