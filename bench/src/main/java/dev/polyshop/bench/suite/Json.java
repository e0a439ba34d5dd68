package dev.polyshop.bench.suite;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The harness's results as JSON (Jackson): records, maps and collections as they are, doubles to
 * three decimals, and a figure that could not be measured (NaN, infinite) as {@code null}.
 */
public final class Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(
              new SimpleModule("bench-figures")
                  .addSerializer(Double.class, new Figure())
                  .addSerializer(double.class, new Figure()))
          .build();

  private Json() {}

  /** Indented, as the committed reports are. */
  public static String write(Object value) {
    return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
  }

  /** On one line (a JWT's claims). */
  public static String compact(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** A record's components as an ordered map. */
  public static Map<String, Object> fields(Record record) {
    return MAPPER.convertValue(record, new TypeReference<Map<String, Object>>() {});
  }

  private static final class Figure extends ValueSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator out, SerializationContext context) {
      if (value.isNaN() || value.isInfinite()) {
        out.writeNull();
      } else {
        out.writeNumber(BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP));
      }
    }
  }
}
