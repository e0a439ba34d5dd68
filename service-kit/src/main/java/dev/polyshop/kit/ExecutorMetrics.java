package dev.polyshop.kit;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Saturation of the services' bounded thread pools, under the names Spring Boot's gateway and
 * product-service use for theirs ({@code executor_active_threads}, {@code executor_queued_tasks},
 * {@code executor_pool_max_threads}, labelled by pool {@code name}), so one panel shows them all.
 */
public final class ExecutorMetrics {

  private ExecutorMetrics() {}

  /** Registers the gauges of the named pools (fixed names, such as {@code search-call}). */
  public static void register(PrometheusRegistry registry, Map<String, ThreadPoolExecutor> pools) {
    GaugeWithCallback.builder()
        .name("executor_active_threads")
        .help("Threads of the pool running a task")
        .labelNames("name")
        .callback(cb -> pools.forEach((name, pool) -> cb.call(pool.getActiveCount(), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("executor_queued_tasks")
        .help("Tasks waiting for a thread of the pool")
        .labelNames("name")
        .callback(cb -> pools.forEach((name, pool) -> cb.call(pool.getQueue().size(), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("executor_pool_max_threads")
        .help("Threads the pool may run at most")
        .labelNames("name")
        .callback(cb -> pools.forEach((name, pool) -> cb.call(pool.getMaximumPoolSize(), name)))
        .register(registry);
  }
}
