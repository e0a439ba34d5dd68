package dev.polyshop.kit;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * The virtual-thread scheduler of the JVM, under the names Micrometer gives it in product-service
 * ({@code jvm_threads_virtual_*}), so one panel shows every service that runs work on virtual
 * threads. Its saturation is {@code jvm_threads_virtual_live_threads{scheduling_status="queued"}}:
 * virtual threads ready to run while every carrier thread is busy.
 *
 * <p>The gauges are read on each scrape from the JDK's {@link VirtualThreadSchedulerMXBean};
 * nothing runs between scrapes.
 */
public final class VirtualThreadMetrics {

  private VirtualThreadMetrics() {}

  /** Registers the scheduler's gauges. */
  public static void register(PrometheusRegistry registry) {
    register(registry, ManagementFactory.getPlatformMXBean(VirtualThreadSchedulerMXBean.class));
  }

  static void register(PrometheusRegistry registry, VirtualThreadSchedulerMXBean scheduler) {
    GaugeWithCallback.builder()
        .name("jvm_threads_virtual_parallelism")
        .help("Carrier threads the virtual-thread scheduler aims to keep running")
        .callback(cb -> cb.call(scheduler.getParallelism()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("jvm_threads_virtual_pool_size_threads")
        .help("Carrier threads the virtual-thread scheduler has started and not yet ended")
        .callback(cb -> cb.call(scheduler.getPoolSize()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("jvm_threads_virtual_live_threads")
        .help("Unfinished virtual threads, mounted on a carrier or queued for one")
        .labelNames("scheduling_status")
        .callback(
            cb -> {
              cb.call(scheduler.getMountedVirtualThreadCount(), "mounted");
              cb.call(scheduler.getQueuedVirtualThreadCount(), "queued");
            })
        .register(registry);
  }
}
