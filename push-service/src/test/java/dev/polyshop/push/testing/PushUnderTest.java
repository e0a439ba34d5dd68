package dev.polyshop.push.testing;

import dev.polyshop.push.system.Config;
import dev.polyshop.push.system.GrpcServerSetup;
import dev.polyshop.push.system.PushServer;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A push-service started with the production wiring, plus a channel to it. */
public final class PushUnderTest implements AutoCloseable {

  private final PushServer server;
  private final ManagedChannel channel;
  private final ManagedChannel internalChannel;

  private PushUnderTest(PushServer server, ManagedChannel channel, ManagedChannel internal) {
    this.server = server;
    this.channel = channel;
    this.internalChannel = internal;
  }

  /** On an in-process transport, whose flow control is exact. */
  public static PushUnderTest inProcess(Config config) throws IOException {
    String name = InProcessServerBuilder.generateName();
    String internal = name + "-internal";
    PushServer server =
        PushServer.start(
            config, InProcessServerBuilder.forName(name), InProcessServerBuilder.forName(internal));
    return new PushUnderTest(
        server,
        InProcessChannelBuilder.forName(name).build(),
        InProcessChannelBuilder.forName(internal).build());
  }

  /** On Netty at 127.0.0.1 with ephemeral ports and the production connection settings. */
  public static PushUnderTest netty(Config config) throws IOException {
    PushServer server =
        PushServer.start(
            config,
            GrpcServerSetup.netty(config, new InetSocketAddress("127.0.0.1", 0)),
            GrpcServerSetup.netty(config, new InetSocketAddress("127.0.0.1", 0)));
    return new PushUnderTest(server, local(server.port()), local(server.internalPort()));
  }

  private static ManagedChannel local(int port) {
    return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
        .build();
  }

  public PushServer server() {
    return server;
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** The internal (Publish) port's channel, without credentials. */
  public ManagedChannel internalChannel() {
    return internalChannel;
  }

  /** Opens a stream on {@code topics} after {@code token} into {@code recorder}. */
  public StreamRecorder subscribe(StreamRecorder recorder, String token, String... topics) {
    PushServiceGrpc.newStub(channel)
        .withDeadlineAfter(2, TimeUnit.MINUTES)
        .subscribe(
            SubscribeRequest.newBuilder()
                .addAllTopics(List.of(topics))
                .setResumeToken(token)
                .build(),
            recorder);
    return recorder;
  }

  /**
   * Opens a stream and waits for its first message, the heartbeat push-service sends as soon as the
   * subscription has started (or is waiting to resume): an event published after this returns is
   * one the stream gets. (Waiting for the subscriber count was not enough: the count goes up before
   * the subscription takes its starting point, so an event derived in between was "before
   * subscribing" and skipped, and the stream's first message was a heartbeat already past it.)
   */
  public StreamRecorder subscribed(StreamRecorder recorder, String token, String... topics) {
    subscribe(recorder, token, topics);
    recorder.awaitItems(items -> !items.isEmpty(), Duration.ofSeconds(5));
    return recorder;
  }

  /** Publishes through the internal port with a publisher token and returns the event id. */
  public String publish(String topic, String type, String dataJson) {
    return ServiceTokens.bearer(
            PushServiceGrpc.newBlockingStub(internalChannel),
            ServiceTokens.publisher(PushConfigs.PUBLISHER_SECRET))
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .publish(
            PublishRequest.newBuilder().setTopic(topic).setType(type).setDataJson(dataJson).build())
        .getEventId();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    internalChannel.shutdownNow();
    server.close();
  }
}
