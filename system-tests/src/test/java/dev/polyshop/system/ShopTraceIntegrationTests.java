package dev.polyshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.system.testing.Http;
import dev.polyshop.system.testing.ShopHarness;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * One story across the shop in containers, told by the spans every service exports to the test: a
 * price edit goes through the gateway into product-service and its SQL, and the index and push work
 * that applies the change links back to it; a search goes through the gateway into search.
 */
class ShopTraceIntegrationTests extends ShopHarness {

  @Test
  void aPriceEdit_andASearch_areEachOneTraceAcrossTheServices_andTheFeedLinksToTheEdit()
      throws Exception {
    String word = "zt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    var created = http.createProduct("SKU-" + word, "Kettle " + word, 4999, "key-" + word);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Http.id(created.body());
    awaitSearchable(word, id, Duration.ofSeconds(10));

    String edit = newTraceId();
    var patched =
        send(
            http.request("/api/products/" + id)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/merge-patch+json")
                .header("If-Match", "\"1\"")
                .header("traceparent", traceparent(edit))
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString("{\"price\":{\"amountMinor\":2999}}")));
    assertThat(patched.statusCode()).isEqualTo(200);
    String search = newTraceId();
    var found =
        send(
            http.request("/api/search?q=" + word).header("traceparent", traceparent(search)).GET());
    assertThat(found.statusCode()).isEqualTo(200);

    List<ReceivedSpan> spans =
        system.traces.await(
            got ->
                has(got, s -> s.service().equals("search-service") && s.traceId().equals(search))
                    && has(
                        got, s -> s.service().equals("product-service") && s.traceId().equals(edit))
                    && has(
                        got,
                        s -> s.name().equals("index changes") && s.linkedTraceIds().contains(edit))
                    && has(
                        got,
                        s ->
                            s.name().equals("publish catalog changes")
                                && s.linkedTraceIds().contains(edit)),
            Duration.ofSeconds(60));

    ReceivedSpan gatewayEdit =
        only(spans, s -> s.service().equals("gateway") && s.traceId().equals(edit));
    assertThat(gatewayEdit.name()).isEqualTo("PATCH products");
    assertThat(gatewayEdit.parentSpanId()).isEqualTo(CALLER_SPAN);
    ReceivedSpan productEdit =
        only(
            spans,
            s ->
                s.service().equals("product-service")
                    && s.traceId().equals(edit)
                    && s.kind().equals("SERVER"));
    assertThat(productEdit.name()).isEqualTo("PATCH /products/{id}");
    assertThat(productEdit.parentSpanId()).isEqualTo(gatewayEdit.spanId());
    assertThat(spans)
        .filteredOn(s -> s.parentSpanId().equals(productEdit.spanId()))
        .extracting(ReceivedSpan::name)
        .contains("SELECT", "UPDATE", "INSERT");

    ReceivedSpan gatewaySearch =
        only(spans, s -> s.service().equals("gateway") && s.traceId().equals(search));
    ReceivedSpan searchCall =
        only(spans, s -> s.service().equals("search-service") && s.traceId().equals(search));
    assertThat(searchCall.name()).isEqualTo("polyshop.search.v1.SearchService/Search");
    assertThat(searchCall.parentSpanId()).isEqualTo(gatewaySearch.spanId());
  }

  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private static String newTraceId() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-" + CALLER_SPAN + "-01";
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean has(List<ReceivedSpan> spans, Predicate<ReceivedSpan> match) {
    return spans.stream().anyMatch(match);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, Predicate<ReceivedSpan> match) {
    assertThat(spans).filteredOn(match).hasSize(1);
    return spans.stream().filter(match).findFirst().orElseThrow();
  }
}
