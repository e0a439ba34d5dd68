package dev.polyshop.product.web;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.testing.RandomInput;
import dev.polyshop.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds random hostile requests against every operation of the REST API. No request it builds may
 * change the catalog: creates reuse an existing SKU, and updates and deletes never carry the
 * current ETag, so a write that succeeds is a bug the caller detects.
 *
 * @param id an existing product
 * @param sku that product's SKU
 * @param etag that product's current ETag, which is never sent
 */
record ProductRequestFuzzer(String id, String sku, String etag) {

  /** One request on the wire, and whether it is a write (which must never succeed). */
  record Fuzzed(byte[] bytes, boolean write) {}

  private static final List<String> METHODS =
      List.of(
          "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO", "get", "G\u00c9T");
  private static final List<String> FIELDS =
      List.of(
          "name",
          "description",
          "category",
          "brand",
          "price",
          "stock",
          "attributes",
          "id",
          "version",
          "createdAt",
          "updatedAt");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/merge-patch+json",
          "application/json; charset=latin1",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json; charset=\"",
          "*/*",
          ";;");

  private static final Pattern STRONG_TAG = Pattern.compile("\\s*\"(\\d+)\"\\s*");

  /** Headers the framing depends on; a random one would make the server wait for bytes. */
  private static final List<String> FRAMING =
      List.of("content-length", "transfer-encoding", "connection", "host", "upgrade", "expect");

  Fuzzed next(RandomInput in) {
    return switch (in.nextInt(9)) {
      case 0, 1 -> get(in, "/products", query(in, "cursor", "limit", "category"), "");
      case 2 -> get(in, "/products/" + idish(in), "", header(in, "If-None-Match", etagish(in)));
      case 3 -> get(in, "/products/changes", query(in, "after", "limit", "wait"), "");
      case 4 -> write(in, "POST", "/products", "Idempotency-Key", body(in, "application/json"));
      case 5 ->
          write(in, "PUT", "/products/" + idish(in), "If-Match", body(in, "application/json"));
      case 6 -> write(in, "PATCH", "/products/" + idish(in), "If-Match", patch(in));
      case 7 -> write(in, "DELETE", "/products/" + idish(in), "If-Match", new Body(null, null));
      default -> raw(in);
    };
  }

  private Fuzzed get(RandomInput in, String path, String query, String headers) {
    byte[] target = (path + query).getBytes(StandardCharsets.ISO_8859_1);
    return new Fuzzed(RawHttp.request("GET", target, bytes(headers + noise(in)), null), false);
  }

  private Fuzzed write(RandomInput in, String method, String path, String header, Body body) {
    String headers = noise(in);
    if (body.contentType() != null && in.chance(0.8)) {
      headers += header(in, "Content-Type", body.contentType());
    }
    if (in.chance(0.7)) {
      headers += header(in, header, header.equals("If-Match") ? etagish(in) : in.value());
    }
    byte[] target = path.getBytes(StandardCharsets.ISO_8859_1);
    return new Fuzzed(RawHttp.request(method, target, bytes(headers), body.bytes()), true);
  }

  /** A random method on a random target with random headers and body. */
  private Fuzzed raw(RandomInput in) {
    String method = in.chance(0.8) ? in.pick(METHODS) : in.ascii(in.nextInt(1, 12));
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    target.writeBytes(bytes(in.pick(List.of("/products", "/products/", "/products/" + id, "/"))));
    if (in.chance(0.5)) {
      target.writeBytes(in.uriComponent());
    }
    if (in.chance(0.5)) {
      target.write('?');
      target.writeBytes(in.uriComponent());
    }
    byte[] body = in.chance(0.5) ? in.bytes(200) : null;
    boolean write = !List.of("GET", "OPTIONS", "TRACE").contains(method);
    return new Fuzzed(RawHttp.request(method, target.toByteArray(), bytes(noise(in)), body), write);
  }

  /** Some of the given parameters, plus maybe an unknown one, with hostile values. */
  private static String query(RandomInput in, String... names) {
    ByteArrayOutputStream query = new ByteArrayOutputStream();
    for (String name : names) {
      if (in.chance(0.6)) {
        query.write(query.size() == 0 ? '?' : '&');
        query.writeBytes(bytes(name + "="));
        query.writeBytes(
            name.equals("wait") ? bytes(Long.toString(in.nextInt(2) - 1)) : in.uriComponent());
      }
    }
    if (in.chance(0.2)) {
      query.write(query.size() == 0 ? '?' : '&');
      query.writeBytes(in.uriComponent());
      query.write('=');
      query.writeBytes(in.uriComponent());
    }
    return query.toString(StandardCharsets.ISO_8859_1);
  }

  /** Up to three random headers; their names and values may be anything but framing. */
  private static String noise(RandomInput in) {
    StringBuilder headers = new StringBuilder();
    for (int i = in.nextInt(4); i > 0; i--) {
      String name =
          in.chance(0.7)
              ? in.ascii(in.nextInt(1, 20))
              : in.pick(
                  List.of(
                      "Accept",
                      "Accept-Charset",
                      "Content-Type",
                      "If-Match",
                      "If-None-Match",
                      "Idempotency-Key",
                      "Authorization",
                      "Cookie",
                      "Range",
                      "X-Request-Id"));
      if (FRAMING.contains(name.toLowerCase())) {
        continue;
      }
      headers
          .append(name.replace(":", ""))
          .append(": ")
          .append(new String(in.headerValue(), StandardCharsets.ISO_8859_1))
          .append("\r\n");
    }
    return headers.toString();
  }

  private static String header(RandomInput in, String name, String value) {
    return name + ": " + value.replace("\r", "").replace("\n", "") + "\r\n";
  }

  private String idish(RandomInput in) {
    return switch (in.nextInt(4)) {
      case 0 -> id;
      case 1 -> "6d9f7a4e-0000-4000-8000-000000000000";
      default -> new String(in.uriComponent(), StandardCharsets.ISO_8859_1);
    };
  }

  /** Anything for If-Match / If-None-Match except the current ETag. */
  private String etagish(RandomInput in) {
    String candidate =
        switch (in.nextInt(3)) {
          case 0 -> "\"" + in.nextInt(100) + "\"";
          case 1 -> "W/" + etag;
          default -> in.value();
        };
    return namesCurrentVersion(candidate) ? "\"0\"" : candidate;
  }

  /** Whether any tag of the list is the current one, as IfMatch reads tags ("01" is 1). */
  private boolean namesCurrentVersion(String tags) {
    long current = Long.parseLong(etag.replace("\"", ""));
    for (String tag : tags.split(",")) {
      Matcher strong = STRONG_TAG.matcher(tag);
      if (strong.matches() && new BigInteger(strong.group(1)).equals(BigInteger.valueOf(current))) {
        return true;
      }
    }
    return false;
  }

  private record Body(String contentType, byte[] bytes) {}

  /** A product body that cannot create anything: the existing SKU, mutated or corrupted. */
  private Body body(RandomInput in, String contentType) {
    Map<String, Object> fields = ProductBodies.fields(sku);
    for (int i = in.nextInt(1, 4); i > 0; i--) {
      String field = in.chance(0.9) ? in.pick(FIELDS) : in.value();
      if (field.equals("sku")) {
        continue;
      }
      if (in.chance(0.2)) {
        fields.remove(field);
      } else {
        fields.put(field, jsonValue(in, 2));
      }
    }
    byte[] json = ProductBodies.json(fields).getBytes(StandardCharsets.UTF_8);
    return new Body(in.chance(0.9) ? contentType : in.pick(CONTENT_TYPES), corrupt(in, json));
  }

  private Body patch(RandomInput in) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = in.nextInt(0, 4); i > 0; i--) {
      fields.put(in.chance(0.8) ? in.pick(FIELDS) : in.value(), jsonValue(in, 2));
    }
    byte[] json = HttpApi.JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    String type = in.chance(0.9) ? "application/merge-patch+json" : in.pick(CONTENT_TYPES);
    return new Body(type, corrupt(in, json));
  }

  private static Object jsonValue(RandomInput in, int depth) {
    return switch (in.nextInt(depth > 0 ? 7 : 5)) {
      case 0 -> in.value();
      case 1 -> in.text(40);
      case 2 ->
          in.chance(0.5)
              ? (Object) ((long) in.nextInt(Integer.MAX_VALUE) - 1000)
              : in.nextInt(3) * 0.5;
      case 3 -> null;
      case 4 -> in.chance(0.5);
      case 5 -> {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(in.chance(0.5) ? "amountMinor" : in.value(), jsonValue(in, depth - 1));
        object.put(in.chance(0.5) ? "currency" : in.value(), jsonValue(in, depth - 1));
        yield object;
      }
      default -> Arrays.asList(jsonValue(in, depth - 1), jsonValue(in, depth - 1));
    };
  }

  /** Sometimes flips, cuts or replaces bytes so the body is no longer valid JSON or UTF-8. */
  private static byte[] corrupt(RandomInput in, byte[] json) {
    return switch (in.nextInt(6)) {
      case 0 -> in.bytes(300);
      case 1 -> Arrays.copyOf(json, in.nextInt(json.length + 1));
      case 2 -> {
        byte[] copy = json.clone();
        copy[in.nextInt(copy.length)] = (byte) in.nextInt(256);
        yield copy;
      }
      default -> json;
    };
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
