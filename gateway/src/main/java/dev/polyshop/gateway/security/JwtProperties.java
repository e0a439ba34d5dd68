package dev.polyshop.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How write tokens are verified.
 *
 * @param secret shared HS256 secret (at least 32 bytes); the default is the documented development
 *     secret and must be replaced outside local runs
 * @param jwkSetUri when set, tokens are verified against this JWK set instead (asymmetric keys from
 *     an identity provider); defaults to {@code
 *     spring.security.oauth2.resourceserver.jwt.jwk-set-uri}
 * @param writeScope scope a token needs to write products (403 without it)
 */
@ConfigurationProperties("polyshop.security.jwt")
public record JwtProperties(
    @DefaultValue(DevToken.DEVELOPMENT_SECRET) String secret,
    String jwkSetUri,
    @DefaultValue("products:write") String writeScope) {

  boolean usesDevelopmentSecret() {
    return (jwkSetUri == null || jwkSetUri.isBlank()) && DevToken.DEVELOPMENT_SECRET.equals(secret);
  }
}
