package dev.polyshop.product.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.ProductServiceHarness;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ProductServiceHarness
class DemoSeederIntegrationTests {

  private static final int PRODUCTS = 1500;

  @Autowired DemoSeeder seeder;
  @Autowired JdbcClient jdbc;

  @Test
  void seedingTwice_createsEveryDemoProductOnceWithOneChangeEventEach() {
    seeder.seed(PRODUCTS);
    long products = demoProducts();
    long events = demoEvents();

    int createdAgain = seeder.seed(PRODUCTS);

    assertThat(createdAgain).isZero();
    assertThat(products).isEqualTo(PRODUCTS);
    assertThat(demoProducts()).isEqualTo(products);
    assertThat(events).isEqualTo(PRODUCTS);
    assertThat(demoEvents()).isEqualTo(events);
    assertThat(
            jdbc.sql("select sku from product where sku like 'DEMO-%' order by sku limit 1")
                .query(String.class)
                .single())
        .isEqualTo("DEMO-000001");
  }

  private long demoProducts() {
    return jdbc.sql("select count(*) from product where sku like 'DEMO-%'")
        .query(Long.class)
        .single();
  }

  private long demoEvents() {
    return jdbc.sql(
            "select count(*) from change_event where product_id in"
                + " (select id from product where sku like 'DEMO-%')")
        .query(Long.class)
        .single();
  }
}
