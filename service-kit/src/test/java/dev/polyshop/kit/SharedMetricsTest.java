package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The metrics search-service and push-service expose under shared names. */
class SharedMetricsTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void grpcServerMetrics_countAndTimeEachCall_byItsFinalStatus() throws Exception {
    var calls = new GrpcServerMetrics(registry, 0.001, 1);
    var health =
        new HealthGrpc.HealthImplBase() {
          @Override
          public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> out) {
            if (request.getService().isEmpty()) {
              out.onNext(HealthCheckResponse.getDefaultInstance());
              out.onCompleted();
            } else {
              out.onError(Status.NOT_FOUND.asRuntimeException());
            }
          }
        };
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(health, calls.interceptor()))
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      var stub = HealthGrpc.newBlockingStub(channel);
      stub.check(HealthCheckRequest.getDefaultInstance());
      stub.check(HealthCheckRequest.getDefaultInstance());
      assertThatThrownBy(() -> stub.check(HealthCheckRequest.newBuilder().setService("x").build()))
          .hasMessageContaining("NOT_FOUND");
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }

    String text = scrape();
    String labels = "grpc_code=\"%s\",grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\"";
    assertThat(text)
        .contains("grpc_server_handled_total{" + labels.formatted("OK") + "} 2")
        .contains("grpc_server_handled_total{" + labels.formatted("NOT_FOUND") + "} 1")
        .contains("grpc_server_handling_seconds_count{" + labels.formatted("OK") + "} 2")
        .contains(
            "grpc_server_handling_seconds_bucket{" + labels.formatted("OK") + ",le=\"1.0\"} 2");
  }

  @Test
  void executorMetrics_showBusyThreads_andTasksWaitingForThem() throws Exception {
    var pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    var release = new CountDownLatch(1);
    var started = new CountDownLatch(1);
    try {
      ExecutorMetrics.register(registry, Map.of("test-pool", pool));
      pool.execute(
          () -> {
            started.countDown();
            awaitQuietly(release);
          });
      started.await();
      pool.execute(() -> {});
      pool.execute(() -> {});

      assertThat(scrape())
          .contains("executor_active_threads{name=\"test-pool\"} 1")
          .contains("executor_queued_tasks{name=\"test-pool\"} 2")
          .contains("executor_pool_max_threads{name=\"test-pool\"} 1");
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }

  @Test
  void feedConsumerMetrics_nameTheConsumer_andReadLiveValues() throws Exception {
    long[] lag = {7};
    FeedConsumerMetrics.register(registry, "search-index", () -> 42, () -> lag[0], () -> 1.5);

    assertThat(scrape())
        .contains("polyshop_feed_consumer_position{consumer=\"search-index\"} 42")
        .contains("polyshop_feed_consumer_lag_positions{consumer=\"search-index\"} 7")
        .contains("polyshop_feed_consumer_lag_seconds{consumer=\"search-index\"} 1.5");
    lag[0] = 0;
    assertThat(scrape())
        .contains("polyshop_feed_consumer_lag_positions{consumer=\"search-index\"} 0");
  }

  @Test
  void virtualThreadMetrics_countTheVirtualThreadsRunning_onTheSchedulersCarriers()
      throws Exception {
    VirtualThreadMetrics.register(registry);
    var running = new CountDownLatch(1);
    var stop = new AtomicBoolean();
    // A virtual thread that never parks stays mounted on its carrier until told to stop.
    Thread spinner =
        Thread.ofVirtual()
            .start(
                () -> {
                  running.countDown();
                  while (!stop.get()) {
                    Thread.onSpinWait();
                  }
                });
    try {
      running.await();
      String text = scrape();
      assertThat(sample(text, "jvm_threads_virtual_live_threads{scheduling_status=\"mounted\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(sample(text, "jvm_threads_virtual_pool_size_threads")).isGreaterThanOrEqualTo(1);
      assertThat(sample(text, "jvm_threads_virtual_parallelism"))
          .isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(text).contains("jvm_threads_virtual_live_threads{scheduling_status=\"queued\"}");
    } finally {
      stop.set(true);
      spinner.join();
    }
  }

  private static double sample(String exposition, String series) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " not in:\n" + exposition));
  }

  private String scrape() throws IOException {
    var out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
