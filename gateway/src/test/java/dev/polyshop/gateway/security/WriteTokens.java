package dev.polyshop.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Write tokens for the tests, correct by default, with one thing changed at a time. */
final class WriteTokens {

  private WriteTokens() {}

  /** The claims a valid development write token carries, expiring in {@code ttl}. */
  static JWTClaimsSet.Builder valid(Duration ttl) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("polyshop-dev")
        .audience("polyshop")
        .subject("tester")
        .claim("scope", "products:write")
        .issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
        .expirationTime(Date.from(now.plus(ttl)));
  }

  static String signed(
      JWSAlgorithm algorithm, String secret, UnaryOperator<JWTClaimsSet.Builder> change) {
    var jwt =
        new SignedJWT(new JWSHeader(algorithm), change.apply(valid(Duration.ofMinutes(5))).build());
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  static String devSigned(UnaryOperator<JWTClaimsSet.Builder> change) {
    return signed(JWSAlgorithm.HS256, DevToken.DEVELOPMENT_SECRET, change);
  }

  /** {@code alg: none}: no signature at all. */
  static String unsigned() {
    return new PlainJWT(valid(Duration.ofMinutes(5)).build()).serialize();
  }
}
