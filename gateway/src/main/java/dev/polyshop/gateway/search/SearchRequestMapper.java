package dev.polyshop.gateway.search;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemException;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SortOrder;
import dev.polyshop.search.v1.SuggestRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * Query parameters to search requests. Only syntax is checked here (a number is a number); bounds
 * are search-service's to enforce, so the rules live in one place.
 */
final class SearchRequestMapper {

  private SearchRequestMapper() {}

  /**
   * {@code q, category, brand, minPrice, maxPrice, inStock, sort, pageSize, pageToken}; {@code
   * category} and {@code brand} repeat or take comma-separated lists; prices are minor units.
   */
  static SearchRequest search(MultiValueMap<String, String> params) {
    var filter = SearchFilter.newBuilder().addAllCategories(list(params, "category"));
    filter.addAllBrands(list(params, "brand"));
    String minPrice = params.getFirst("minPrice");
    if (minPrice != null && !minPrice.isBlank()) {
      filter.setMinPriceMinor(number("minPrice", minPrice));
    }
    String maxPrice = params.getFirst("maxPrice");
    if (maxPrice != null && !maxPrice.isBlank()) {
      filter.setMaxPriceMinor(number("maxPrice", maxPrice));
    }
    filter.setInStockOnly(bool("inStock", params.getFirst("inStock")));
    var request = SearchRequest.newBuilder().setFilter(filter);
    request.setQuery(orEmpty(params.getFirst("q")));
    request.setSort(sort(params.getFirst("sort")));
    String pageSize = params.getFirst("pageSize");
    if (pageSize != null && !pageSize.isBlank()) {
      request.setPageSize(Math.toIntExact(bounded("pageSize", pageSize)));
    }
    request.setPageToken(orEmpty(params.getFirst("pageToken")));
    return request.build();
  }

  /** {@code prefix} and optional {@code limit}. */
  static SuggestRequest suggest(MultiValueMap<String, String> params) {
    var request = SuggestRequest.newBuilder().setPrefix(orEmpty(params.getFirst("prefix")));
    String limit = params.getFirst("limit");
    if (limit != null && !limit.isBlank()) {
      request.setLimit(Math.toIntExact(bounded("limit", limit)));
    }
    return request.build();
  }

  private static List<String> list(MultiValueMap<String, String> params, String name) {
    return params.getOrDefault(name, List.of()).stream()
        .flatMap(value -> java.util.Arrays.stream(value.split(",")))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .toList();
  }

  private static SortOrder sort(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return SortOrder.SORT_ORDER_UNSPECIFIED;
    }
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "RELEVANCE", "SORT_ORDER_RELEVANCE" -> SortOrder.SORT_ORDER_RELEVANCE;
      case "PRICE_ASC", "SORT_ORDER_PRICE_ASC" -> SortOrder.SORT_ORDER_PRICE_ASC;
      case "PRICE_DESC", "SORT_ORDER_PRICE_DESC" -> SortOrder.SORT_ORDER_PRICE_DESC;
      case "NEWEST", "SORT_ORDER_NEWEST" -> SortOrder.SORT_ORDER_NEWEST;
      default ->
          throw bad("sort must be one of relevance, price_asc, price_desc, newest: " + value);
    };
  }

  private static boolean bool(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw bad(name + " must be true or false: " + value);
    };
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw bad(name + " must be a whole number of minor units: " + value);
    }
  }

  private static long bounded(String name, String value) {
    long number = number(name, value);
    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      throw bad(name + " is out of range: " + value);
    }
    return number;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static ProblemException bad(String detail) {
    return new ProblemException(Problem.of(HttpStatus.BAD_REQUEST, "bad-request", detail));
  }
}
