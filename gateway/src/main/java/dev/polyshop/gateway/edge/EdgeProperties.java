package dev.polyshop.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and browser-facing policy at the edge.
 *
 * @param maxRequestBody largest request body accepted (413 beyond)
 * @param maxRequestHeaders largest total size of request headers accepted (431 beyond); keep it
 *     below {@code server.max-http-request-header-size}, Netty's hard limit
 * @param corsAllowedOrigins origins allowed to call {@code /api/**} from a browser
 * @param contentSecurityPolicy CSP sent with every response
 * @param trustedProxies peers (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed,
 *     e.g. the ingress controller's pod range; empty (the default): none, the client is the TCP
 *     peer
 */
@ConfigurationProperties("polyshop.gateway.edge")
public record EdgeProperties(
    @DefaultValue("1MB") DataSize maxRequestBody,
    @DefaultValue("16KB") DataSize maxRequestHeaders,
    @DefaultValue("http://localhost:8080") List<String> corsAllowedOrigins,
    @DefaultValue(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
                + " frame-ancestors 'none'")
        String contentSecurityPolicy,
    @DefaultValue("") List<String> trustedProxies) {

  /** How this edge tells who the client is. */
  public ClientAddresses clientAddresses() {
    return new ClientAddresses(trustedProxies.stream().filter(p -> !p.isBlank()).toList());
  }
}
