package dev.polyshop.gateway.edge;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rejects a query whose parameters are not percent-encoded UTF-8 with a 400 problem, instead of
 * letting WebFlux decode them into replacement characters (or forwarding them upstream).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UndecodableQueryFilter implements WebFilter {

  private final ProblemWriter problems;

  UndecodableQueryFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String query = exchange.getRequest().getURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (name == null || value == null) {
          String detail =
              name == null
                  ? "A query parameter name is not valid percent-encoded UTF-8."
                  : "Query parameter '" + printable(name) + "' is not valid percent-encoded UTF-8.";
          return problems.write(
              exchange, Problem.of(HttpStatus.BAD_REQUEST, "invalid-parameter", detail));
        }
      }
    }
    return chain.filter(exchange);
  }

  /** Strict percent-decoding, or null if an escape is broken or the bytes are not UTF-8. */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c > 0x7f) {
        return null;
      } else {
        bytes.write(c == '+' ? ' ' : c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }

  /** A decoded name safe to echo: control characters dropped, at most 64 characters. */
  private static String printable(String name) {
    String visible =
        name.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return visible.length() > 64 ? visible.substring(0, 64) + "…" : visible;
  }
}
