package dev.polyshop.product.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running service, so tests see exactly what a client sees. */
public final class HttpApi {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  /** A response; {@code body} is the raw text. */
  public record Response(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  public HttpApi(int port) {
    this.base = "http://localhost:" + port;
  }

  public Response get(String path, String... headers) {
    return send("GET", path, null, (String) null, headers);
  }

  /**
   * Sends a request; {@code headers} are name/value pairs.
   *
   * @param contentType null to send none
   * @param body null to send no body
   */
  public Response send(
      String method, String path, String contentType, String body, String... headers) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    return exchange(method, path, contentType, publisher, headers);
  }

  /** Sends {@code body} chunked, with no Content-Length, as a streaming client would. */
  public Response sendChunked(String method, String path, String contentType, byte[] body) {
    return exchange(
        method,
        path,
        contentType,
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
  }

  private Response exchange(
      String method,
      String path,
      String contentType,
      HttpRequest.BodyPublisher body,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
