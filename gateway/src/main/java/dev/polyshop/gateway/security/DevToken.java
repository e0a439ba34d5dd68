package dev.polyshop.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints a development JWT (HS256) that the gateway accepts for writes.
 *
 * <p>Run {@code java -jar polyshop-gateway.jar --mint-dev-token [subject] [ttl]}; the secret is
 * {@code POLYSHOP_SECURITY_JWT_SECRET} when set, else the development secret.
 */
public final class DevToken {

  /** The flag of the gateway's main that runs this instead of the server. */
  public static final String FLAG = "--mint-dev-token";

  /** Documented, public, local-only secret: anyone can mint tokens with it. */
  public static final String DEVELOPMENT_SECRET =
      "polyshop-development-secret-change-me-outside-local-runs";

  /** Default issuer and audience of the gateway's tokens ({@link JwtProperties}). */
  static final String ISSUER = "polyshop-dev";

  static final String AUDIENCE = "polyshop";

  private DevToken() {}

  /** Arguments: optional subject (default {@code dev}) and ISO-8601 lifetime (default PT12H). */
  public static void main(String[] args) {
    String secret =
        System.getenv().getOrDefault("POLYSHOP_SECURITY_JWT_SECRET", DEVELOPMENT_SECRET);
    String issuer = System.getenv().getOrDefault("POLYSHOP_SECURITY_JWT_ISSUER", ISSUER);
    String audience = System.getenv().getOrDefault("POLYSHOP_SECURITY_JWT_AUDIENCE", AUDIENCE);
    String subject = args.length > 0 ? args[0] : "dev";
    Duration ttl = args.length > 1 ? Duration.parse(args[1]) : Duration.ofHours(12);
    System.out.println(mint(secret, subject, "products:write", ttl, issuer, audience));
  }

  /** A token with the default issuer and audience. */
  public static String mint(String secret, String subject, String scope, Duration ttl) {
    return mint(secret, subject, scope, ttl, ISSUER, AUDIENCE);
  }

  public static String mint(
      String secret, String subject, String scope, Duration ttl, String issuer, String audience) {
    Instant now = Instant.now();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject)
            .claim("scope", scope)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the secret must be at least 32 bytes for HS256", e);
    }
    return jwt.serialize();
  }
}
