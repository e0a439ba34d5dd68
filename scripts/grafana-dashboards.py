#!/usr/bin/env python3
"""Writes the Grafana dashboards in k8s/components/observability/grafana/ from the panels below.

  python3 scripts/grafana-dashboards.py           # write the JSON files
  python3 scripts/grafana-dashboards.py --check   # fail if the files differ from what this writes

Edit the panels here, not the JSON. A panel whose description starts with "May be empty" may show
no data on a healthy shop; every other panel must show some in e2e's real scrape
(e2e/observability.py).
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "k8s/components/observability/grafana"
RI = '$__rate_interval'
LONG = '/actuator.*|/api/events|/products/changes'

def panel(title, targets, unit='short', desc='', w=12):
    """A time series panel: targets are (PromQL, legend) pairs; w is its width of 24 columns."""
    return dict(title=title, type='timeseries', description=desc, unit=unit, w=w,
                targets=[dict(expr=e, legendFormat=l) for e, l in targets])

def dashboard(uid, title, description, panels):
    """A dashboard with a Prometheus data source variable; panels flow left to right, 8 rows high."""
    out, x, y = [], 0, 0
    for i, p in enumerate(panels):
        w = p.pop('w')
        if x + w > 24:
            x, y = 0, y + 8
        unit = p.pop('unit')
        p.update(id=i + 1, gridPos=dict(x=x, y=y, w=w, h=8), datasource={'type': 'prometheus', 'uid': '${datasource}'},
                 fieldConfig={'defaults': {'unit': unit}, 'overrides': []}, options={'legend': {'displayMode': 'list', 'placement': 'bottom'}})
        for j, t in enumerate(p['targets']):
            t['refId'] = chr(ord('A') + j)
            t['datasource'] = {'type': 'prometheus', 'uid': '${datasource}'}
        if not p['description']:
            del p['description']
        out.append(p)
        x += w
    return {
        'uid': uid, 'title': title, 'description': description, 'tags': ['polyshop'],
        'schemaVersion': 39, 'version': 1, 'editable': True, 'refresh': '30s', 'time': {'from': 'now-1h', 'to': 'now'},
        'templating': {'list': [{'name': 'datasource', 'label': 'Prometheus', 'type': 'datasource', 'query': 'prometheus'}]},
        'links': [{'title': 'Polyshop', 'type': 'dashboards', 'tags': ['polyshop'], 'asDropdown': True}],
        'panels': out,
    }

# Spring Boot's Micrometer (gateway, product-service) and the Prometheus client (search, push) name
# CPU and GC time differently; an overview panel asks for both, a service's panel for its own.
MICROMETER = {"cpu": "process_cpu_time_ns_total", "cpu_scale": " / 1e9", "gc": "jvm_gc_pause_seconds_sum"}
CLIENT = {"cpu": "process_cpu_seconds_total", "cpu_scale": "", "gc": "jvm_gc_collection_seconds_sum"}


def jvm_panels(job=None, w=8):
    """Heap, CPU and GC time: per job on the overview (job None), else for one service."""
    libraries = [MICROMETER, CLIENT] if job is None else [
        MICROMETER if job in ("gateway", "product-service") else CLIENT]
    match = "" if job is None else f'job="{job}"'
    heap = f'jvm_memory_used_bytes{{{match + "," if match else ""}area="heap"}}'
    return [
        panel('Heap used', [(f'sum by (job) ({heap})', '{{job}}')], 'bytes', w=w),
        panel('CPU (cores)', [(f'sum by (job) (rate({lib["cpu"]}{{{match}}}[{RI}])){lib["cpu_scale"]}', '{{job}}')
                              for lib in libraries], 'short', w=w),
        panel('GC time per second', [(f'sum by (job) (rate({lib["gc"]}{{{match}}}[{RI}]))', '{{job}}')
                                     for lib in libraries], 'percentunit', w=w),
    ] + ([] if job in (None, "gateway") else [
        panel('Virtual threads', [
            (f'sum by (scheduling_status) (jvm_threads_virtual_live_threads{{{match}}})', '{{scheduling_status}}'),
            (f'sum(jvm_threads_virtual_parallelism{{{match}}})', 'carrier threads')], 'short',
              'Virtual threads running on a carrier thread, and ready to run but waiting for one: queued '
              'virtual threads that do not drain mean every carrier is busy (CPU saturation).', w=w),
    ])


overview = dashboard('polyshop-overview', 'Polyshop: overview',
  'The shop at a glance: traffic, errors and latency per service, how far the change feed consumers are behind, live subscribers, breakers and rate limiting.', [
    panel('Requests per second', [
        (f'sum by (job) (rate(http_server_requests_seconds_count{{uri!~"{LONG}"}}[{RI}]))', '{{job}} HTTP'),
        (f'sum by (job) (rate(grpc_server_handled_total[{RI}]))', '{{job}} gRPC')], 'reqps', w=8),
    panel('Server errors (ratio)', [
        (f'sum by (job) (rate(http_server_requests_seconds_count{{status=~"5..",uri!~"/actuator.*"}}[{RI}])) / sum by (job) (rate(http_server_requests_seconds_count{{uri!~"/actuator.*"}}[{RI}]))', '{{job}} HTTP'),
        (f'sum by (job) (rate(grpc_server_handled_total{{grpc_code=~"UNKNOWN|INTERNAL|UNAVAILABLE|DATA_LOSS|DEADLINE_EXCEEDED"}}[{RI}])) / sum by (job) (rate(grpc_server_handled_total[{RI}]))', '{{job}} gRPC')],
        'percentunit', 'May be empty: a ratio needs traffic in the window.', w=8),
    panel('p99 latency', [
        (f'histogram_quantile(0.99, sum by (job, le) (rate(http_server_requests_seconds_bucket{{uri!~"{LONG}"}}[{RI}])))', '{{job}} HTTP'),
        (f'histogram_quantile(0.99, sum by (job, le) (rate(grpc_server_handling_seconds_bucket{{grpc_service="polyshop.search.v1.SearchService"}}[{RI}])))', '{{job}} search')],
        's', 'Live-event streams and change-feed long polls excluded: they last as long as the client stays.', w=8),
    panel('Change-feed lag (seconds)', [('max by (job, consumer) (polyshop_feed_consumer_lag_seconds)', '{{consumer}}')], 's',
          'Seconds since each consumer last stood at the feed head. Alert: PolyshopFeedConsumerLagging.', w=8),
    panel('Change-feed lag (positions)', [('max by (job, consumer) (polyshop_feed_consumer_lag_positions)', '{{consumer}}'),
                                          ('max by (job) (polyshop_feed_unsequenced_events)', 'outbox: not yet sequenced')], 'short', w=8),
    panel('Live subscribers', [('sum by (job) (push_subscribers)', '{{job}}')], 'short', w=8),
    panel('Circuit breakers open', [('max by (name) (resilience4j_circuitbreaker_state{state=~"open|forced_open|half_open"})', '{{name}}')], 'short',
          '1 while a breaker is open. Alert: PolyshopCircuitBreakerOpen.', w=8),
    panel('Rate-limit rejections per second', [(f'sum by (edge) (rate(polyshop_gateway_rate_limit_rejections_total[{RI}]))', '{{edge}}')], 'reqps', w=8),
    panel('Push events dropped per second', [(f'sum by (job) (rate(push_dropped_events_total[{RI}]))', '{{job}}')], 'short',
          'From full subscriber queues. Alert: PolyshopPushDroppingEvents.', w=8),
] + jvm_panels())

gateway = dashboard('polyshop-gateway', 'Polyshop: gateway',
  'The edge: requests by route and status, their latency, the upstream breakers, rate limiting and the JVM.', [
    panel('Requests per second by route', [(f'sum by (uri, status) (rate(http_server_requests_seconds_count{{job="gateway",uri!~"/actuator.*"}}[{RI}]))', '{{uri}} {{status}}')], 'reqps'),
    panel('p99 by route', [(f'histogram_quantile(0.99, sum by (uri, le) (rate(http_server_requests_seconds_bucket{{job="gateway",uri!~"{LONG}"}}[{RI}])))', '{{uri}}')], 's'),
    panel('Proxied requests by upstream route', [(f'sum by (routeId, outcome) (rate(spring_cloud_gateway_requests_seconds_count{{job="gateway"}}[{RI}]))', '{{routeId}} {{outcome}}')], 'reqps',
          'May be empty until a proxied route (products) has served a request.'),
    panel('Proxied p99 by upstream route', [(f'histogram_quantile(0.99, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket{{job="gateway"}}[{RI}])))', '{{routeId}}')], 's',
          'May be empty until a proxied route (products) has served a request.'),
    panel('Circuit breaker state', [('max by (name, state) (resilience4j_circuitbreaker_state{job="gateway"}) > 0', '{{name}} {{state}}')], 'short', w=8),
    panel('Calls refused by open breakers', [(f'sum by (name) (rate(resilience4j_circuitbreaker_not_permitted_calls_total{{job="gateway"}}[{RI}]))', '{{name}}')], 'reqps', w=8),
    panel('Rate limiting', [(f'sum by (edge) (rate(polyshop_gateway_rate_limit_rejections_total{{job="gateway"}}[{RI}]))', 'rejected {{edge}}'),
                            (f'rate(polyshop_gateway_rate_limit_failed_open_total{{job="gateway"}}[{RI}])', 'let through: store down')], 'reqps', w=8),
] + jvm_panels('gateway'))

product = dashboard('polyshop-product-service', 'Polyshop: product-service',
  'The catalog of record: REST traffic, the database pool its virtual threads wait on, and the change feed it produces.', [
    panel('Requests per second', [(f'sum by (method, uri, status) (rate(http_server_requests_seconds_count{{job="product-service",uri!~"/actuator.*"}}[{RI}]))', '{{method}} {{uri}} {{status}}')], 'reqps'),
    panel('p99 by route', [(f'histogram_quantile(0.99, sum by (uri, le) (rate(http_server_requests_seconds_bucket{{job="product-service",uri!~"{LONG}"}}[{RI}])))', '{{uri}}')], 's'),
    panel('Database connections', [('sum(hikaricp_connections_active{job="product-service"})', 'in use'),
                                   ('sum(hikaricp_connections_max{job="product-service"})', 'pool size'),
                                   ('sum(hikaricp_connections_pending{job="product-service"})', 'threads waiting')], 'short',
          'Requests run on virtual threads, so the pool is where they queue: waiting threads mean saturation.', w=8),
    panel('Connection wait', [(f'sum(rate(hikaricp_connections_acquire_seconds_sum{{job="product-service"}}[{RI}])) / sum(rate(hikaricp_connections_acquire_seconds_count{{job="product-service"}}[{RI}]))', 'mean acquire time')], 's',
          'May be empty: a mean needs connections acquired in the window.', w=8),
    panel('Change feed', [('max(polyshop_feed_head_position{job="product-service"})', 'head position'),
                          ('max by (consumer) (polyshop_feed_consumer_position)', '{{consumer}}')], 'short',
          'The head and where each consumer stands.', w=8),
    panel('Outbox backlog', [('max(polyshop_feed_unsequenced_events{job="product-service"})', 'committed, not yet sequenced')], 'short',
          'Alert: PolyshopOutboxBacklog.', w=8),
] + jvm_panels('product-service'))

search = dashboard('polyshop-search-service', 'Polyshop: search-service',
  'The search engine: calls by method and status, their latency, the index and how far it is behind the catalog.', [
    panel('Calls per second', [(f'sum by (grpc_method, grpc_code) (rate(grpc_server_handled_total{{job="search-service"}}[{RI}]))', '{{grpc_method}} {{grpc_code}}')], 'reqps'),
    panel('p50 / p99 by method', [(f'histogram_quantile(0.5, sum by (grpc_method, le) (rate(grpc_server_handling_seconds_bucket{{job="search-service"}}[{RI}])))', 'p50 {{grpc_method}}'),
                                  (f'histogram_quantile(0.99, sum by (grpc_method, le) (rate(grpc_server_handling_seconds_bucket{{job="search-service"}}[{RI}])))', 'p99 {{grpc_method}}')], 's'),
    panel('Search threads', [('sum(executor_active_threads{job="search-service"})', 'busy'), ('sum(executor_pool_max_threads{job="search-service"})', 'pool'),
                             ('sum(executor_queued_tasks{job="search-service"})', 'calls waiting')], 'short', 'Calls waiting for a thread mean the replica is saturated.', w=8),
    panel('Index', [('sum(search_index_documents{job="search-service"})', 'documents')], 'short', w=8),
    panel('Index size', [('sum(search_index_size_bytes{job="search-service"})', 'bytes')], 'bytes', w=8),
    panel('Refresh time p99', [(f'histogram_quantile(0.99, sum by (le) (rate(search_index_refresh_seconds_bucket{{job="search-service"}}[{RI}])))', 'p99')], 's',
          'May be empty: refreshes happen only when changes arrive.', w=8),
    panel('Feed lag', [('max(polyshop_feed_consumer_lag_seconds{job="search-service"})', 'seconds'),
                       ('max(polyshop_feed_consumer_lag_positions{job="search-service"})', 'positions')], 'short', w=8),
    panel('Feed contact age', [('max(search_feed_last_contact_age_seconds{job="search-service"})', 'seconds since product-service answered')], 's', w=8),
] + jvm_panels('search-service'))

push = dashboard('polyshop-push-service', 'Polyshop: push-service',
  'Live events: subscribers, their queues, what is dropped, fan-out and delivery latency, the retained log and the catalog feed.', [
    panel('Subscribers', [('sum(push_subscribers{job="push-service"})', 'open streams')], 'short', w=8),
    panel('Queued events', [('sum(push_queued_events{job="push-service"})', 'all queues'), ('max(push_queue_depth_max_events{job="push-service"})', 'deepest queue')], 'short', w=8),
    panel('Dropped events per second', [(f'sum(rate(push_dropped_events_total{{job="push-service"}}[{RI}]))', 'dropped')], 'short', w=8),
    panel('Fan-out and delivery p99', [(f'histogram_quantile(0.99, sum by (le) (rate(push_fanout_seconds_bucket{{job="push-service"}}[{RI}])))', 'fan-out'),
                                       (f'histogram_quantile(0.99, sum by (le) (rate(push_delivery_latency_seconds_bucket{{job="push-service"}}[{RI}])))', 'delivery')], 's',
          'May be empty: needs events in the window.'),
    panel('Calls by method and status', [(f'sum by (grpc_method, grpc_code) (rate(grpc_server_handled_total{{job="push-service"}}[{RI}]))', '{{grpc_method}} {{grpc_code}}')], 'reqps',
          'May be empty: a call counts when it ends, and a Subscribe stream lasts as long as its client stays.'),
    panel('Retained log', [('sum by (family) (push_retained_events{job="push-service"})', '{{family}} events')], 'short', w=8),
    panel('Retained log size', [('sum by (family) (push_retained_bytes{job="push-service"})', '{{family}}')], 'bytes', w=8),
    panel('Delivery threads', [('sum(executor_active_threads{job="push-service"})', 'busy'), ('sum(executor_queued_tasks{job="push-service"})', 'waiting')], 'short', w=8),
    panel('Catalog feed lag', [('max(polyshop_feed_consumer_lag_seconds{job="push-service"})', 'seconds'),
                               ('max(polyshop_feed_consumer_lag_positions{job="push-service"})', 'positions')], 'short', w=8),
] + jvm_panels('push-service'))

DASHBOARDS = {"overview": overview, "gateway": gateway, "product-service": product,
              "search-service": search, "push-service": push}


def main():
    check = sys.argv[1:] == ["--check"]
    stale = []
    for name, dashboard in DASHBOARDS.items():
        path = OUT / f"polyshop-{name}.json"
        text = json.dumps(dashboard, indent=2) + "\n"
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(path.name)
        else:
            path.write_text(text)
    if stale:
        sys.exit(f"dashboards out of date: {', '.join(stale)}; run python3 scripts/grafana-dashboards.py")
    print(f"[dashboards] {len(DASHBOARDS)} dashboards {'match their panels' if check else 'written'}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
