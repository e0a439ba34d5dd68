package dev.polyshop.product.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Feed gauges: how far the feed has advanced and how much committed work awaits a position. */
@Component
class FeedMetrics implements MeterBinder {

  private final FeedSignal signal;
  private final JdbcClient jdbc;

  FeedMetrics(FeedSignal signal, JdbcClient jdbc) {
    this.signal = signal;
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("polyshop.feed.head.position", signal, FeedSignal::head)
        .description("Newest change feed position known to this replica")
        .register(registry);
    Gauge.builder("polyshop.feed.unsequenced.events", this, FeedMetrics::unsequenced)
        .description("Committed change events still waiting for a feed position")
        .register(registry);
  }

  private double unsequenced() {
    try {
      return jdbc.sql("select count(*) from change_event where position is null")
          .query(Long.class)
          .single();
    } catch (RuntimeException databaseUnavailable) {
      return Double.NaN;
    }
  }
}
