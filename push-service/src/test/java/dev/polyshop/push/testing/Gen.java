package dev.polyshop.push.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Generates one test case from a seeded random source. Number generators are biased toward edge
 * values (the ends of their range, 0, 1, {@link Integer#MAX_VALUE}, the 18/19-digit boundary near
 * 10^18, {@link Long#MAX_VALUE} and the value below it) and toward every magnitude, as well as
 * drawing uniformly.
 */
@FunctionalInterface
public interface Gen<T> {

  /** Values worth trying whenever they lie in a generator's range. */
  List<Long> EDGES =
      List.of(
          0L,
          1L,
          2L,
          (long) Integer.MAX_VALUE,
          Integer.MAX_VALUE + 1L,
          999_999_999_999_999_999L,
          1_000_000_000_000_000_000L,
          1_000_000_000_000_000_001L,
          Long.MAX_VALUE - 1,
          Long.MAX_VALUE);

  T next(RandomGenerator random);

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  static <T> Gen<T> constant(T value) {
    return random -> value;
  }

  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> choices = List.of(values);
    return random -> choices.get(random.nextInt(choices.size()));
  }

  /** Picks one of {@code gens} with equal odds, then draws from it. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> choices = List.of(gens);
    return random -> choices.get(random.nextInt(choices.size())).next(random);
  }

  static <A, B, R> Gen<R> combine(
      Gen<A> first, Gen<B> second, BiFunction<? super A, ? super B, ? extends R> f) {
    return random -> f.apply(first.next(random), second.next(random));
  }

  static Gen<Boolean> booleans() {
    return RandomGenerator::nextBoolean;
  }

  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /**
   * Longs in {@code [min, max]}: a quarter are edge values in range, a quarter have a random number
   * of digits, half are uniform over the range.
   */
  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    List<Long> edges =
        Stream.concat(Stream.of(min, min + 1, max - 1, max), EDGES.stream())
            .filter(v -> v >= min && v <= max)
            .distinct()
            .toList();
    return random ->
        switch (random.nextInt(4)) {
          case 0 -> edges.get(random.nextInt(edges.size()));
          case 1 -> ofMagnitude(random, min, max);
          default -> uniform(random, min, max);
        };
  }

  /** Lists of {@code minSize..maxSize} elements (sizes biased toward the ends too). */
  static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
    Gen<Integer> sizes = ints(minSize, maxSize);
    return random -> {
      int size = sizes.next(random);
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(element.next(random));
      }
      return list;
    };
  }

  private static long ofMagnitude(RandomGenerator random, long min, long max) {
    int digits = random.nextInt(1, 20);
    long low = digits == 1 ? 0 : pow10(digits - 1);
    long high = digits == 19 ? Long.MAX_VALUE : pow10(digits) - 1;
    low = Math.max(low, min);
    high = Math.min(high, max);
    return low <= high ? uniform(random, low, high) : uniform(random, min, max);
  }

  private static long uniform(RandomGenerator random, long min, long max) {
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }
}
