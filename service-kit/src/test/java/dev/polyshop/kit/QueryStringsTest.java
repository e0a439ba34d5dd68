package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringsTest {

  @Test
  void decode_readsPercentEncodedUtf8_withPlusAsSpace() {
    assertThat(QueryStrings.decode("a+b%20c%C3%A9")).isEqualTo("a b cé");
    assertThat(QueryStrings.decode("")).isEmpty();
  }

  @Test
  void decode_refusesBrokenEscapes() {
    assertThat(QueryStrings.decode("%zz")).isNull();
    assertThat(QueryStrings.decode("%E")).isNull();
    assertThat(QueryStrings.decode("ab%")).isNull();
  }

  @Test
  void decode_refusesBytesThatAreNotUtf8_andRawNonAscii() {
    assertThat(QueryStrings.decode("%ED%A0%80")).as("a surrogate").isNull();
    assertThat(QueryStrings.decode("%C0%AF")).as("an overlong form").isNull();
    assertThat(QueryStrings.decode("%FF")).isNull();
    assertThat(QueryStrings.decode("caf\u00e9")).as("unescaped").isNull();
  }
}
