package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ProductServiceHarness
class IdempotencyIntegrationTests {

  private static final int RETRIES = 16;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void parallelRetries_ofOnePost_createOneProductAndAnswerIdentically() throws Exception {
    String sku = ProductBodies.uniqueSku("IDEM");
    String key = UUID.randomUUID().toString();
    String body = ProductBodies.body(sku);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpApi.Response>> results = new ArrayList<>();

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < RETRIES; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(body, key);
                }));
      }
      start.countDown();
    }
    List<HttpApi.Response> responses = new ArrayList<>();
    for (Future<HttpApi.Response> result : results) {
      responses.add(result.get());
    }
    HttpApi.Response late = post(body, key);

    // Retries that overlap the first request get 409 (in flight); all others, and any retry
    // after it finished, get the stored 201 byte for byte.
    assertThat(responses).extracting(HttpApi.Response::status).isSubsetOf(201, 409);
    List<HttpApi.Response> created =
        new ArrayList<>(responses.stream().filter(r -> r.status() == 201).toList());
    created.add(late);
    HttpApi.Response first = created.getFirst();
    assertThat(first.status()).isEqualTo(201);
    assertThat(created)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(201);
              assertThat(r.header("Location")).isEqualTo(first.header("Location"));
              assertThat(r.header("ETag")).isEqualTo(first.header("ETag"));
              assertThat(r.body()).isEqualTo(first.body());
            });
    assertThat(countBySku(sku)).isEqualTo(1);
    assertThat(eventsBySku(sku)).isEqualTo(1);
  }

  @Test
  void sameKey_withADifferentBody_returns422AndCreatesNothing() {
    String key = UUID.randomUUID().toString();
    String sku = ProductBodies.uniqueSku("IDEM");
    assertThat(post(ProductBodies.body(sku), key).status()).isEqualTo(201);
    String otherSku = ProductBodies.uniqueSku("IDEM");

    HttpApi.Response reused = post(ProductBodies.body(otherSku), key);

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reused.json().get("type").asString()).endsWith("/problems/idempotency-key-reused");
    assertThat(countBySku(otherSku)).isZero();
  }

  @Test
  void duplicate_whileTheFirstIsInFlight_returns409_thenTheCompletedResponseIsReplayed()
      throws Exception {
    String sku = ProductBodies.uniqueSku("HOLD");
    String key = UUID.randomUUID().toString();
    String body = ProductBodies.body(sku);
    CompletableFuture<HttpApi.Response> first;
    // A competing uncommitted insert of the same SKU makes the first request wait on the unique
    // index inside its transaction: it is reliably in flight until we roll back.
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      insertProductWithSku(blocker, sku);
      first = CompletableFuture.supplyAsync(() -> post(body, key));
      await().atMost(Duration.ofSeconds(10)).until(() -> keyState(key).equals("IN_FLIGHT"));

      HttpApi.Response duplicate = post(body, key);

      assertThat(duplicate.status()).isEqualTo(409);
      assertThat(duplicate.json().get("type").asString())
          .endsWith("/problems/idempotency-key-in-flight");
      blocker.rollback();
    }
    HttpApi.Response original = first.get();
    HttpApi.Response retry = post(body, key);

    assertThat(original.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(original.body());
    assertThat(retry.header("Location")).isEqualTo(original.header("Location"));
    assertThat(retry.header("ETag")).isEqualTo(original.header("ETag"));
    assertThat(countBySku(sku)).isEqualTo(1);
  }

  @Test
  void failedFirstRequest_releasesItsKey_soTheRetryRunsAgain() {
    String takenSku = ProductBodies.uniqueSku("TAKEN");
    assertThat(post(ProductBodies.body(takenSku), null).status()).isEqualTo(201);
    String key = UUID.randomUUID().toString();

    assertThat(post(ProductBodies.body(takenSku), key).status()).isEqualTo(409);
    assertThat(
            jdbc.sql("select count(*) from idempotency_key where key = :key")
                .param("key", key)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void sameKey_fromAnotherCaller_neitherReplaysNorBlocks() {
    String key = UUID.randomUUID().toString();
    String aliceSku = ProductBodies.uniqueSku("IDEM");
    String bobSku = ProductBodies.uniqueSku("IDEM");

    HttpApi.Response alice = postAs("alice", ProductBodies.body(aliceSku), key);
    HttpApi.Response bob = postAs("bob", ProductBodies.body(bobSku), key);
    HttpApi.Response aliceAgain = postAs("alice", ProductBodies.body(aliceSku), key);

    assertThat(alice.status()).isEqualTo(201);
    assertThat(bob.status()).isEqualTo(201); // not 422 (another body) and not alice's replay
    assertThat(bob.header("Location")).isNotEqualTo(alice.header("Location"));
    assertThat(aliceAgain.header("Location")).isEqualTo(alice.header("Location"));
    assertThat(countBySku(aliceSku)).isEqualTo(1);
    assertThat(countBySku(bobSku)).isEqualTo(1);
  }

  @Test
  void sameKey_withAndWithoutCaller_areDifferentKeys() {
    String key = UUID.randomUUID().toString();
    String sku = ProductBodies.uniqueSku("IDEM");

    assertThat(postAs("carol", ProductBodies.body(sku), key).status()).isEqualTo(201);
    String other = ProductBodies.uniqueSku("IDEM");
    assertThat(post(ProductBodies.body(other), key).status()).isEqualTo(201);
  }

  private HttpApi.Response postAs(String caller, String body, String key) {
    return api.send(
        "POST",
        "/products",
        "application/json",
        body,
        "Idempotency-Key",
        key,
        "Polyshop-Caller",
        caller);
  }

  private HttpApi.Response post(String body, String key) {
    return key == null
        ? api.send("POST", "/products", "application/json", body)
        : api.send("POST", "/products", "application/json", body, "Idempotency-Key", key);
  }

  private String keyState(String key) {
    return jdbc.sql("select state from idempotency_key where key = :key")
        .param("key", key)
        .query(String.class)
        .optional()
        .orElse("");
  }

  private long countBySku(String sku) {
    return jdbc.sql("select count(*) from product where sku = :sku")
        .param("sku", sku)
        .query(Long.class)
        .single();
  }

  private long eventsBySku(String sku) {
    return jdbc.sql(
            "select count(*) from change_event where product_id in"
                + " (select id from product where sku = :sku)")
        .param("sku", sku)
        .query(Long.class)
        .single();
  }

  private static void insertProductWithSku(Connection connection, String sku) throws Exception {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            insert into product (id, sku, name, category, brand, price_amount_minor,
                                 price_currency, stock, created_at, updated_at, version)
            values (?, ?, 'blocker', 'misc', 'Acme', 1, 'EUR', 1, now(), now(), 1)""")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, sku);
      insert.executeUpdate();
    }
  }
}
