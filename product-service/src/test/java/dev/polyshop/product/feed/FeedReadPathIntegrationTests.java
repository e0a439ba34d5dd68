package dev.polyshop.product.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Feed reads only read: they never sequence, so they never wait for the sequencer's lock. */
@ProductServiceHarness
class FeedReadPathIntegrationTests {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void feedRead_withUnsequencedEventsAndTheSequencerLockHeld_answersAtOnce() throws Exception {
    HttpApi api = new HttpApi(port);
    long head = FeedConsumer.head(api);
    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("select 1 from feed_head for update");
      String sku = ProductBodies.uniqueSku("UNSEQ");
      assertThat(
              api.send("POST", "/products", "application/json", ProductBodies.body(sku)).status())
          .isEqualTo(201);

      CompletableFuture<HttpApi.Response> read =
          CompletableFuture.supplyAsync(() -> api.get("/products/changes?after=" + head));

      HttpApi.Response page = read.get(3, TimeUnit.SECONDS);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).doesNotContain(sku); // not sequenced yet: not served yet
      holder.rollback();
    }
  }
}
