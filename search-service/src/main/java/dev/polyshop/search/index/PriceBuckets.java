package dev.polyshop.search.index;

import java.util.List;

/**
 * The price facet's buckets, defined in minor units of a two-decimal currency: {@code <25} is [0,
 * 2500), {@code 25-50} is [2500, 5000), {@code 50-100} is [5000, 10000), {@code 100-500} is [10000,
 * 50000) and {@code 500+} is 50000 and above.
 */
final class PriceBuckets {

  static final String DIMENSION = "price";

  private static final long[] LOWER_BOUNDS = {0, 2_500, 5_000, 10_000, 50_000};
  private static final List<String> LABELS = List.of("<25", "25-50", "50-100", "100-500", "500+");

  private PriceBuckets() {}

  static int count() {
    return LOWER_BOUNDS.length;
  }

  static int bucketOf(long priceMinor) {
    for (int i = LOWER_BOUNDS.length - 1; i > 0; i--) {
      if (priceMinor >= LOWER_BOUNDS[i]) {
        return i;
      }
    }
    return 0;
  }

  static String label(int bucket) {
    return LABELS.get(bucket);
  }
}
