package dev.polyshop.gateway.passthrough;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies an {@code authorization: Bearer <jwt>} header with the HTTP side's decoder (one token
 * works on both ports) and puts its subject into the call's {@link Context}; a call without the
 * header is anonymous, one with an invalid token is UNAUTHENTICATED. The header is never forwarded.
 */
final class EdgeAuthentication implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(EdgeAuthentication.class);

  /** The verified token's subject; null for anonymous calls. */
  static final Context.Key<String> SUBJECT = Context.key("polyshop.subject");

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  // A JWK set fetch is the only slow path (HS256 is local); bounded so no call hangs on it.
  private static final Duration DECODE_TIMEOUT = Duration.ofSeconds(5);
  private static final String BEARER = "Bearer ";

  private final ReactiveJwtDecoder decoder;

  EdgeAuthentication(ReactiveJwtDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String authorization = headers.get(AUTHORIZATION);
    headers.discardAll(AUTHORIZATION);
    if (authorization == null) {
      return next.startCall(call, headers);
    }
    String subject = subject(authorization);
    if (subject == null) {
      call.close(
          Status.UNAUTHENTICATED.withDescription("the bearer token is invalid or expired"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(SUBJECT, subject), call, headers, next);
  }

  private @Nullable String subject(String authorization) {
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    try {
      Jwt jwt =
          decoder.decode(authorization.substring(BEARER.length()).trim()).block(DECODE_TIMEOUT);
      return jwt == null ? null : jwt.getSubject();
    } catch (RuntimeException e) {
      log.debug("rejected a gRPC bearer token: {}", e.getMessage());
      return null;
    }
  }
}
