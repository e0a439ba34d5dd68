package dev.polyshop.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Starts Polyshop's services from their built jars, pinned to the server cores, on free ports,
 * configured as a benchmark needs them (one client: no rate limiter; no TLS listener).
 */
final class Services {

  /** Demo products product-service seeds: the catalog the search scenario runs on. */
  static final int CATALOG_SIZE = 10_000;

  private final Path root;
  private final String javaBin;
  private final String serverCpus;
  private final Path logDir;

  Services(Path root, String java, String serverCpus, Path logDir) {
    this.root = root;
    this.javaBin = java;
    this.serverCpus = serverCpus;
    this.logDir = logDir;
  }

  /** The {@code jcmd} next to the services' {@code java}. */
  Path jcmd() {
    return Path.of(javaBin).resolveSibling("jcmd");
  }

  boolean available() {
    return jar("gateway", "polyshop-gateway").isPresent()
        && jar("product-service", "polyshop-product-service").isPresent()
        && jar("search-service", "polyshop-search-service").isPresent()
        && jar("push-service", "polyshop-push-service").isPresent()
        && jar("bench", "polyshop-bench").isPresent();
  }

  /** product-service with its embedded PostgreSQL in {@code db}, seeding the demo catalog. */
  Server productService(Path db) throws IOException {
    return start(
        Architecture.DIRECT,
        "product-service",
        "polyshop-product-service",
        List.of(),
        Map.of(
            "SERVER_PORT",
            "${PORT}",
            "POLYSHOP_EMBEDDED_DB_PORT",
            "0",
            "POLYSHOP_EMBEDDED_DB_DATA_DIR",
            db.toString(),
            "POLYSHOP_SEED_PRODUCTS",
            Integer.toString(CATALOG_SIZE)));
  }

  /** The secret the harness's push-service checks publisher tokens with (port3: Publish). */
  static final String PUBLISHER_SECRET =
      "polyshop-bench-publisher-secret-" + java.util.UUID.randomUUID();

  /** The gateway, bridging to search-service and push-service on the given ports. */
  Server gateway(int productsPort, int searchPort, int pushPort) throws IOException {
    return start(
        Architecture.GATEWAY,
        "gateway",
        "polyshop-gateway",
        List.of(),
        Map.of(
            "SERVER_PORT",
            "${PORT}",
            // Actuator on the server port, so the readiness wait finds it there.
            "MANAGEMENT_SERVER_PORT",
            "${PORT}",
            "SPRING_PROFILES_ACTIVE",
            "dev",
            "POLYSHOP_GATEWAY_UPSTREAMS_PRODUCTS",
            "http://127.0.0.1:" + productsPort,
            "POLYSHOP_GATEWAY_RATE_LIMIT_ENABLED",
            "false",
            "POLYSHOP_GATEWAY_GRPC_TLS_ENABLED",
            "false",
            "POLYSHOP_GATEWAY_GRPC_SEARCH_TARGET",
            "dns:///127.0.0.1:" + searchPort,
            "POLYSHOP_GATEWAY_GRPC_PUSH_TARGET",
            "dns:///127.0.0.1:" + pushPort));
  }

  /** search-service in memory, following product-service's feed; metrics on {@code port2()}. */
  Server searchService(int productsPort) throws IOException {
    return start(
        SearchRows.SERVICE,
        "search-service",
        "polyshop-search-service",
        List.of(),
        Map.of(
            "SEARCH_GRPC_PORT",
            "${PORT}",
            "SEARCH_METRICS_PORT",
            "${PORT2}",
            "PRODUCT_SERVICE_URL",
            "http://127.0.0.1:" + productsPort));
  }

  /**
   * push-service (in-process publishing, metrics on {@code port2()}), following product-service's
   * feed.
   */
  Server pushService(int productsPort) throws IOException {
    return start(
        "push-service",
        "push-service",
        "polyshop-push-service",
        List.of(),
        Map.of(
            "PUSH_GRPC_PORT",
            "${PORT}",
            "PUSH_METRICS_PORT",
            "${PORT2}",
            "PUSH_INTERNAL_GRPC_PORT",
            "${PORT3}",
            "PUSH_PUBLISHER_JWT_SECRET",
            PUBLISHER_SECRET,
            "PRODUCT_SERVICE_URL",
            "http://127.0.0.1:" + productsPort));
  }

  /** The empty grpc-java unary service from this harness's own jar. */
  Server emptyGrpc() throws IOException {
    return start(
        GrpcCeiling.NAME,
        "bench",
        "polyshop-bench",
        List.of(),
        Map.of(),
        "grpc-empty",
        "--port",
        "${PORT}");
  }

  private Server start(
      String name,
      String module,
      String artifact,
      List<String> jvmOptions,
      Map<String, String> env,
      String... args)
      throws IOException {
    var command = new java.util.ArrayList<String>();
    command.add(javaBin);
    command.addAll(jvmOptions);
    command.addAll(startArguments(module, jar(module, artifact).orElseThrow()));
    command.addAll(List.of(args));
    return Server.start(name, command, env, root, serverCpus, logDir);
  }

  /**
   * The JVM flags of a local start, {@code -XX:AOTCache} when the module's AOT cache is up to date,
   * then {@code -jar JAR}: what {@code scripts/aot-cache.sh args} gives {@code ./polyshop up} too
   * ({@code bench/run.sh} trains the caches after the build). The harness's own jar starts plain.
   */
  private List<String> startArguments(String module, Path jar) throws IOException {
    Path script = root.resolve("scripts").resolve("aot-cache.sh");
    if (module.equals("bench") || !Files.isRegularFile(script)) {
      return List.of("-jar", jar.toString());
    }
    Process args =
        new ProcessBuilder("bash", script.toString(), "args", module)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> lines = new String(args.getInputStream().readAllBytes()).lines().toList();
    try {
      if (args.waitFor() != 0 || lines.isEmpty()) {
        throw new IOException("scripts/aot-cache.sh args " + module + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking scripts/aot-cache.sh", e);
    }
    return lines;
  }

  private Optional<Path> jar(String module, String artifact) {
    Path target = root.resolve(module).resolve("target");
    try (var files = Files.list(target)) {
      return files
          .filter(
              p -> p.getFileName().toString().matches(Pattern.quote(artifact) + "-[^-]+.*\\.jar"))
          .filter(p -> !p.getFileName().toString().contains("sources"))
          .filter(p -> !p.getFileName().toString().endsWith(".original"))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
