package dev.polyshop.search.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real product-service (its jar, as a child process) on a given port and database. */
public final class ProductServiceProcess implements AutoCloseable {

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final URI url;

  private ProductServiceProcess(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  /** Starts it and waits until it is ready. */
  public static ProductServiceProcess start(
      int port, String jdbcUrl, String user, String password, Path log) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--polyshop.seed.products=0")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    var started = new ProductServiceProcess(process, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (started.status("/actuator/health/readiness") != 200) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        started.close();
        throw new IllegalStateException("product-service not ready; see " + log.toAbsolutePath());
      }
      Thread.sleep(100);
    }
    return started;
  }

  public URI url() {
    return url;
  }

  /** Sends a request and returns the response body; fails unless the status is 2xx. */
  public String send(String method, String path, String ifMatch, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The product-service jar built earlier in the reactor (failsafe passes its directory). */
  private static Path jar() throws IOException {
    String dir = System.getProperty("polyshop.product-service.target", "../product-service/target");
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files
          .filter(p -> p.getFileName().toString().matches("polyshop-product-service-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
          .findFirst()
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "no product-service jar in "
              + new File(dir).getAbsolutePath()
              + "; build it first (./mvnw -pl product-service -am package -DskipTests)",
          e);
    }
  }
}
