package dev.polyshop.bench.suite;

import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.push.FanOut;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polyshop's own services on the same method: the gateway's {@code /api/ping} (in the ping table,
 * next to Gin), one product read directly from product-service and through the gateway, search
 * ({@link SearchRows}), push fan-out ({@link PushRows}) and the empty gRPC service as the gRPC
 * ceiling ({@link GrpcCeiling}); and how long each service takes to start and to warm up. The
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
  private final Services services;
  private final List<Startup> startups = new ArrayList<>();
  private final List<FanOut> fanOuts = new ArrayList<>();

  Architecture(Path root, String java, String serverCpus, Path logDir) {
    this.root = root;
    this.services = new Services(root, java, serverCpus, logDir);
  }

  /** Whether every service jar (and the harness's own, for the empty gRPC service) is built. */
  boolean available() {
    return services.available();
  }

  /** Start-up and warm-up of each service, over the repetitions run so far. */
  List<Startup> startups() {
    return List.copyOf(startups);
  }

  /** Push fan-out runs, over the repetitions run so far. */
  List<FanOut> fanOuts() {
    return List.copyOf(fanOuts);
  }

  List<Measurement> run(Suite suite, int rep, Map<String, Double> gin)
      throws IOException, InterruptedException {
    List<Measurement> results = new ArrayList<>();
    Path db = root.resolve("bench/target/architecture/product-db-" + rep);
    String dbNote =
        Files.exists(db.resolve("PG_VERSION"))
            ? "existing data directory"
            : "new data directory: initdb and seeding "
                + Services.CATALOG_SIZE
                + " products included";
    Files.createDirectories(db);
    try (Server products = services.productService(db);
        var search = new SearchRows(suite, services, rep, gin);
        var push = new PushRows(suite, services, rep)) {
      Duration productsReady =
          products.awaitReady("/actuator/health/readiness", Duration.ofMinutes(10));
      String id = firstProductId(products.port());
      // pg_ctl detaches PostgreSQL from product-service's tree: find it by its data directory.
      List<Integer> productTree = new ArrayList<>(List.of((int) products.pid()));
      productTree.addAll(ProcFs.system().commandLineContains(db.toString()));
      // The gateway's upstreams run before it starts, as in a deployment: a gRPC channel that
      // failed to connect before its upstream was up would back off for up to two minutes.
      try (Server searchService = search.start(products);
          Server pushService = push.start(products);
          Server gateway =
              services.gateway(products.port(), searchService.port(), pushService.port())) {
        Duration gatewayReady =
            gateway.awaitReady("/actuator/health/readiness", Duration.ofMinutes(5));
        var ping = new Scenario(Scenario.PING, "/api/ping", "gateway /api/ping", 64, 64, false);
        Measurement pinged =
            suite.measureScenario(rep, GATEWAY, gateway.port(), ping, pids(gateway), gin, false);
        results.add(pinged);
        startups.add(Startup.of(rep, GATEWAY, gatewayReady, pinged, ""));
        var direct = withPath("/products/" + id);
        Measurement read =
            suite.measureScenario(rep, DIRECT, products.port(), direct, productTree, gin, true);
        results.add(read);
        startups.add(Startup.of(rep, DIRECT, productsReady, read, dbNote));
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
        results.addAll(search.run(searchService, gateway));
        fanOuts.addAll(push.run(pushService, gateway));
      }
      startups.addAll(search.startups());
      startups.addAll(push.startups());
    }
    var ceiling = new GrpcCeiling(suite, services, rep, gin);
    results.addAll(ceiling.run());
    startups.addAll(ceiling.startups());
    return results;
  }

  /** The scenarios these services add to the report. */
  static List<Scenario> scenarios() {
    return List.of(PRODUCT_SCENARIO, SearchRows.SCENARIO, GrpcCeiling.SCENARIO);
  }

  /** What the report says about these implementations. */
  static List<Peer> descriptions() {
    List<Peer> all =
        new ArrayList<>(
            List.of(
                describe(
                    GATEWAY,
                    "Polyshop's gateway (Spring Cloud Gateway on WebFlux / Reactor Netty), /api/ping"
                        + " answered by the gateway itself; rate limiter and native gRPC listener off"),
                describe(
                    DIRECT,
                    "Polyshop's product-service (Spring MVC on Tomcat; embedded PostgreSQL on the same"
                        + " cores, counted in its CPU and RSS; "
                        + Services.CATALOG_SIZE
                        + " seeded products), GET /products/{id}"),
                describe(
                    VIA_GATEWAY,
                    "the same read through the gateway, /api/products/{id}; CPU and RSS of both"
                        + " services")));
    SearchRows.descriptions().forEach((name, what) -> all.add(describe(name, what)));
    all.add(describe(GrpcCeiling.NAME, GrpcCeiling.DESCRIPTION));
    PushRows.descriptions().forEach((name, what) -> all.add(describe(name, what)));
    return all;
  }

  private static Peer describe(String name, String description) {
    return new Peer(name, description, List.of(), Map.of(), Path.of("."), Set.of());
  }

  private static Scenario withPath(String path) {
    Scenario s = PRODUCT_SCENARIO;
    return new Scenario(
        s.name(), path, s.what(), s.saturationConnections(), s.fixedConnections(), false);
  }

  static List<Integer> pids(Server... servers) {
    List<Integer> all = new ArrayList<>();
    for (Server s : servers) {
      all.add((int) s.pid());
    }
    return all;
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
}
