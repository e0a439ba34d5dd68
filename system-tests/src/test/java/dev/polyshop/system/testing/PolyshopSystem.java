package dev.polyshop.system.testing;

import dev.polyshop.testing.OtlpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole shop on one container network, configured with the k8s ConfigMaps' environment, and
 * tracing to the test ({@link #traces}).
 *
 * <p>Network aliases are the k8s Service names; both replicas of search and push share the headless
 * alias, so the gateway's {@code dns:///} targets resolve every replica, as in the cluster.
 */
public final class PolyshopSystem {

  /** The subject of {@link #mintToken()}'s token, owner of the private topics the tests read. */
  public static final String SHOPPER = "shopper";

  public static final String TAG = System.getProperty("polyshop.image.tag", "0.1.0-SNAPSHOT");
  private static final Duration START = Duration.ofMinutes(3);
  private static final String TLS_DIRECTORY = "/tmp/tls";
  public static final long MEMORY_LIMIT_BYTES = 768L << 20;

  /** push-service's PUSH_PUBLISHER_JWT_SECRET here: internal publishers sign with it. */
  public static final String PUBLISHER_SECRET = "system-tests-publisher-secret-0123456789abcdef";

  public final Network network = Network.newNetwork();

  public final PostgreSQLContainer postgres = postgres(network);

  public final GenericContainer<?> redis =
      new GenericContainer<>(DockerImageName.parse("redis:7"))
          .withNetwork(network)
          .withNetworkAliases("redis")
          .withExposedPorts(6379)
          .waitingFor(Wait.forListeningPort());

  public final GenericContainer<?> product = productService(network, "products");

  public final List<GenericContainer<?>> search = List.of(search(1), search(2));
  public final List<GenericContainer<?>> push = List.of(push(1), push(2));

  public final GenericContainer<?> gateway =
      service(network, "gateway", "gateway")
          .withEnv("POLYSHOP_GATEWAY_UPSTREAMS_PRODUCTS", "http://product-service:8081")
          // k8s/overlays/prod: an own JWT secret (the development secret is refused outside dev).
          .withEnv("POLYSHOP_SECURITY_JWT_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID())
          .withEnv("SPRING_DATA_REDIS_URL", "redis://redis:6379")
          .withEnv("POLYSHOP_GATEWAY_GRPC_SEARCH_TARGET", "dns:///search-service-headless:9091")
          .withEnv("POLYSHOP_GATEWAY_GRPC_PUSH_TARGET", "dns:///push-service-headless:9092")
          .withEnv("POLYSHOP_GATEWAY_GRPC_TLS_SELF_SIGNED_DIRECTORY", TLS_DIRECTORY)
          .withEnv("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "10s")
          .withExposedPorts(8080, 8443, 9190)
          .waitingFor(
              Wait.forHttp("/actuator/health/readiness").forPort(9190).withStartupTimeout(START));

  /**
   * Every service's spans, exported over OTLP to this test JVM on the network's gateway address.
   */
  public OtlpReceiver traces;

  public void start() {
    traces = receiverOnTheNetwork();
    Stream.of(List.of(product, gateway), search, push)
        .flatMap(List::stream)
        .forEach(
            service ->
                service.withEnv("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint().toString()));
    Startables.deepStart(postgres, redis).join();
    product.start();
    Startables.deepStart(Stream.of(search, push, List.of(gateway)).flatMap(List::stream)).join();
  }

  public void stop() {
    Stream.of(List.of(gateway), push, search, List.of(product, redis, postgres))
        .flatMap(List::stream)
        .forEach(GenericContainer::stop);
    network.close();
    if (traces != null) {
      traces.close();
    }
  }

  /**
   * A receiver on the container network's gateway address: the host as the containers see it,
   * reachable from the host and this network, no further.
   */
  private OtlpReceiver receiverOnTheNetwork() {
    var ipam =
        DockerClientFactory.instance()
            .client()
            .inspectNetworkCmd()
            .withNetworkId(network.getId())
            .exec()
            .getIpam();
    try {
      return OtlpReceiver.start(InetAddress.getByName(ipam.getConfig().getFirst().getGateway()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Base URL of the gateway as a client outside the network sees it. */
  public String gatewayUrl() {
    return "http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080);
  }

  /** A native gRPC client of the gateway's TLS port. */
  public GatewayGrpc gatewayGrpc() throws Exception {
    return new GatewayGrpc(gateway, TLS_DIRECTORY + "/gateway.crt");
  }

  /** A publisher on push replica 1's internal port (Redis fans its events out to both). */
  public InternalPublisher internalPublisher() throws Exception {
    return new InternalPublisher(push.getFirst(), PUBLISHER_SECRET);
  }

  /**
   * A development JWT for {@link #SHOPPER} minted by the gateway image's own {@code DevToken} with
   * the container's secret: it writes products and reads the shopper's private topics ({@code
   * order.shopper.<id>}).
   */
  public String mintToken() throws Exception {
    var result =
        gateway.execInContainer(
            "java",
            "-cp",
            "@/app/jib-classpath-file",
            "dev.polyshop.gateway.security.DevToken",
            SHOPPER);
    if (result.getExitCode() != 0) {
      throw new IllegalStateException("minting a token failed: " + result.getStderr());
    }
    return result.getStdout().strip();
  }

  /** PostgreSQL as {@code postgres}, with product-service's database and user {@code products}. */
  @SuppressWarnings("resource")
  public static PostgreSQLContainer postgres(Network network) {
    return new PostgreSQLContainer("postgres:15")
        .withNetwork(network)
        .withNetworkAliases("postgres")
        .withDatabaseName("products")
        .withUsername("products")
        .withPassword("products");
  }

  /**
   * product-service on the database {@code database} of {@link #postgres}'s server, reached by the
   * others as {@code product-service}; k8s/overlays/prod: no demo catalog.
   */
  public static GenericContainer<?> productService(Network network, String database) {
    return service(network, "product-service", "product-service")
        .withEnv("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database)
        .withEnv("SPRING_DATASOURCE_USERNAME", "products")
        .withEnv("SPRING_DATASOURCE_PASSWORD", "products")
        .withEnv("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "20s")
        .withEnv("POLYSHOP_SEED_PRODUCTS", "0")
        .withExposedPorts(8081)
        .waitingFor(
            Wait.forHttp("/actuator/health/readiness").forPort(8081).withStartupTimeout(START));
  }

  /** A search-service replica following {@code product-service}, its index on a pod-like volume. */
  public static GenericContainer<?> searchService(Network network, String... aliases) {
    return service(network, "search-service", aliases)
        .withEnv("PRODUCT_SERVICE_URL", "http://product-service:8081")
        .withEnv("SEARCH_INDEX_DIR", "/var/lib/search-service/index")
        .withEnv("SEARCH_SHUTDOWN_GRACE", "10s")
        // The pod's index volume, owned by the image user (mode survives no restart, uid does).
        .withTmpFs(Map.of("/var/lib/search-service", "rw,uid=10001,gid=10001,mode=0750"))
        .withExposedPorts(9091, 9191)
        .waitingFor(Wait.forHttp("/health").forPort(9191).withStartupTimeout(START));
  }

  private GenericContainer<?> search(int replica) {
    return searchService(network, "search-service-" + replica, "search-service-headless");
  }

  private GenericContainer<?> push(int replica) {
    return service(network, "push-service", "push-service-" + replica, "push-service-headless")
        .withEnv("PRODUCT_SERVICE_URL", "http://product-service:8081")
        .withEnv("PUSH_REDIS_URL", "redis://redis:6379")
        .withEnv("PUSH_SHUTDOWN_GRACE", "5s")
        .withEnv("PUSH_PUBLISHER_JWT_SECRET", PUBLISHER_SECRET)
        .withExposedPorts(9092, 9093, 9192)
        .waitingFor(Wait.forHttp("/health").forPort(9192).withStartupTimeout(START));
  }

  @SuppressWarnings("resource")
  private static GenericContainer<?> service(Network network, String image, String... aliases) {
    return new GenericContainer<>(DockerImageName.parse("polyshop/" + image + ":" + TAG))
        .withNetwork(network)
        .withNetworkAliases(aliases)
        // Limit like a pod; MaxRAMPercentage in the image sizes the heap from it.
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(MEMORY_LIMIT_BYTES));
  }
}
