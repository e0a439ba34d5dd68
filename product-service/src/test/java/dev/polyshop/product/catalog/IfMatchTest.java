package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.product.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class IfMatchTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"*", " * "})
  void missingOrWildcard_isPreconditionRequired(String header) {
    assertThatThrownBy(() -> IfMatch.parse(header))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED));
  }

  @Test
  void strongTag_matchesItsVersionOnly() {
    IfMatch ifMatch = IfMatch.parse("\"3\"");

    assertThatCode(() -> ifMatch.check(3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ifMatch.check(4))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED));
  }

  @Test
  void listOfTags_matchesAnyOfThem() {
    assertThatCode(() -> IfMatch.parse("\"1\", \"7\"").check(7)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"W/\"3\"", "3", "\"abc\"", "\"3"})
  void weakOrMalformedTags_neverMatch(String header) {
    assertThatThrownBy(() -> IfMatch.parse(header).check(3))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED));
  }
}
