package dev.polyshop.search.testing;

import dev.polyshop.search.system.Config;
import dev.polyshop.search.system.SearchApplication;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SearchServiceGrpc.SearchServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The whole application as {@code main} assembles it, on an in-process gRPC transport, following a
 * feed at {@code feedUrl}, with its metrics on a free local port.
 */
public final class RunningSearch implements AutoCloseable {

  public final SearchApplication app;
  public final ManagedChannel channel;

  private RunningSearch(Map<String, String> env) throws Exception {
    String name = InProcessServerBuilder.generateName();
    app = SearchApplication.start(Config.from(env), InProcessServerBuilder.forName(name));
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /** Starts with fast test settings; {@code extraEnv} adds or overrides keys. */
  public static RunningSearch start(String feedUrl, Map<String, String> extraEnv) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PRODUCT_SERVICE_URL", feedUrl);
    env.put("SEARCH_METRICS_PORT", "0");
    env.put("SEARCH_FEED_WAIT", "1s");
    env.put("SEARCH_SHUTDOWN_GRACE", "1s");
    env.put("SEARCH_THREADS", "2");
    env.putAll(extraEnv);
    return new RunningSearch(env);
  }

  public SearchServiceBlockingStub search() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  public ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  public void awaitServing() throws InterruptedException {
    await(() -> health("") == ServingStatus.SERVING, Duration.ofSeconds(10));
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
  public static Duration await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(10);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() throws Exception {
    app.close();
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }
}
