package dev.polyshop.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/** Request id rules: accept a sane caller-supplied {@code X-Request-Id}, else mint one. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  static final String ATTRIBUTE = RequestIds.class.getName();
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** The caller's id when it is acceptable (no header injection, bounded), else a new UUID. */
  static String acceptOrMint(@Nullable String supplied) {
    if (supplied != null && ACCEPTABLE.matcher(supplied).matches()) {
      return supplied;
    }
    return UUID.randomUUID().toString();
  }

  /** The id of this exchange, or null before {@link RequestIdFilter} ran. */
  public static @Nullable String of(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }
}
