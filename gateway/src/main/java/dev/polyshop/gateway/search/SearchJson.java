package dev.polyshop.gateway.search;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.search.v1.Facet;
import dev.polyshop.search.v1.FacetValue;
import dev.polyshop.search.v1.SearchHit;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SuggestResponse;
import dev.polyshop.search.v1.Suggestion;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.ByteArrayBuilder;

/**
 * The proto3 JSON of {@code SearchResponse} and {@code SuggestResponse}, written as UTF-8 straight
 * from the generated accessors: {@code JsonFormat} was 23.5 % of the gateway's CPU under search
 * load (reflection, {@code getAllFields}, a {@code TreeMap} per message, a {@code StringBuilder}).
 *
 * <p>The output is what {@link dev.polyshop.gateway.upstream.ProtoJson#print} gives (JsonFormat
 * with {@code alwaysPrintFieldsWithNoPresence}), up to string escaping: lowerCamelCase names in
 * field-number order, every field without presence even when default, unset messages omitted, int64
 * as strings, map entries in the map's order (JsonFormat does not sort them). {@code
 * SearchJsonTest} compares the two on randomized messages and pins the messages' fields, so a field
 * added to the protos fails it until it is written here too.
 */
final class SearchJson {

  /**
   * A surrogate pair as one 4-byte UTF-8 sequence, not two escapes: explicit, though the default.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /**
   * Enough for most suggestions in one piece; a page of hits adds segments without copying. Sizing
   * from {@code getSerializedSize()} instead would walk a freshly parsed response once more, about
   * a sixth of the writing's own cost.
   */
  private static final int FIRST_SEGMENT_BYTES = 4_000;

  private SearchJson() {}

  static byte[] search(SearchResponse response) {
    return write(json -> searchResponse(json, response));
  }

  static byte[] suggest(SuggestResponse response) {
    return write(json -> suggestResponse(json, response));
  }

  private static byte[] write(Consumer<JsonGenerator> body) {
    ByteArrayBuilder out = new ByteArrayBuilder(FIRST_SEGMENT_BYTES);
    try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(json);
    }
    return out.toByteArray();
  }

  private static void searchResponse(JsonGenerator json, SearchResponse response) {
    json.writeStartObject();
    array(json, "hits", response.getHitsList(), SearchJson::hit);
    int64(json, "totalHits", response.getTotalHits());
    array(json, "facets", response.getFacetsList(), SearchJson::facet);
    json.writeStringProperty("nextPageToken", response.getNextPageToken());
    json.writeEndObject();
  }

  private static void hit(JsonGenerator json, SearchHit hit) {
    json.writeStartObject();
    if (hit.hasProduct()) {
      json.writeName("product");
      product(json, hit.getProduct());
    }
    json.writeName("score");
    float32(json, hit.getScore());
    json.writeEndObject();
  }

  private static void product(JsonGenerator json, Product product) {
    json.writeStartObject();
    json.writeStringProperty("id", product.getId());
    json.writeStringProperty("sku", product.getSku());
    json.writeStringProperty("name", product.getName());
    json.writeStringProperty("description", product.getDescription());
    json.writeStringProperty("category", product.getCategory());
    json.writeStringProperty("brand", product.getBrand());
    if (product.hasPrice()) {
      json.writeName("price");
      money(json, product.getPrice());
    }
    int64(json, "stock", product.getStock());
    stringMap(json, "attributes", product.getAttributesMap());
    if (product.hasCreateTime()) {
      timestamp(json, "createTime", product.getCreateTime());
    }
    if (product.hasUpdateTime()) {
      timestamp(json, "updateTime", product.getUpdateTime());
    }
    int64(json, "version", product.getVersion());
    json.writeEndObject();
  }

  private static void money(JsonGenerator json, Money money) {
    json.writeStartObject();
    int64(json, "amountMinor", money.getAmountMinor());
    json.writeStringProperty("currencyCode", money.getCurrencyCode());
    json.writeEndObject();
  }

  private static void facet(JsonGenerator json, Facet facet) {
    json.writeStartObject();
    json.writeStringProperty("name", facet.getName());
    array(json, "values", facet.getValuesList(), SearchJson::facetValue);
    json.writeEndObject();
  }

  private static void facetValue(JsonGenerator json, FacetValue value) {
    json.writeStartObject();
    json.writeStringProperty("value", value.getValue());
    int64(json, "count", value.getCount());
    json.writeEndObject();
  }

  private static void suggestResponse(JsonGenerator json, SuggestResponse response) {
    json.writeStartObject();
    array(json, "suggestions", response.getSuggestionsList(), SearchJson::suggestion);
    json.writeEndObject();
  }

  private static void suggestion(JsonGenerator json, Suggestion suggestion) {
    json.writeStartObject();
    json.writeStringProperty("text", suggestion.getText());
    json.writeStringProperty("productId", suggestion.getProductId());
    json.writeEndObject();
  }

  private static <T> void array(
      JsonGenerator json, String name, List<T> items, BiConsumer<JsonGenerator, T> item) {
    json.writeArrayPropertyStart(name);
    for (T each : items) {
      item.accept(json, each);
    }
    json.writeEndArray();
  }

  private static void stringMap(JsonGenerator json, String name, Map<String, String> map) {
    json.writeObjectPropertyStart(name);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      json.writeStringProperty(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  /** The proto3 JSON mapping quotes 64-bit integers: JavaScript numbers lose them past 2^53. */
  private static void int64(JsonGenerator json, String name, long value) {
    json.writeStringProperty(name, Long.toString(value));
  }

  /**
   * As JsonFormat prints a float: its {@code Float.toString} form ({@code 1.0}, {@code 1.2E-5}),
   * and {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} quoted as JSON has no such numbers.
   */
  private static void float32(JsonGenerator json, float value) {
    String text = Float.toString(value);
    if (Float.isFinite(value)) {
      json.writeNumber(text);
    } else {
      json.writeString(text);
    }
  }

  /**
   * RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as {@code Timestamps.toString} (which
   * JsonFormat uses) writes it, and failing on the same invalid timestamps; {@code ISO_INSTANT}
   * prints the same text for every valid one (years 1 to 9999) at a tenth of the cost of its {@code
   * SimpleDateFormat}.
   */
  private static void timestamp(JsonGenerator json, String name, Timestamp timestamp) {
    Timestamps.checkValid(timestamp);
    Instant instant = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    json.writeStringProperty(name, DateTimeFormatter.ISO_INSTANT.format(instant));
  }
}
