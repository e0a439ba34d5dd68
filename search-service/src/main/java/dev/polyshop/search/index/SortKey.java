package dev.polyshop.search.index;

/**
 * Where a page ended: the sort values of its last hit, from which the next page continues.
 *
 * <p>All values are kept whatever the order, so a key has one fixed shape; the order in force
 * decides which of them matter.
 */
public record SortKey(float score, long priceMinor, long createdMillis, String productId) {}
