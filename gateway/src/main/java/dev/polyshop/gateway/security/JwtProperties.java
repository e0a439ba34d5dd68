package dev.polyshop.gateway.security;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How write tokens are verified.
 *
 * @param secret shared HMAC secret (at least 32 bytes); the default is the documented development
 *     secret, which the gateway refuses to start with unless the {@code dev} profile is active
 * @param jwkSetUri when set, tokens are verified against this JWK set instead (asymmetric keys from
 *     an identity provider); defaults to {@code
 *     spring.security.oauth2.resourceserver.jwt.jwk-set-uri}
 * @param writeScope scope a token needs to write products (403 without it)
 * @param issuer the only accepted {@code iss}
 * @param audience the {@code aud} a token must name (a token for another API is refused)
 * @param clockSkew tolerance on {@code exp} and {@code nbf}; at most {@link #MAX_CLOCK_SKEW}
 * @param algorithms accepted JWS algorithms: exactly one of HS256/HS384/HS512 with a secret;
 *     RS/PS/ES algorithms with a JWK set. {@code none} is never accepted
 */
@ConfigurationProperties("polyshop.security.jwt")
public record JwtProperties(
    @DefaultValue(DevToken.DEVELOPMENT_SECRET) String secret,
    @Nullable String jwkSetUri,
    @DefaultValue("products:write") String writeScope,
    @DefaultValue(DevToken.ISSUER) String issuer,
    @DefaultValue(DevToken.AUDIENCE) String audience,
    @DefaultValue("30s") Duration clockSkew,
    @DefaultValue("HS256") List<String> algorithms) {

  /** A skew beyond this would keep expired tokens alive for minutes. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

  boolean usesJwkSet() {
    return jwkSetUri != null && !jwkSetUri.isBlank();
  }

  boolean usesDevelopmentSecret() {
    return !usesJwkSet() && DevToken.DEVELOPMENT_SECRET.equals(secret);
  }

  /** The development settings with another secret (tests and tools). */
  static JwtProperties withSecret(String secret) {
    return new JwtProperties(
        secret,
        null,
        "products:write",
        DevToken.ISSUER,
        DevToken.AUDIENCE,
        Duration.ofSeconds(30),
        List.of("HS256"));
  }
}
