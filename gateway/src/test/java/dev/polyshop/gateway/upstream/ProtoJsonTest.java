package dev.polyshop.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SuggestRequest;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {

  private final ProtoJson json = new ProtoJson();

  @Test
  void registryFromTheShippedDescriptorSet_printsAnyOfContractTypes() {
    var any = Any.pack(SuggestRequest.newBuilder().setPrefix("ab").build());

    assertThat(json.print(any))
        .isEqualTo(
            "{\"@type\":\"type.googleapis.com/polyshop.search.v1.SuggestRequest\","
                + "\"prefix\":\"ab\",\"limit\":0}");
  }

  @Test
  void parse_rejectsUnknownFields() {
    assertThatThrownBy(() -> json.parse("{\"nope\":1}", SearchRequest.newBuilder()))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }
}
