package dev.polyshop.push.catalog;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.push.v1.Topics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns change-feed events into push events, keeping the last seen price and stock per product.
 *
 * <p>Each derived event has a fixed index per kind (0 product, 1 category, 2 deals, 3 stock), so
 * with its feed position it forms an id that means the same event on every replica. Events that
 * compare with the previous version (price drops, back in stock) are derived only when that version
 * was seen; otherwise the result is flagged incomplete (feed compaction removed history).
 */
final class CatalogDeriver {

  static final int PRODUCT = 0;
  static final int CATEGORY = 1;
  static final int DEALS = 2;
  static final int STOCK = 3;

  /** One derived event; {@code index} is its fixed slot within the feed position. */
  record Derived(int index, String topic, String type, String dataJson) {}

  /** What one feed event produced; {@code incomplete} when history needed for it is missing. */
  record Result(List<Derived> events, boolean incomplete) {}

  private record State(long version, long priceMinor, String currency, long stock) {}

  private static final Result NOTHING = new Result(List.of(), false);

  private final Map<String, State> products = new HashMap<>();
  // The deleted version per deleted product: compaction re-sequences tombstones above the head, and
  // a repeated one must derive nothing (nor may a stale upsert bring the product back).
  private final Map<String, Long> deleted = new HashMap<>();

  Result apply(ChangeEvent event) {
    State previous = products.get(event.getProductId());
    return switch (event.getChangeCase()) {
      case UPSERT -> upsert(event, previous);
      case DELETE -> delete(event, previous);
      case CHANGE_NOT_SET -> NOTHING;
    };
  }

  private Result upsert(ChangeEvent event, @Nullable State previous) {
    Product product = event.getUpsert();
    long version = event.getVersion();
    if (previous != null && version <= previous.version() || version <= deletedVersion(event)) {
      return NOTHING;
    }
    deleted.remove(product.getId());
    Money price = product.getPrice();
    products.put(
        product.getId(),
        new State(version, price.getAmountMinor(), price.getCurrencyCode(), product.getStock()));
    boolean contiguous = previous == null ? version == 1 : version == previous.version() + 1;
    List<Derived> events = new ArrayList<>(2);
    events.add(
        new Derived(
            PRODUCT,
            Topics.catalog(Topics.PRODUCT, product.getId()),
            "product.changed",
            new CatalogJson()
                .field("productId", product.getId())
                .field("version", version)
                .field("sku", product.getSku())
                .field("name", product.getName())
                .field("category", product.getCategory())
                .money("price", price)
                .field("stock", product.getStock())
                .build()));
    if (contiguous && previous != null) {
      priceDrop(product, previous, events);
      if (previous.stock() == 0 && product.getStock() > 0) {
        events.add(
            new Derived(
                STOCK,
                Topics.catalog(Topics.STOCK, product.getId()),
                "stock.back",
                new CatalogJson()
                    .field("productId", product.getId())
                    .field("name", product.getName())
                    .field("stock", product.getStock())
                    .build()));
      }
    }
    return new Result(events, !contiguous);
  }

  private static void priceDrop(Product product, State previous, List<Derived> events) {
    Money now = product.getPrice();
    long old = previous.priceMinor();
    if (!now.getCurrencyCode().equals(previous.currency()) || now.getAmountMinor() >= old) {
      return;
    }
    long basisPoints = (old - now.getAmountMinor()) * 10_000 / old;
    String json =
        new CatalogJson()
            .field("productId", product.getId())
            .field("name", product.getName())
            .field("category", product.getCategory())
            .money(
                "oldPrice",
                Money.newBuilder().setAmountMinor(old).setCurrencyCode(previous.currency()).build())
            .money("newPrice", now)
            .field("dropPercent", BigDecimal.valueOf(basisPoints, 2))
            .build();
    events.add(
        new Derived(
            CATEGORY,
            Topics.catalog(Topics.CATEGORY, product.getCategory()),
            "price.dropped",
            json));
    if (basisPoints >= 1_000) {
      events.add(new Derived(DEALS, Topics.DEALS, "price.dropped", json));
    }
  }

  private Result delete(ChangeEvent event, @Nullable State previous) {
    long version = event.getVersion();
    if (previous != null && version < previous.version() || version <= deletedVersion(event)) {
      return NOTHING;
    }
    products.remove(event.getProductId());
    deleted.put(event.getProductId(), version);
    String json =
        new CatalogJson()
            .field("productId", event.getProductId())
            .field("version", version)
            .field("sku", event.getDelete().getSku())
            .build();
    List<Derived> events =
        List.of(
            new Derived(
                PRODUCT,
                Topics.catalog(Topics.PRODUCT, event.getProductId()),
                "product.deleted",
                json));
    return new Result(events, previous == null || version != previous.version());
  }

  private long deletedVersion(ChangeEvent event) {
    return deleted.getOrDefault(event.getProductId(), 0L);
  }

  /** Forgets every product and tombstone (the feed restarts from the beginning). */
  void clear() {
    products.clear();
    deleted.clear();
  }

  /** Products currently tracked. */
  int size() {
    return products.size();
  }
}
