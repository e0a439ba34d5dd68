package dev.polyshop.gateway.passthrough;

import dev.polyshop.gateway.security.DevToken;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** A TLS client of the gateway's native gRPC port, with helpers for tokens and stubs. */
final class EdgeClient implements AutoCloseable {

  final ManagedChannel channel;

  EdgeClient(int port) {
    try {
      channel =
          NettyChannelBuilder.forAddress("localhost", port)
              .sslContext(
                  GrpcSslContexts.forClient()
                      .trustManager(new File("target/test-tls/gateway.crt"))
                      .build())
              .build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token for {@code subject}, signed with the development secret the tests run with. */
  static String token(String subject) {
    return DevToken.mint(DevToken.DEVELOPMENT_SECRET, subject, "", Duration.ofMinutes(5));
  }

  static <S extends AbstractStub<S>> S bearer(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  SearchServiceGrpc.SearchServiceBlockingStub search() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  PushServiceGrpc.PushServiceBlockingStub push() {
    return PushServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  /** Subscribes and reads the first {@code count} messages (then cancels the stream). */
  static List<SubscribeResponse> firstMessages(
      PushServiceGrpc.PushServiceBlockingStub push, int count, String... topics) {
    var stream =
        push.subscribe(SubscribeRequest.newBuilder().addAllTopics(List.of(topics)).build());
    List<SubscribeResponse> messages = new ArrayList<>();
    while (messages.size() < count && stream.hasNext()) {
      messages.add(stream.next());
    }
    return messages;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
  }
}
