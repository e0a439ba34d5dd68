package dev.polyshop.push.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** HS256 service tokens as an internal publisher would mint them. */
public final class ServiceTokens {

  private ServiceTokens() {}

  /** A valid publisher token: scope {@code push:publish}, five minutes. */
  public static String publisher(String secret) {
    return mint(secret, "push:publish", Duration.ofMinutes(5));
  }

  /** A token with {@code scope} that expires after {@code ttl} (negative: already expired). */
  public static String mint(String secret, String scope, Duration ttl) {
    Instant now = Instant.now();
    var claims =
        new JWTClaimsSet.Builder()
            .subject("test-publisher")
            .claim("scope", scope)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalArgumentException(e);
    }
    return jwt.serialize();
  }

  /** {@code stub} sending {@code authorization: Bearer <token>}. */
  public static <S extends AbstractStub<S>> S bearer(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
