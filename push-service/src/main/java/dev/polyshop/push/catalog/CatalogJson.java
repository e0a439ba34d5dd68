package dev.polyshop.push.catalog;

import dev.polyshop.catalog.v1.Money;

/** Builds the small, deterministic JSON bodies of catalog events (same bytes on every replica). */
final class CatalogJson {

  private final StringBuilder out = new StringBuilder(160).append('{');

  CatalogJson field(String name, String value) {
    name(name);
    quote(value);
    return this;
  }

  CatalogJson field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  CatalogJson raw(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  CatalogJson money(String name, Money money) {
    return raw(
        name,
        new CatalogJson()
            .field("amountMinor", money.getAmountMinor())
            .field("currencyCode", money.getCurrencyCode())
            .build());
  }

  String build() {
    return out.append('}').toString();
  }

  private void name(String name) {
    if (out.length() > 1) {
      out.append(',');
    }
    quote(name);
    out.append(':');
  }

  private void quote(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
