package dev.polyshop.bench.suite;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A small JSON writer for the harness's results: maps, collections, records, strings, numbers. */
public final class Json {

  private Json() {}

  public static String write(Object value) {
    var out = new StringBuilder();
    write(value, out, "");
    return out.toString();
  }

  /** A record's components as an ordered map. */
  public static Map<String, Object> fields(Record record) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      try {
        map.put(c.getName(), c.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return map;
  }

  private static void write(Object value, StringBuilder out, String indent) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case Double d ->
          out.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d));
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Record r -> write(fields(r), out, indent);
      case Map<?, ?> m -> {
        out.append("{");
        String inner = indent + "  ";
        boolean first = true;
        for (var e : m.entrySet()) {
          out.append(first ? "\n" : ",\n").append(inner);
          quote(String.valueOf(e.getKey()), out);
          out.append(": ");
          write(e.getValue(), out, inner);
          first = false;
        }
        out.append(first ? "}" : "\n" + indent + "}");
      }
      case Collection<?> c -> {
        out.append("[");
        String inner = indent + "  ";
        boolean first = true;
        for (Object item : c) {
          out.append(first ? "\n" : ",\n").append(inner);
          write(item, out, inner);
          first = false;
        }
        out.append(first ? "]" : "\n" + indent + "]");
      }
      default -> quote(value.toString(), out);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }
}
