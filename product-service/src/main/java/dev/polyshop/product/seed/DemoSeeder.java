package dev.polyshop.product.seed;

import dev.polyshop.product.catalog.ProductData;
import dev.polyshop.product.catalog.ProductService;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lays down the demo catalog at startup, before the service reports ready. Idempotent: SKUs are
 * deterministic and inserted only where absent (each new product with its change event, so feed
 * consumers see it); a marker row skips the work on later starts, so demo products deleted through
 * the API stay deleted.
 */
@Component
class DemoSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  private static final int BATCH = 1000;

  private final SeedProperties properties;
  private final ProductService products;
  private final JdbcClient jdbc;
  private final DemoCatalog catalog;

  DemoSeeder(SeedProperties properties, ProductService products, JdbcClient jdbc) {
    this.properties = properties;
    this.products = products;
    this.jdbc = jdbc;
    this.catalog = new DemoCatalog(properties.randomSeed());
  }

  @Override
  public void run(ApplicationArguments args) {
    int wanted = properties.products();
    if (wanted <= 0 || alreadySeeded() >= wanted) {
      return;
    }
    long started = System.nanoTime();
    int created = seed(wanted);
    jdbc.sql(
            """
            insert into demo_seed (singleton, products) values (true, :n)
            on conflict (singleton) do update set products = excluded.products""")
        .param("n", wanted)
        .update();
    log.info(
        "Seeded demo catalog: {} of {} products were new ({} ms)",
        created,
        wanted,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Ensures demo products 1..{@code count} exist.
   *
   * @return how many were created
   */
  int seed(int count) {
    int created = 0;
    for (int from = 1; from <= count; from += BATCH) {
      int to = Math.min(count, from + BATCH - 1);
      List<ProductData> batch = new ArrayList<>(to - from + 1);
      for (int n = from; n <= to; n++) {
        batch.add(catalog.product(n));
      }
      created += products.createMissing(batch);
    }
    return created;
  }

  private int alreadySeeded() {
    return jdbc.sql("select products from demo_seed").query(Integer.class).optional().orElse(0);
  }
}
