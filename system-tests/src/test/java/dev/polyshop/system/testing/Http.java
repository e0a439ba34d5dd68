package dev.polyshop.system.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client of the gateway, as any shop client would be. */
public final class Http {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  public final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String token;

  public Http(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> createProduct(String sku, String name, long priceMinor, String key)
      throws Exception {
    String body =
        """
        {"sku":"%s","name":"%s","description":"system test product","category":"home",
         "brand":"Systemtest","price":{"amountMinor":%d,"currency":"USD"},"stock":5,"attributes":{}}
        """
            .formatted(sku, name, priceMinor);
    return send(
        request("/api/products")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public HttpResponse<String> patchPrice(String id, String ifMatch, long priceMinor)
      throws Exception {
    return send(
        request("/api/products/" + id)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/merge-patch+json")
            .header("If-Match", ifMatch)
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofString(
                    "{\"price\":{\"amountMinor\":" + priceMinor + "}}"))
            .build());
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static String id(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new AssertionError("no id in " + json);
    }
    return m.group(1);
  }
}
