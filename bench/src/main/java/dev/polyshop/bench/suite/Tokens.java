package dev.polyshop.bench.suite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 tokens the harness presents: to push-service's internal {@code Publish} port (a service
 * token with scope {@code push:publish}) and to the gateway, for the SSE subscribers' private topic
 * (a development token of the topic's owner; the harness runs the gateway in the dev profile).
 */
final class Tokens {

  /** The gateway's development secret, issuer and audience (its {@code DevToken}). */
  static final String GATEWAY_DEV_SECRET =
      "polyshop-development-secret-change-me-outside-local-runs";

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** A publisher's token for push-service's internal port. */
  static String publisher(String secret) {
    return hs256(secret, claims("bench", Map.of("scope", "push:publish")));
  }

  /** A gateway token of {@code subject}, as {@code ./polyshop token} mints them. */
  static String gateway(String subject) {
    return hs256(
        GATEWAY_DEV_SECRET, claims(subject, Map.of("iss", "polyshop-dev", "aud", "polyshop")));
  }

  private static Map<String, Object> claims(String subject, Map<String, Object> more) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subject);
    claims.put("iat", now);
    claims.put("exp", now + 6 * 3600);
    claims.putAll(more);
    return claims;
  }

  static String hs256(String secret, Map<String, Object> claims) {
    String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String body = encode(Json.compact(claims));
    String signingInput = header + "." + body;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
