package dev.polyshop.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Gives a problem+json body to the empty error responses written below the gateway's code: Reactor
 * Netty's answers to requests it cannot decode (400, 414, 431) and WebFlux's 400 for a URI it
 * cannot parse. One instance per connection, between the HTTP codec and Reactor Netty.
 */
final class EmptyErrorBodies extends ChannelDuplexHandler {

  private final ProblemWriter problems;
  private boolean headRequest;

  EmptyErrorBodies(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      headRequest = HttpMethod.HEAD.equals(request.method());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof FullHttpResponse response
        && response.status().code() >= 400
        && !response.content().isReadable()
        && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
        && !headRequest) {
      HttpStatus status = HttpStatus.resolve(response.status().code());
      if (status != null) {
        byte[] body = problems.render(problemFor(status), null, null);
        FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body));
        response.release();
        withBody
            .headers()
            .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.write(withBody, promise);
        return;
      }
    }
    ctx.write(msg, promise);
  }

  static Problem problemFor(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST ->
          Problem.of(status, "bad-request", "The request is malformed and cannot be parsed.");
      case URI_TOO_LONG -> Problem.of(status, "uri-too-long", "The request target is too long.");
      case REQUEST_HEADER_FIELDS_TOO_LARGE ->
          Problem.of(status, "headers-too-large", "The request headers are too large.");
      default ->
          Problem.of(
              status,
              status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
              null);
    };
  }
}
