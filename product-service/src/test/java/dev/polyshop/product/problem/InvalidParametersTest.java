package dev.polyshop.product.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidParametersTest {

  @Test
  void undecodable_namesOnlyTheParametersThatAreNotUtf8() {
    assertThat(InvalidParameters.undecodable("limit=5&cursor=%FF%FE&category=%C3%A9&x=%2"))
        .containsExactly(
            new FieldError("cursor", InvalidParameters.NOT_UTF8),
            new FieldError("x", InvalidParameters.NOT_UTF8));
  }

  @Test
  void undecodable_escapesANameThatIsItselfNotUtf8() {
    assertThat(InvalidParameters.undecodable("%C0%AF=1"))
        .containsExactly(new FieldError("%C0%AF", InvalidParameters.NOT_UTF8));
  }

  @Test
  void printable_keepsVisibleAsciiAndEscapesTheRest() {
    assertThat(InvalidParameters.printable("a\u0001b\\")).isEqualTo("a\\x01b\\x5c");
  }
}
