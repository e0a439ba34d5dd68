package dev.polyshop.product.catalog;

import dev.polyshop.product.problem.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes {@code POST /products} safe to retry with an {@code Idempotency-Key}. The first request
 * claims the key (committed at once, so duplicates see it); the product and its stored response
 * then commit together. The same key with the same body replays that response byte for byte; with
 * another body it is 422; while the first request still runs it is 409. A request that fails
 * releases its key, so retrying it runs it again. Keys are per caller (the {@code Polyshop-Caller}
 * the gateway sets from the token's subject): the same key from two callers is two keys.
 */
@Component
class IdempotentCreate {

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final IdempotencyRecords records;
  private final TransactionTemplate transaction;
  private final JsonMapper json;

  IdempotentCreate(
      IdempotencyRecords records, PlatformTransactionManager transactionManager, JsonMapper json) {
    this.records = records;
    this.transaction = new TransactionTemplate(transactionManager);
    this.json = json;
  }

  /**
   * Runs {@code create} at most once for {@code caller}'s {@code key} and answers every retry the
   * same way; {@code caller} is empty for requests that name none.
   */
  ResponseEntity<Product> createOnce(
      String caller, String key, ProductData request, Supplier<Product> create) {
    if (!KEY.matcher(key).matches()) {
      throw ApiException.invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
    }
    String hash = fingerprint(request);
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<OffsetDateTime> claim = records.claim(caller, key, hash);
      if (claim.isPresent()) {
        return runClaimed(caller, key, hash, claim.get(), create);
      }
      Optional<IdempotencyRecords.Record> existing = records.find(caller, key);
      if (existing.isEmpty()) {
        continue; // a failed first request released it just now: claim again
      }
      if (!existing.get().requestHash().equals(hash)) {
        throw new ApiException(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "idempotency-key-reused",
            "This Idempotency-Key was already used with a different request body.");
      }
      if (existing.get().inFlight()) {
        throw inFlight();
      }
      return replay(existing.get());
    }
    throw inFlight();
  }

  private ResponseEntity<Product> runClaimed(
      String caller, String key, String hash, OffsetDateTime claimedAt, Supplier<Product> create) {
    try {
      return transaction.execute(
          status -> {
            Product product = create.get();
            var response =
                new IdempotencyRecords.Record(
                    hash,
                    "COMPLETED",
                    claimedAt,
                    HttpStatus.CREATED.value(),
                    "/products/" + product.id(),
                    IfMatch.etag(product.version()),
                    json.writeValueAsString(product));
            if (!records.complete(caller, key, response)) {
              throw inFlight(); // our claim was taken over as abandoned; roll back
            }
            return replay(response);
          });
    } catch (RuntimeException failed) {
      try {
        records.release(caller, key, claimedAt);
      } catch (RuntimeException releaseFailed) {
        failed.addSuppressed(releaseFailed);
      }
      throw failed;
    }
  }

  private ResponseEntity<Product> replay(IdempotencyRecords.Record stored) {
    return ResponseEntity.status(stored.status())
        .location(URI.create(stored.location()))
        .eTag(stored.etag())
        .body(json.readValue(stored.body(), Product.class));
  }

  private String fingerprint(ProductData request) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("POST /products\n".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha256.digest(json.writeValueAsBytes(request)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static ApiException inFlight() {
    return new ApiException(
        HttpStatus.CONFLICT,
        "idempotency-key-in-flight",
        "A request with this Idempotency-Key is still being processed; retry shortly.");
  }
}
