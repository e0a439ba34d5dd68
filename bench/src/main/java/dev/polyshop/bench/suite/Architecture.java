package dev.polyshop.bench.suite;

import dev.polyshop.bench.proc.ProcFs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polyshop's own services on the same method: the gateway's {@code /api/ping} (in the ping table,
 * next to Gin), and one product read directly from product-service and through the gateway. Both
 * services run on the server cores on free ports (embedded PostgreSQL on a free port too), with the
 * gateway's rate limiter and native gRPC listener off.
 */
final class Architecture {

  static final String GATEWAY = "polyshop-gateway";
  static final String DIRECT = "product-service";
  static final String VIA_GATEWAY = "gateway→product-service";
  static final String PRODUCT_GET = "product-get";

  /** The scenario row the report shows for product reads. */
  static final Scenario PRODUCT_SCENARIO =
      new Scenario(
          PRODUCT_GET,
          "/products/{id}",
          "GET one product: product-service /products/{id} directly, or /api/products/{id} via the gateway",
          64,
          64,
          false);

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  private final Path root;
  private final String javaBin;
  private final String serverCpus;
  private final Path logDir;

  Architecture(Path root, String java, String serverCpus, Path logDir) {
    this.root = root;
    this.javaBin = java;
    this.serverCpus = serverCpus;
    this.logDir = logDir;
  }

  /** Whether both service jars are built. */
  boolean available() {
    return jar("gateway", "polyshop-gateway").isPresent()
        && jar("product-service", "polyshop-product-service").isPresent();
  }

  List<Measurement> run(Suite suite, int rep, Map<String, Double> gin)
      throws IOException, InterruptedException {
    List<Measurement> results = new ArrayList<>();
    Path db = Files.createDirectories(root.resolve("bench/target/architecture/product-db-" + rep));
    try (Server products =
        Server.start(
            DIRECT,
            List.of(
                javaBin,
                "-jar",
                jar("product-service", "polyshop-product-service").orElseThrow().toString()),
            Map.of(
                "SERVER_PORT", "${PORT}",
                "POLYSHOP_EMBEDDED_DB_PORT", "0",
                "POLYSHOP_EMBEDDED_DB_DATA_DIR", db.toString(),
                "POLYSHOP_SEED_PRODUCTS", "1000"),
            root,
            serverCpus,
            logDir)) {
      products.awaitReady("/actuator/health/readiness", Duration.ofMinutes(10));
      String id = firstProductId(products.port());
      // pg_ctl detaches PostgreSQL from product-service's tree: find it by its data directory.
      List<Integer> productTree = new ArrayList<>(List.of((int) products.pid()));
      productTree.addAll(ProcFs.system().commandLineContains(db.toString()));
      try (Server gateway =
          Server.start(
              GATEWAY,
              List.of(javaBin, "-jar", jar("gateway", "polyshop-gateway").orElseThrow().toString()),
              Map.of(
                  "SERVER_PORT", "${PORT}",
                  // Actuator on the server port, so the readiness wait below finds it.
                  "MANAGEMENT_SERVER_PORT", "${PORT}",
                  "SPRING_PROFILES_ACTIVE", "dev",
                  "POLYSHOP_GATEWAY_UPSTREAMS_PRODUCTS", "http://127.0.0.1:" + products.port(),
                  "POLYSHOP_GATEWAY_RATE_LIMIT_ENABLED", "false",
                  "POLYSHOP_GATEWAY_GRPC_TLS_ENABLED", "false",
                  "POLYSHOP_GATEWAY_GRPC_SEARCH_TARGET", "dns:///127.0.0.1:1",
                  "POLYSHOP_GATEWAY_GRPC_PUSH_TARGET", "dns:///127.0.0.1:1"),
              root,
              serverCpus,
              logDir)) {
        gateway.awaitReady("/actuator/health/readiness", Duration.ofMinutes(5));
        var ping = new Scenario(Scenario.PING, "/api/ping", "gateway /api/ping", 64, 64, false);
        results.add(
            suite.measureScenario(rep, GATEWAY, gateway.port(), ping, pids(gateway), gin, false));
        var direct = withPath("/products/" + id);
        results.add(
            suite.measureScenario(rep, DIRECT, products.port(), direct, productTree, gin, true));
        var via = withPath("/api/products/" + id);
        results.add(
            suite.measureScenario(
                rep,
                VIA_GATEWAY,
                gateway.port(),
                via,
                withGateway(gateway, productTree),
                gin,
                false));
      }
    }
    return results;
  }

  /** What the report says about these implementations. */
  static List<Peer> descriptions() {
    return List.of(
        describe(
            GATEWAY,
            "Polyshop's gateway (Spring Cloud Gateway on WebFlux / Reactor Netty), /api/ping answered by"
                + " the gateway itself; rate limiter and native gRPC listener off"),
        describe(
            DIRECT,
            "Polyshop's product-service (Spring MVC on Tomcat; embedded PostgreSQL on the same cores,"
                + " counted in its CPU and RSS; 1000 seeded products), GET /products/{id}"),
        describe(
            VIA_GATEWAY,
            "the same read through the gateway, /api/products/{id}; CPU and RSS of both services"));
  }

  private static Peer describe(String name, String description) {
    return new Peer(name, description, List.of(), Map.of(), Path.of("."), Set.of());
  }

  private static Scenario withPath(String path) {
    Scenario s = PRODUCT_SCENARIO;
    return new Scenario(
        s.name(), path, s.what(), s.saturationConnections(), s.fixedConnections(), false);
  }

  private static List<Integer> pids(Server server) {
    return List.of((int) server.pid());
  }

  private static List<Integer> withGateway(Server gateway, List<Integer> productTree) {
    List<Integer> all = new ArrayList<>(productTree);
    all.add((int) gateway.pid());
    return all;
  }

  private static String firstProductId(int port) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      var request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products?pageSize=1"))
              .timeout(Duration.ofSeconds(30))
              .build();
      String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = ID.matcher(body);
      if (!m.find()) {
        throw new IOException("product-service listed no product: " + body);
      }
      return m.group(1);
    }
  }

  private Optional<Path> jar(String module, String artifact) {
    Path target = root.resolve(module).resolve("target");
    try (var files = Files.list(target)) {
      return files
          .filter(
              p -> p.getFileName().toString().matches(Pattern.quote(artifact) + "-[^-]+.*\\.jar"))
          .filter(p -> !p.getFileName().toString().contains("sources"))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
