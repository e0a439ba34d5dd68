package dev.polyshop.search.api;

/**
 * Bounds on what one request may ask for.
 *
 * @param maxPageSize largest {@code page_size} accepted
 * @param maxQueryLength longest {@code query} accepted, in characters (code points)
 * @param maxFilterValues most values in one repeated filter field
 */
public record ApiLimits(int maxPageSize, int maxQueryLength, int maxFilterValues) {

  /** Page size when the request leaves it 0. */
  public static final int DEFAULT_PAGE_SIZE = 20;

  /** Longest suggest prefix, in characters. */
  public static final int MAX_PREFIX_LENGTH = 64;

  /** Most suggestions one call returns. */
  public static final int MAX_SUGGESTIONS = 20;

  /** Suggestions when the request leaves the limit 0. */
  public static final int DEFAULT_SUGGESTIONS = 8;

  /** Longest filter value accepted, in characters. */
  public static final int MAX_FILTER_VALUE_LENGTH = 256;

  public ApiLimits {
    if (maxPageSize < 1 || maxQueryLength < 1 || maxFilterValues < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  int defaultPageSize() {
    return Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  }
}
