package dev.polyshop.search.api;

import dev.polyshop.search.index.ResultOrder;
import dev.polyshop.search.index.SearchQuery;
import dev.polyshop.search.index.SortKey;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SuggestRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/** Validates requests against the contract and the limits, and turns them into index queries. */
final class SearchRequests {

  /** A valid search and the fingerprint its page tokens carry. */
  record ParsedSearch(SearchQuery query, byte[] fingerprint) {}

  /** A valid suggest request. */
  record ParsedSuggest(String prefix, int limit) {}

  private final ApiLimits limits;

  SearchRequests(ApiLimits limits) {
    this.limits = limits;
  }

  ParsedSearch parseSearch(SearchRequest request) {
    String text = request.getQuery();
    int length = text.codePointCount(0, text.length());
    check(
        length <= limits.maxQueryLength(),
        "query is %d characters; at most %d are allowed",
        length,
        limits.maxQueryLength());
    SearchFilter filter = request.getFilter();
    TreeSet<String> categories = values("filter.categories", filter.getCategoriesList());
    TreeSet<String> brands = values("filter.brands", filter.getBrandsList());
    OptionalLong min =
        price("filter.min_price_minor", filter.hasMinPriceMinor(), filter.getMinPriceMinor());
    OptionalLong max =
        price("filter.max_price_minor", filter.hasMaxPriceMinor(), filter.getMaxPriceMinor());
    if (min.isPresent() && max.isPresent()) {
      check(
          min.getAsLong() <= max.getAsLong(),
          "filter.min_price_minor (%d) is greater than filter.max_price_minor (%d)",
          min.getAsLong(),
          max.getAsLong());
    }
    ResultOrder order = order(request);
    int pageSize = pageSize(request.getPageSize());
    byte[] fingerprint =
        PageTokens.fingerprint(
            text,
            String.join("\u0000", categories),
            String.join("\u0000", brands),
            min.isPresent() ? Long.toString(min.getAsLong()) : "",
            max.isPresent() ? Long.toString(max.getAsLong()) : "",
            Boolean.toString(filter.getInStockOnly()),
            order.name());
    Optional<SortKey> after =
        request.getPageToken().isEmpty()
            ? Optional.empty()
            : Optional.of(PageTokens.decode(request.getPageToken(), fingerprint));
    SearchQuery query =
        new SearchQuery(
            text, categories, brands, min, max, filter.getInStockOnly(), order, pageSize, after);
    return new ParsedSearch(query, fingerprint);
  }

  ParsedSuggest parseSuggest(SuggestRequest request) {
    String prefix = request.getPrefix();
    check(!prefix.isBlank(), "prefix must not be empty");
    int length = prefix.codePointCount(0, prefix.length());
    check(
        length <= ApiLimits.MAX_PREFIX_LENGTH,
        "prefix is %d characters; at most %d are allowed",
        length,
        ApiLimits.MAX_PREFIX_LENGTH);
    int limit = request.getLimit();
    check(
        limit >= 0 && limit <= ApiLimits.MAX_SUGGESTIONS,
        "limit must be between 1 and %d (0 means %d), got %d",
        ApiLimits.MAX_SUGGESTIONS,
        ApiLimits.DEFAULT_SUGGESTIONS,
        limit);
    return new ParsedSuggest(prefix, limit == 0 ? ApiLimits.DEFAULT_SUGGESTIONS : limit);
  }

  private TreeSet<String> values(String field, List<String> values) {
    check(
        values.size() <= limits.maxFilterValues(),
        "%s has %d values; at most %d are allowed",
        field,
        values.size(),
        limits.maxFilterValues());
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      check(!value.isEmpty(), "%s[%d] is empty", field, i);
      check(
          value.length() <= ApiLimits.MAX_FILTER_VALUE_LENGTH,
          "%s[%d] is longer than %d characters",
          field,
          i,
          ApiLimits.MAX_FILTER_VALUE_LENGTH);
    }
    // Sorted and deduplicated: the same filter in another order pages the same result set.
    return new TreeSet<>(values);
  }

  private static OptionalLong price(String field, boolean present, long value) {
    if (!present) {
      return OptionalLong.empty();
    }
    check(value >= 0, "%s must not be negative, got %d", field, value);
    return OptionalLong.of(value);
  }

  private static ResultOrder order(SearchRequest request) {
    return switch (request.getSort()) {
      case SORT_ORDER_UNSPECIFIED, SORT_ORDER_RELEVANCE -> ResultOrder.RELEVANCE;
      case SORT_ORDER_PRICE_ASC -> ResultOrder.PRICE_ASC;
      case SORT_ORDER_PRICE_DESC -> ResultOrder.PRICE_DESC;
      case SORT_ORDER_NEWEST -> ResultOrder.NEWEST;
      case UNRECOGNIZED ->
          throw new InvalidRequestException(
              "sort has unknown value " + request.getSortValue() + "; see SortOrder");
    };
  }

  private int pageSize(int requested) {
    check(
        requested >= 0 && requested <= limits.maxPageSize(),
        "page_size must be between 1 and %d (0 means %d), got %d",
        limits.maxPageSize(),
        limits.defaultPageSize(),
        requested);
    return requested == 0 ? limits.defaultPageSize() : requested;
  }

  private static void check(boolean valid, String message, Object... args) {
    if (!valid) {
      throw new InvalidRequestException(String.format(message, args));
    }
  }
}
