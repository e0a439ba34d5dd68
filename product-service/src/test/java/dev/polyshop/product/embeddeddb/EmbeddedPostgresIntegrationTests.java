package dev.polyshop.product.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.ProductServiceApplication;
import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default, end to end: with no datasource configured the service runs its own
 * PostgreSQL, and what it stored is still there after a restart.
 */
class EmbeddedPostgresIntegrationTests {

  @TempDir Path dataDir;

  @Test
  void withNoDatasourceConfigured_dataSurvivesARestart() {
    String id;
    try (ConfigurableApplicationContext app = start()) {
      assertThat(app.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
      HttpApi api = api(app);
      HttpApi.Response created =
          api.send(
              "POST",
              "/products",
              "application/json",
              ProductBodies.body(ProductBodies.uniqueSku("EMBED")));
      assertThat(created.status()).isEqualTo(201);
      id = created.json().get("id").asString();
      assertThat(demoProducts(api)).isEqualTo(30);
    }

    try (ConfigurableApplicationContext app = start()) {
      HttpApi api = api(app);
      HttpApi.Response fetched = api.get("/products/" + id);

      assertThat(fetched.status()).isEqualTo(200);
      assertThat(fetched.json().get("id").asString()).isEqualTo(id);
      assertThat(demoProducts(api)).isEqualTo(30);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ProductServiceApplication.class)
        .run(
            "--polyshop.embedded-db.data-dir=" + dataDir,
            "--polyshop.embedded-db.port=0",
            "--server.port=0",
            "--polyshop.seed.products=30",
            "--spring.main.banner-mode=off");
  }

  private static HttpApi api(ConfigurableApplicationContext app) {
    return new HttpApi(
        Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
  }

  private static long demoProducts(HttpApi api) {
    return api.get("/products?limit=100")
        .json()
        .get("items")
        .valueStream()
        .filter(p -> p.get("sku").asString().startsWith("DEMO-"))
        .count();
  }
}
