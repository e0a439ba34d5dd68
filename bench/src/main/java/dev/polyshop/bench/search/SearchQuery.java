package dev.polyshop.bench.search;

import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SortOrder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One search of the query mix, in the form both clients can send: a gRPC {@link SearchRequest} and
 * the gateway's {@code GET /api/search} path.
 *
 * @param minPrice minor units, 0 = no lower bound
 * @param maxPrice minor units, 0 = no upper bound
 * @param pageToken empty for a first page
 */
public record SearchQuery(
    Kind kind,
    String text,
    List<String> categories,
    List<String> brands,
    long minPrice,
    long maxPrice,
    boolean inStockOnly,
    SortOrder sort,
    int pageSize,
    String pageToken) {

  /** What a user typed or clicked. */
  public enum Kind {
    ONE_WORD,
    TWO_WORD,
    FILTERED,
    SORTED,
    PAGED,
    TYPO
  }

  public SearchQuery {
    categories = List.copyOf(categories);
    brands = List.copyOf(brands);
  }

  public SearchQuery withPageToken(String token) {
    return new SearchQuery(
        kind, text, categories, brands, minPrice, maxPrice, inStockOnly, sort, pageSize, token);
  }

  public SearchRequest toRequest() {
    var filter =
        SearchFilter.newBuilder()
            .addAllCategories(categories)
            .addAllBrands(brands)
            .setMinPriceMinor(minPrice)
            .setMaxPriceMinor(maxPrice)
            .setInStockOnly(inStockOnly);
    return SearchRequest.newBuilder()
        .setQuery(text)
        .setFilter(filter)
        .setSort(sort)
        .setPageSize(pageSize)
        .setPageToken(pageToken)
        .build();
  }

  /** The same search as the gateway's JSON route takes it (query parameters, percent-encoded). */
  public String gatewayPath() {
    var path = new StringBuilder("/api/search?q=").append(encode(text));
    categories.forEach(c -> path.append("&category=").append(encode(c)));
    brands.forEach(b -> path.append("&brand=").append(encode(b)));
    if (minPrice > 0) {
      path.append("&minPrice=").append(minPrice);
    }
    if (maxPrice > 0) {
      path.append("&maxPrice=").append(maxPrice);
    }
    if (inStockOnly) {
      path.append("&inStock=true");
    }
    if (sort != SortOrder.SORT_ORDER_UNSPECIFIED) {
      path.append("&sort=").append(sortParameter(sort));
    }
    path.append("&pageSize=").append(pageSize);
    if (!pageToken.isEmpty()) {
      path.append("&pageToken=").append(encode(pageToken));
    }
    return path.toString();
  }

  private static String sortParameter(SortOrder sort) {
    return switch (sort) {
      case SORT_ORDER_PRICE_ASC -> "price_asc";
      case SORT_ORDER_PRICE_DESC -> "price_desc";
      case SORT_ORDER_NEWEST -> "newest";
      default -> "relevance";
    };
  }

  private static String encode(String value) {
    // %20 rather than '+': a query parameter decoder need not read '+' as a space.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
