package dev.polyshop.kit;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The change-feed consumer gauges every follower of product-service's feed exposes under the same
 * names, labelled by {@code consumer}, so one dashboard panel and one alert rule cover them all:
 * {@code polyshop_feed_consumer_position}, {@code polyshop_feed_consumer_lag_positions} and {@code
 * polyshop_feed_consumer_lag_seconds}. product-service exposes the head they chase as {@code
 * polyshop_feed_head_position}.
 */
public final class FeedConsumerMetrics {

  private FeedConsumerMetrics() {}

  /**
   * Registers the three gauges for {@code consumer} (a fixed name such as {@code search-index}).
   *
   * @param position the last feed position the consumer applied
   * @param lagPositions positions between the newest one it heard of and the last one it applied
   * @param lagSeconds seconds since it last stood at the newest position it heard of (0 there)
   */
  public static void register(
      PrometheusRegistry registry,
      String consumer,
      LongSupplier position,
      LongSupplier lagPositions,
      DoubleSupplier lagSeconds) {
    GaugeWithCallback.builder()
        .name("polyshop_feed_consumer_position")
        .help("Last change-feed position the consumer applied")
        .labelNames("consumer")
        .callback(cb -> cb.call(position.getAsLong(), consumer))
        .register(registry);
    GaugeWithCallback.builder()
        .name("polyshop_feed_consumer_lag_positions")
        .help("Change-feed positions between the newest one heard of and the last one applied")
        .labelNames("consumer")
        .callback(cb -> cb.call(lagPositions.getAsLong(), consumer))
        .register(registry);
    GaugeWithCallback.builder()
        .name("polyshop_feed_consumer_lag_seconds")
        .unit(Unit.SECONDS)
        .help("Seconds since the consumer last stood at the newest position it heard of (0 there)")
        .labelNames("consumer")
        .callback(cb -> cb.call(lagSeconds.getAsDouble(), consumer))
        .register(registry);
  }
}
