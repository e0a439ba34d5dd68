package dev.polyshop.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class RequestLimitsIntegrationTests extends GatewayHarness {

  private static final int TWO_MIB = 2 * 1024 * 1024;

  @Test
  void bodyOverOneMiB_withContentLength_isContentTooLargeProblem_andNeverForwarded() {
    upstreams.products.stubFor(post("/products").willReturn(aResponse().withStatus(201)));

    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + writeToken())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(new byte[TWO_MIB])
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    upstreams.products.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void chunkedBodyOverOneMiB_isContentTooLargeProblem() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/search"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(new byte[TWO_MIB])))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void bodyUnderTheLimit_isAccepted() {
    upstreams.products.stubFor(post("/products").willReturn(aResponse().withStatus(201)));

    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + writeToken())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(new byte[512 * 1024])
        .exchange()
        .expectStatus()
        .isCreated();
  }

  @Test
  void headersOverTheLimit_areHeaderFieldsTooLargeProblem() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/ping"))
            .header("X-Padding", "a".repeat(20 * 1024))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("headers-too-large");
  }

  @Test
  void headersOverNettysHardLimit_areStill431() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/ping"))
            .header("X-Padding", "a".repeat(40 * 1024))
            .build();

    assertThat(send(request).statusCode()).isEqualTo(431);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
