package dev.polyshop.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy (the ingress), in which
 * case the rightmost {@code X-Forwarded-For} address that is not itself a trusted proxy. What a
 * client writes into the header to the left of that is never believed. With no trusted proxies (the
 * default) the header is ignored.
 */
public final class ClientAddresses {

  private final List<Cidr> trusted;

  public ClientAddresses(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
  }

  public String of(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return remote == null ? "unknown" : remote.getHostString();
    }
    InetAddress client = remote.getAddress();
    List<String> hops = new ArrayList<>();
    for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        hops.add(hop.strip());
      }
    }
    for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
      try {
        client = InetAddress.ofLiteral(hops.get(i)); // a literal only: never a DNS look-up
      } catch (IllegalArgumentException notAnAddress) {
        break; // garbage a client wrote: the last trusted hop is as far as we can tell
      }
    }
    return client.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    return trusted.stream().anyMatch(cidr -> cidr.contains(address));
  }

  /** An address range such as {@code 10.0.0.0/8}, {@code fd00::/8} or one address. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String[] parts = text.strip().split("/", 2);
      byte[] network = InetAddress.ofLiteral(parts[0]).getAddress();
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("bad prefix length in trusted proxy " + text);
      }
      return new Cidr(network, prefix);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
