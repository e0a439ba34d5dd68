package dev.polyshop.product.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code product} table. */
@Repository
class ProductRepository {

  /** A listed product with its pagination key. */
  record Listed(long seq, Product product) {}

  private static final String COLUMNS =
      "id, seq, sku, name, description, category, brand, price_amount_minor, price_currency,"
          + " stock, attributes::text as attributes, created_at, updated_at, version";

  private static final String INSERT =
      """
      insert into product (id, sku, name, description, category, brand, price_amount_minor,
                           price_currency, stock, attributes, created_at, updated_at, version)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, 1)
      on conflict (sku) do nothing""";

  private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final JsonMapper json;

  ProductRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
    this.json = json;
  }

  Optional<Product> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from product where id = :id")
        .param("id", id)
        .query((rs, row) -> product(rs))
        .optional();
  }

  /** Reads and row-locks a product for a conditional change. */
  Optional<Product> findForUpdate(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from product where id = :id for update")
        .param("id", id)
        .query((rs, row) -> product(rs))
        .optional();
  }

  /** Products after {@code afterSeq} in insertion order; one extra row tells if more follow. */
  List<Listed> list(@Nullable String category, long afterSeq, int limit) {
    String where = category == null ? "seq > :after" : "seq > :after and category = :category";
    var query =
        jdbc.sql(
                "select " + COLUMNS + " from product where " + where + " order by seq limit :limit")
            .param("after", afterSeq)
            .param("limit", limit);
    if (category != null) {
      query = query.param("category", category);
    }
    return query.query((rs, row) -> new Listed(rs.getLong("seq"), product(rs))).list();
  }

  /**
   * Inserts new products at the database's current time.
   *
   * @return the stored products, for those whose SKU was free (others are skipped)
   */
  List<Product> insertNew(List<UUID> ids, List<ProductData> products) {
    Instant now = jdbc.sql("select now()").query(OffsetDateTime.class).single().toInstant();
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    List<Object[]> rows = new ArrayList<>(products.size());
    for (int i = 0; i < products.size(); i++) {
      ProductData p = products.get(i);
      rows.add(
          new Object[] {
            ids.get(i),
            p.sku(),
            p.name(),
            p.description(),
            p.category(),
            p.brand(),
            p.price().amountMinor(),
            p.price().currency(),
            p.stock(),
            attributes(p.attributes()),
            at,
            at
          });
    }
    int[] counts = jdbcTemplate.batchUpdate(INSERT, rows);
    List<Product> inserted = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 1) {
        inserted.add(stored(ids.get(i), products.get(i), now, now, 1));
      }
    }
    return inserted;
  }

  /** Overwrites the writable fields and bumps the version. */
  Product update(UUID id, ProductData p) {
    return jdbc.sql(
            """
            update product set sku = :sku, name = :name, description = :description,
              category = :category, brand = :brand, price_amount_minor = :amount,
              price_currency = :currency, stock = :stock, attributes = cast(:attributes as jsonb),
              updated_at = now(), version = version + 1
            where id = :id
            returning\s"""
                + COLUMNS)
        .param("id", id)
        .param("sku", p.sku())
        .param("name", p.name())
        .param("description", p.description())
        .param("category", p.category())
        .param("brand", p.brand())
        .param("amount", p.price().amountMinor())
        .param("currency", p.price().currency())
        .param("stock", p.stock())
        .param("attributes", attributes(p.attributes()))
        .query((rs, row) -> product(rs))
        .single();
  }

  /**
   * @return when the product was deleted (the transaction's time)
   */
  Instant delete(UUID id) {
    return jdbc.sql("delete from product where id = :id returning now()")
        .param("id", id)
        .query(OffsetDateTime.class)
        .single()
        .toInstant();
  }

  private String attributes(Map<String, String> attributes) {
    return json.writeValueAsString(attributes);
  }

  private Product product(ResultSet rs) throws SQLException {
    return new Product(
        rs.getObject("id", UUID.class),
        new ProductData(
            rs.getString("sku"),
            rs.getString("name"),
            rs.getString("description"),
            rs.getString("category"),
            rs.getString("brand"),
            new Money(rs.getLong("price_amount_minor"), rs.getString("price_currency")),
            rs.getLong("stock"),
            json.readValue(rs.getString("attributes"), ATTRIBUTES)),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        rs.getLong("version"));
  }

  private static Product stored(
      UUID id, ProductData p, Instant createdAt, Instant updatedAt, long version) {
    return new Product(id, p, createdAt, updatedAt, version);
  }
}
