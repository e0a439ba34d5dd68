package dev.polyshop.gateway.passthrough;

import dev.polyshop.gateway.ratelimit.ClientRateLimiter;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Takes one call's worth from the client's budget, the same bucket its HTTP requests use (the JWT
 * subject, else the peer's IP address); over it: RESOURCE_EXHAUSTED with a {@code retry-after}
 * trailer in seconds. Runs after {@link EdgeAuthentication}.
 */
final class EdgeRateLimit implements ServerInterceptor {

  static final Metadata.Key<String> RETRY_AFTER =
      Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

  private final ClientRateLimiter limiter;

  EdgeRateLimit(ClientRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String subject = EdgeAuthentication.SUBJECT.get();
    String key =
        subject != null
            ? ClientRateLimiter.subjectKey(subject)
            : ClientRateLimiter.addressKey(address(call));
    if (limiter.allows(key)) {
      return next.startCall(call, headers);
    }
    Metadata trailers = new Metadata();
    trailers.put(RETRY_AFTER, Long.toString(limiter.retryAfterSeconds()));
    call.close(
        Status.RESOURCE_EXHAUSTED.withDescription(
            "rate limit: too many calls from this client; retry later"),
        trailers);
    return new ServerCall.Listener<>() {};
  }

  private static String address(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return "unknown";
  }
}
