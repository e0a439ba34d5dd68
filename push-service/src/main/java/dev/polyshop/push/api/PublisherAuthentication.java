package dev.polyshop.push.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lets a call through only with {@code authorization: Bearer <service JWT>}: HS256, signed with
 * {@code PUSH_PUBLISHER_JWT_SECRET}, not expired, scope {@code push:publish}. Missing or invalid:
 * UNAUTHENTICATED; valid without the scope, or no secret configured: PERMISSION_DENIED.
 */
public final class PublisherAuthentication implements ServerInterceptor {

  /** The scope a publisher's token carries. */
  public static final String SCOPE = "push:publish";

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final @Nullable MACVerifier verifier;
  private final Clock clock;

  /** {@code secret}: the shared HS256 secret (at least 32 bytes); empty: nobody may publish. */
  public PublisherAuthentication(Optional<String> secret, Clock clock) {
    this.clock = clock;
    try {
      this.verifier =
          secret.isEmpty() ? null : new MACVerifier(secret.get().getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the publisher secret must be at least 32 bytes", e);
    }
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Status status = check(headers.get(AUTHORIZATION));
    if (status.isOk()) {
      return next.startCall(call, headers);
    }
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  Status check(@Nullable String authorization) {
    if (verifier == null) {
      return Status.PERMISSION_DENIED.withDescription(
          "publishing is off: PUSH_PUBLISHER_JWT_SECRET is not set");
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Status.UNAUTHENTICATED.withDescription(
          "Publish needs a service token: authorization: Bearer <jwt with scope " + SCOPE + ">");
    }
    JWTClaimsSet claims = verified(verifier, authorization.substring(BEARER.length()).trim());
    if (claims == null) {
      return Status.UNAUTHENTICATED.withDescription("the service token is invalid or expired");
    }
    if (!hasScope(claims)) {
      return Status.PERMISSION_DENIED.withDescription("the service token lacks scope " + SCOPE);
    }
    return Status.OK;
  }

  private @Nullable JWTClaimsSet verified(MACVerifier verifier, String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return null;
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expires = claims.getExpirationTime();
      Instant now = clock.instant();
      return expires != null && now.isBefore(expires.toInstant().plus(CLOCK_SKEW)) ? claims : null;
    } catch (ParseException | JOSEException e) {
      return null;
    }
  }

  private static boolean hasScope(JWTClaimsSet claims) {
    Object scope = claims.getClaim("scope");
    if (scope instanceof String text) {
      return Arrays.asList(text.split(" ")).contains(SCOPE);
    }
    return scope instanceof java.util.List<?> list && list.contains(SCOPE);
  }
}
