package dev.polyshop.push.system;

import dev.polyshop.kit.FeedConsumerMetrics;
import dev.polyshop.kit.VirtualThreadMetrics;
import dev.polyshop.push.catalog.CatalogFeed;
import dev.polyshop.push.fanout.FanoutStats;
import dev.polyshop.push.fanout.Hub;
import dev.polyshop.push.fanout.TopicFamily;
import dev.polyshop.push.v1.ResetReason;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.jspecify.annotations.Nullable;

/** Prometheus metrics of one push-service instance (its own registry, so tests can run several). */
final class Metrics implements FanoutStats {

  private static final double[] LATENCY_BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private final PrometheusRegistry registry;
  private final Counter discarded;
  private final Counter resets;
  private final Histogram fanout;
  private final Histogram delivery;

  Metrics(PrometheusRegistry registry) {
    this.registry = registry;
    JvmMetrics.builder().register(registry);
    VirtualThreadMetrics.register(registry);
    this.discarded =
        Counter.builder()
            .name("push_dropped_events_total")
            .withoutExemplars()
            .help(
                "Events discarded from full subscriber queues (re-read from the log if still retained)")
            .register(registry);
    this.resets =
        Counter.builder()
            .name("push_resets_total")
            .withoutExemplars()
            .help("Reset messages sent to subscribers, by reason")
            .labelNames("reason")
            .register(registry);
    this.fanout =
        Histogram.builder()
            .name("push_fanout_seconds")
            .help("Time to offer one event to every subscriber of its topic")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .withoutExemplars()
            .register(registry);
    this.delivery =
        Histogram.builder()
            .name("push_delivery_latency_seconds")
            .help("Time from an event entering the log to its hand-over to a subscriber's stream")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .withoutExemplars()
            .register(registry);
  }

  /** Registers the gauges that read live state. */
  void bind(Hub hub, @Nullable CatalogFeed catalog) {
    GaugeWithCallback.builder()
        .name("push_subscribers")
        .help("Open Subscribe streams")
        .callback(cb -> cb.call(hub.subscriberCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("push_queued_events")
        .help("Events waiting in all subscriber queues")
        .callback(cb -> cb.call(hub.queueDepths().total()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("push_queue_depth_max_events")
        .help("Events waiting in the deepest subscriber queue")
        .callback(cb -> cb.call(hub.queueDepths().max()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("push_retained_events")
        .help("Events retained for resume, by family")
        .labelNames("family")
        .callback(
            cb -> {
              for (TopicFamily family : TopicFamily.values()) {
                cb.call(hub.stream(family).log().size(), family.name().toLowerCase());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("push_retained_bytes")
        .help("Approximate bytes retained for resume, by family")
        .labelNames("family")
        .callback(
            cb -> {
              for (TopicFamily family : TopicFamily.values()) {
                cb.call(hub.stream(family).log().bytes(), family.name().toLowerCase());
              }
            })
        .register(registry);
    if (catalog != null) {
      FeedConsumerMetrics.register(
          registry, "push-catalog", catalog::position, catalog::lag, catalog::lagSeconds);
    }
  }

  @Override
  public void fannedOut(long nanos, int subscribers) {
    fanout.observe(nanos / 1e9);
  }

  @Override
  public void delivered(long nanos) {
    delivery.observe(nanos / 1e9);
  }

  @Override
  public void queueDiscarded(int events) {
    discarded.inc(events);
  }

  @Override
  public void reset(ResetReason reason) {
    resets.labelValues(reason.name()).inc();
  }
}
