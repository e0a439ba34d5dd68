package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.testing.OtlpReceiver;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Trace context where no call carries it: a write's traceparent, and work linked to writes. */
class TracingLinksTest {

  private static final String WRITE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String OTHER_WRITE =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final OtlpReceiver receiver = start();
  private final Tracing tracing = Tracing.otlp(receiver.endpoint(), "indexer", 1.0);

  @AfterEach
  void stop() {
    tracing.close();
    receiver.close();
  }

  @Test
  void linkedSpan_isARootOfItsOwn_linkedToEachParsableWrite() throws Exception {
    String traceInside =
        tracing.linkedSpan(
            "apply changes",
            List.of(WRITE, "not-a-traceparent", OTHER_WRITE),
            () -> Span.current().getSpanContext().getTraceId());

    ReceivedSpan span = receiver.await(got -> got.size() == 1, Duration.ofSeconds(10)).getFirst();
    assertThat(span.name()).isEqualTo("apply changes");
    assertThat(span.kind()).isEqualTo("CONSUMER");
    assertThat(span.traceId()).isEqualTo(traceInside).isNotIn(WRITE.substring(3, 35));
    assertThat(span.parentSpanId()).isEmpty();
    assertThat(span.linkedTraceIds())
        .containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void linkedSpan_thatFails_isAnErrorSpan_andRethrows() throws Exception {
    assertThatThrownBy(
            () ->
                tracing.linkedSpan(
                    "apply changes",
                    List.of(WRITE),
                    () -> {
                      throw new IllegalStateException("index closed");
                    }))
        .hasMessage("index closed");

    assertThat(receiver.await(got -> got.size() == 1, Duration.ofSeconds(10)).getFirst().error())
        .isTrue();
  }

  @Test
  void currentTraceParent_isThatOfTheCurrentSpan_andEmptyWithoutOne() throws Exception {
    assertThat(Tracing.currentTraceParent()).isEmpty();
    String inside =
        tracing.linkedSpan("write", List.of(), () -> Tracing.currentTraceParent().orElseThrow());

    ReceivedSpan span = receiver.await(got -> got.size() == 1, Duration.ofSeconds(10)).getFirst();
    assertThat(inside).isEqualTo("00-" + span.traceId() + "-" + span.spanId() + "-01");
    assertThat(Tracing.spanContextOf(inside).getSpanId()).isEqualTo(span.spanId());
  }

  @Test
  void off_runsTheWork_withoutASpan() throws Exception {
    assertThat(
            Tracing.OFF.linkedSpan(
                "apply changes", List.of(WRITE), () -> Span.current().getSpanContext().isValid()))
        .isFalse();
  }

  @Test
  void fromLookup_readsTheSameVariables_asTheEnvironmentWould() {
    Map<String, String> properties = new HashMap<>();
    try (Tracing off = Tracing.fromLookup(properties::get, "gateway")) {
      assertThat(off.enabled()).isFalse();
    }
    properties.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString());
    try (Tracing on = Tracing.fromLookup(properties::get, "gateway")) {
      assertThat(on.enabled()).isTrue();
    }
    properties.put("OTEL_TRACES_SAMPLER_ARG", "2");
    assertThatThrownBy(() -> Tracing.fromLookup(properties::get, "gateway"))
        .hasMessageContaining("OTEL_TRACES_SAMPLER_ARG");
  }

  private static OtlpReceiver start() {
    try {
      return OtlpReceiver.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
