package dev.polyshop.product.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.IntegrationTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Requests Tomcat rejects before Spring sees them still get problem+json, not an HTML page. */
@IntegrationTest
class ContainerErrorsIntegrationTests {

  @LocalServerPort int port;

  @Test
  void malformedPercentEncoding_isBadRequestProblem() throws Exception {
    String response = rawGet("/products/%zz");

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(response)
        .endsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}");
  }

  @Test
  void errorsSpringAnswers_keepTheirOwnProblem() throws Exception {
    String response = rawGet("/products/not-a-uuid");

    assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(response).contains("\"detail\"");
  }

  /** The request as bytes: HTTP clients refuse to send a malformed URI at all. */
  private String rawGet(String path) throws Exception {
    String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
