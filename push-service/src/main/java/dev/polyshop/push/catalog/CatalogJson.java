package dev.polyshop.push.catalog;

import dev.polyshop.catalog.v1.Money;
import java.io.StringWriter;
import java.math.BigDecimal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Builds the small, deterministic JSON bodies of catalog events (same bytes on every replica): the
 * fields in the order they are added, written by Jackson's streaming generator.
 */
final class CatalogJson {

  private static final JsonFactory JSON = new JsonFactory();

  private final StringWriter text = new StringWriter(160);
  private final JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), text);

  CatalogJson() {
    out.writeStartObject();
  }

  CatalogJson field(String name, String value) {
    out.writeStringProperty(name, value);
    return this;
  }

  CatalogJson field(String name, long value) {
    out.writeNumberProperty(name, value);
    return this;
  }

  CatalogJson field(String name, BigDecimal value) {
    out.writeNumberProperty(name, value);
    return this;
  }

  CatalogJson money(String name, Money money) {
    out.writeObjectPropertyStart(name);
    out.writeNumberProperty("amountMinor", money.getAmountMinor());
    out.writeStringProperty("currencyCode", money.getCurrencyCode());
    out.writeEndObject();
    return this;
  }

  String build() {
    out.writeEndObject();
    out.close();
    return text.toString();
  }
}
