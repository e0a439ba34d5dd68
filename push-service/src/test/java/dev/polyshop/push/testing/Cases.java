package dev.polyshop.push.testing;

import java.util.SplittableRandom;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a check over generated cases from a fixed seed, so a run is repeatable. The seed is {@link
 * #DEFAULT_SEED} unless {@code -Dpolyshop.seed=<long>} overrides it; a failure names the seed, the
 * try and the case.
 */
public final class Cases {

  public static final String SEED_PROPERTY = "polyshop.seed";
  public static final long DEFAULT_SEED = 20_261_202L;

  private Cases() {}

  public static long seed() {
    String value = System.getProperty(SEED_PROPERTY, "").trim();
    return value.isEmpty() ? DEFAULT_SEED : Long.decode(value);
  }

  /** Checks {@code tries} cases drawn from {@code cases}, stopping at the first that fails. */
  public static <T> void forAll(int tries, Gen<T> cases, ThrowingConsumer<? super T> check) {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 1; i <= tries; i++) {
      T example = cases.next(random);
      try {
        check.accept(example);
      } catch (Throwable failure) {
        throw new AssertionError(
            "failed on try %d of %d with seed %d (rerun with -D%s=%d), case: %s%n%s"
                .formatted(i, tries, seed, SEED_PROPERTY, seed, example, failure.getMessage()),
            failure);
      }
    }
  }
}
