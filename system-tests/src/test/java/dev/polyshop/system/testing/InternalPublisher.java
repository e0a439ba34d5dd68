package dev.polyshop.system.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;

/**
 * An in-cluster publisher: push-service's internal port, with a service token (scope {@code
 * push:publish}) signed with the publisher secret the system runs with.
 */
public final class InternalPublisher implements AutoCloseable {

  private final ManagedChannel channel;
  public final PushServiceGrpc.PushServiceBlockingStub push;

  public InternalPublisher(GenericContainer<?> pushService, String secret) throws Exception {
    channel =
        NettyChannelBuilder.forAddress(pushService.getHost(), pushService.getMappedPort(9093))
            .usePlaintext()
            .build();
    Instant now = Instant.now();
    var token =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .subject("system-tests")
                .claim("scope", "push:publish")
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build());
    token.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + token.serialize());
    push =
        PushServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
