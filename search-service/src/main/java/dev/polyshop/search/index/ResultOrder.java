package dev.polyshop.search.index;

/** How search results are ordered; every order ends with the product id so paging is stable. */
public enum ResultOrder {
  /** Best text match first, then newest; without free text the same as {@link #NEWEST}. */
  RELEVANCE,
  PRICE_ASC,
  PRICE_DESC,
  NEWEST
}
