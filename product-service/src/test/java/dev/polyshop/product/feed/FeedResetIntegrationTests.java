package dev.polyshop.product.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Cursors the feed cannot serve get 410 feed-reset with a reason, instead of skipping events. */
@ProductServiceHarness
class FeedResetIntegrationTests {

  @LocalServerPort int port;
  @Autowired FeedSequencer sequencer;
  @Autowired FeedIdentity identity;
  @Autowired JdbcClient jdbc;
  @Autowired PostgreSQLContainer postgres;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void everyPage_carriesTheFeedId_andTheFeedParameterIsAccepted() {
    String feedId = FeedConsumer.fetch(api, 0, 1, 0).getFeedId();

    assertThat(feedId).matches("[0-9a-f-]{36}");
    assertThat(api.get("/products/changes?after=0&limit=1&feed=" + feedId).status()).isEqualTo(200);
    assertThat(api.get("/products/changes?feed=not-a-uuid").status()).isEqualTo(400);
  }

  @Test
  void cursorOfAnotherFeed_gets410FeedReplaced() {
    String other = UUID.randomUUID().toString();

    HttpApi.Response reset = api.get("/products/changes?after=0&feed=" + other);

    assertReset(reset, "feed-replaced");
    assertThat(reset.json().get("feedId").asString())
        .isEqualTo(FeedConsumer.fetch(api, 0, 1, 0).getFeedId());
  }

  @Test
  void cursorAheadOfTheHead_gets410CursorAhead() {
    create();
    sequencer.sequence();
    long head = FeedConsumer.head(api);

    assertThat(api.get("/products/changes?after=" + head).status()).isEqualTo(200);
    assertReset(api.get("/products/changes?after=" + (head + 1)), "cursor-ahead");
  }

  @Test
  void restoredDump_inAnotherDatabase_servesUnderANewFeedId() throws Exception {
    create();
    sequencer.sequence();
    String before = identity.verify();
    String restored = "restored_" + Long.toHexString(System.nanoTime());
    String user = postgres.getUsername();
    var dumpAndRestore =
        postgres.execInContainer(
            "sh",
            "-c",
            "createdb -U %1$s %2$s && pg_dump -U %1$s %3$s | psql -q -U %1$s %2$s"
                .formatted(user, restored, postgres.getDatabaseName()));
    assertThat(dumpAndRestore.getExitCode()).as(dumpAndRestore.getStderr()).isZero();
    var restoredDb =
        new org.springframework.jdbc.datasource.DriverManagerDataSource(
            postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + restored),
            user,
            postgres.getPassword());
    var restoredIdentity =
        new FeedIdentity(
            JdbcClient.create(restoredDb),
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(restoredDb));

    String after = restoredIdentity.verify();

    assertThat(
            JdbcClient.create(restoredDb)
                .sql("select feed_id::text from feed_head")
                .query(String.class)
                .single())
        .isEqualTo(after);
    assertThat(after).isNotEqualTo(before);
    assertThat(identity.verify()).as("the original database keeps its id").isEqualTo(before);
  }

  private static void assertReset(HttpApi.Response reset, String reason) {
    assertThat(reset.status()).isEqualTo(410);
    assertThat(reset.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reset.json().get("type").asString())
        .isEqualTo("https://polyshop.dev/problems/feed-reset");
    assertThat(reset.json().get("reason").asString()).isEqualTo(reason);
    assertThat(reset.json().get("headPosition").asLong()).isNotNegative();
  }

  private void create() {
    assertThat(
            api.send(
                    "POST",
                    "/products",
                    "application/json",
                    ProductBodies.body(ProductBodies.uniqueSku("RESET")))
                .status())
        .isEqualTo(201);
  }
}
