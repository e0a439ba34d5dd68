package dev.polyshop.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductDocumentsTest {

  @Test
  void idHalves_compareAsSignedLongs_exactlyAsTheIdStringsCompare() {
    var random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      String a = uuid(random).toString();
      String b = uuid(random).toString();
      long[] x = ProductDocuments.idHalves(a);
      long[] y = ProductDocuments.idHalves(b);
      int halves = x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);

      assertThat(Integer.signum(halves))
          .as("%s vs %s", a, b)
          .isEqualTo(Integer.signum(a.compareTo(b)));
      assertThat(ProductDocuments.idOf(x[0], x[1])).isEqualTo(a);
    }
  }

  /**
   * Halves drawn from a few edge values as often as at random, so equal and sign-bit halves occur.
   */
  private static UUID uuid(SplittableRandom random) {
    long[] edges = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1, 0x8000_0000_0000_0001L};
    long high = random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
    long low = random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
    return new UUID(high, low);
  }

  @Test
  void onlyCanonicalUuids_takeTheNumericTieBreaker() {
    assertThat(ProductDocuments.isUuid("0f8e2a8c-5b1e-4c3a-9d7e-2b4c6d8e0f1a")).isTrue();
    assertThat(ProductDocuments.isUuid("0F8E2A8C-5B1E-4C3A-9D7E-2B4C6D8E0F1A")).isFalse();
    assertThat(ProductDocuments.isUuid("1-1-1-1-1")).isFalse();
    assertThat(ProductDocuments.isUuid("p1")).isFalse();
    assertThat(ProductDocuments.isUuid("0f8e2a8c-5b1e-4c3a-9d7e-2b4c6d8e0f1g")).isFalse();
    assertThat(ProductDocuments.idHalves("p1")).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE);
  }
}
