package dev.polyshop.push.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.replay.WireMessage;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.Heartbeat;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WireMarshallerTest {

  private static final SubscribeResponse EVENT =
      SubscribeResponse.newBuilder()
          .setEvent(
              Event.newBuilder()
                  .setId("p-0000000000001-00000")
                  .setTopic("deals.alice")
                  .setType("deal")
                  .setDataJson("{\"price\":\"9.99\",\"name\":\"Tür — ünïcode\"}"))
          .build();

  @Test
  void framerSeesTheLengthThenTheProtoEncodingInOneDrain() throws IOException {
    InputStream stream = WireMarshaller.INSTANCE.stream(WireMessage.of(EVENT));

    assertThat(stream).isInstanceOf(KnownLength.class).isInstanceOf(Drainable.class);
    assertThat(stream.available()).isEqualTo(EVENT.getSerializedSize());
    var out = new ByteArrayOutputStream();
    assertThat(((Drainable) stream).drainTo(out)).isEqualTo(EVENT.getSerializedSize());
    assertThat(out.toByteArray()).isEqualTo(EVENT.toByteArray());
    assertThat(stream.available()).isZero();
    assertThat(stream.read()).isEqualTo(-1);
  }

  @Test
  void readingItPiecewiseGivesTheSameBytes() throws IOException {
    InputStream stream = WireMarshaller.INSTANCE.stream(WireMessage.of(EVENT));

    int first = stream.read();
    byte[] rest = stream.readAllBytes();

    byte[] expected = EVENT.toByteArray();
    assertThat((byte) first).isEqualTo(expected[0]);
    assertThat(rest).hasSize(expected.length - 1);
    assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(expected, 1, expected.length));
  }

  @Test
  void oneEncodingServesManyStreams() throws IOException {
    WireMessage shared = WireMessage.of(EVENT);
    for (int i = 0; i < 3; i++) {
      var out = new ByteArrayOutputStream();
      ((Drainable) WireMarshaller.INSTANCE.stream(shared)).drainTo(out);
      assertThat(SubscribeResponse.parseFrom(out.toByteArray())).isEqualTo(EVENT);
    }
  }

  @Test
  void parsesWhatItStreams() {
    var heartbeat =
        SubscribeResponse.newBuilder()
            .setHeartbeat(Heartbeat.newBuilder().setResumeToken("p-0000000000002-00000"))
            .build();

    WireMessage parsed =
        WireMarshaller.INSTANCE.parse(WireMarshaller.INSTANCE.stream(WireMessage.of(heartbeat)));

    assertThat(parsed.message()).isEqualTo(heartbeat);
  }
}
