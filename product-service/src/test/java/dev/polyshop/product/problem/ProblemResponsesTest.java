package dev.polyshop.product.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemResponsesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aProblemOfOurVocabulary_hasItsTypeUnderTheBase_andEveryMember() throws Exception {
    var response = new MockHttpServletResponse();

    ProblemResponses.write(
        response,
        ProblemResponses.problem(
            HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Too big.", "/products"));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    JsonNode body = JSON.readTree(response.getContentAsByteArray());
    assertThat(body.get("type").asString())
        .isEqualTo("https://polyshop.dev/problems/payload-too-large");
    assertThat(body.get("title").asString()).isEqualTo("Content Too Large");
    assertThat(body.get("status").asInt()).isEqualTo(413);
    assertThat(body.get("detail").asString()).isEqualTo("Too big.");
    assertThat(body.get("instance").asString()).isEqualTo("/products");
    assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
  }

  @Test
  void everyStringIsEscaped_soTheBodyIsAlwaysOneJsonObject() throws Exception {
    String hostile = "a \"quoted\" \\ back\nslash\u0000\u2028 é";

    byte[] json =
        ProblemResponses.json(
            ProblemResponses.problem(HttpStatus.BAD_REQUEST, null, hostile, null));

    JsonNode body = JSON.readTree(new String(json, StandardCharsets.UTF_8));
    assertThat(body.get("detail").asString()).isEqualTo(hostile);
    assertThat(body.get("type").asString()).isEqualTo("about:blank");
    assertThat(body.has("instance")).isFalse();
  }

  @Test
  void aBareStatus_rendersLikeTomcatsValveNeedsIt() {
    String json =
        new String(ProblemResponses.json(ProblemDetail.forStatus(431)), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Request Header Fields Too Large\",\"status\":431}");
  }
}
