package dev.polyshop.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Builds the write-token decoder: signature with only the configured algorithms, then issuer,
 * audience, a required {@code exp}, and {@code exp}/{@code nbf} within a bounded clock skew.
 */
final class JwtDecoders {

  private static final Logger log = LoggerFactory.getLogger(JwtDecoders.class);

  private static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");

  private JwtDecoders() {}

  /**
   * @param devMode whether the {@code dev} profile is active: only then is the public development
   *     secret accepted (with a warning); otherwise start-up fails
   */
  static ReactiveJwtDecoder create(JwtProperties jwt, boolean devMode) {
    if (jwt.clockSkew().isNegative()
        || jwt.clockSkew().compareTo(JwtProperties.MAX_CLOCK_SKEW) > 0) {
      throw new IllegalStateException(
          "polyshop.security.jwt.clock-skew must be between 0 and " + JwtProperties.MAX_CLOCK_SKEW);
    }
    if (jwt.algorithms().isEmpty()) {
      throw new IllegalStateException("polyshop.security.jwt.algorithms must name an algorithm");
    }
    NimbusReactiveJwtDecoder decoder =
        jwt.usesJwkSet() ? withJwkSet(jwt) : withSecret(jwt, devMode);
    decoder.setJwtValidator(validator(jwt));
    return decoder;
  }

  private static NimbusReactiveJwtDecoder withJwkSet(JwtProperties jwt) {
    List<SignatureAlgorithm> algorithms =
        jwt.algorithms().stream()
            .map(
                name -> {
                  SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
                  if (algorithm == null) {
                    throw new IllegalStateException(
                        "polyshop.security.jwt.algorithms: "
                            + name
                            + " is not an RS/PS/ES algorithm");
                  }
                  return algorithm;
                })
            .toList();
    return NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
        .jwsAlgorithms(set -> set.addAll(algorithms))
        .build();
  }

  private static NimbusReactiveJwtDecoder withSecret(JwtProperties jwt, boolean devMode) {
    if (jwt.usesDevelopmentSecret()) {
      if (!devMode) {
        throw new IllegalStateException(
            "refusing to start with the public development secret outside the dev profile: set"
                + " POLYSHOP_SECURITY_JWT_SECRET (or a JWK set URI), or run with"
                + " SPRING_PROFILES_ACTIVE=dev for a local run");
      }
      log.warn(
          "dev profile: writes accept tokens signed with the public development secret (local"
              + " runs only)");
    }
    if (jwt.algorithms().size() != 1 || !HMAC.contains(jwt.algorithms().getFirst())) {
      throw new IllegalStateException(
          "polyshop.security.jwt.algorithms: with a secret, exactly one of " + HMAC);
    }
    byte[] secret = jwt.secret().getBytes(StandardCharsets.UTF_8);
    if (secret.length < 32) {
      throw new IllegalStateException("polyshop.security.jwt.secret must be at least 32 bytes");
    }
    MacAlgorithm algorithm = MacAlgorithm.from(jwt.algorithms().getFirst());
    return NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(secret, algorithm.getName()))
        .macAlgorithm(algorithm)
        .build();
  }

  private static OAuth2TokenValidator<Jwt> validator(JwtProperties jwt) {
    return new DelegatingOAuth2TokenValidator<>(
        new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null),
        new JwtTimestampValidator(jwt.clockSkew()),
        new JwtIssuerValidator(jwt.issuer()),
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(jwt.audience())));
  }
}
