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
import java.util.stream.Stream;
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

    // Each service exports its spans in batches of its own, on its own timer: wait for every span
    // asserted on below, not for a few of them (the gateway's batch can come seconds after the
    // rest).
    Predicate<ReceivedSpan> gatewayEdit =
        s -> s.service().equals("gateway") && s.traceId().equals(edit);
    Predicate<ReceivedSpan> productEdit =
        s ->
            s.service().equals("product-service")
                && s.traceId().equals(edit)
                && s.kind().equals("SERVER");
    Predicate<ReceivedSpan> statement =
        s ->
            s.service().equals("product-service")
                && s.traceId().equals(edit)
                && s.kind().equals("CLIENT");
    Predicate<ReceivedSpan> gatewaySearch =
        s -> s.service().equals("gateway") && s.traceId().equals(search);
    Predicate<ReceivedSpan> searchCall =
        s -> s.service().equals("search-service") && s.traceId().equals(search);
    Predicate<ReceivedSpan> indexed =
        s -> s.name().equals("index changes") && s.linkedTraceIds().contains(edit);
    Predicate<ReceivedSpan> published =
        s -> s.name().equals("publish catalog changes") && s.linkedTraceIds().contains(edit);
    List<ReceivedSpan> spans =
        system.traces.await(
            got ->
                Stream.of(gatewayEdit, productEdit, gatewaySearch, searchCall, indexed, published)
                        .allMatch(expected -> has(got, expected))
                    && got.stream().filter(statement).count() >= 3,
            Duration.ofSeconds(60));

    ReceivedSpan gatewayEditSpan = only(spans, gatewayEdit);
    assertThat(gatewayEditSpan.name()).isEqualTo("PATCH products");
    assertThat(gatewayEditSpan.parentSpanId()).isEqualTo(CALLER_SPAN);
    ReceivedSpan productEditSpan = only(spans, productEdit);
    assertThat(productEditSpan.name()).isEqualTo("PATCH /products/{id}");
    assertThat(productEditSpan.parentSpanId()).isEqualTo(gatewayEditSpan.spanId());
    assertThat(spans)
        .filteredOn(s -> s.parentSpanId().equals(productEditSpan.spanId()))
        .extracting(ReceivedSpan::name)
        .contains("SELECT", "UPDATE", "INSERT");

    ReceivedSpan searchCallSpan = only(spans, searchCall);
    assertThat(searchCallSpan.name()).isEqualTo("polyshop.search.v1.SearchService/Search");
    assertThat(searchCallSpan.parentSpanId()).isEqualTo(only(spans, gatewaySearch).spanId());
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
