package dev.polyshop.gateway.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.gateway.upstream.ProtoJson;
import dev.polyshop.search.v1.Facet;
import dev.polyshop.search.v1.FacetValue;
import dev.polyshop.search.v1.SearchHit;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SuggestResponse;
import dev.polyshop.search.v1.Suggestion;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SearchJson} against the JsonFormat printer it replaces ({@link ProtoJson#print}): the same
 * JSON tree with the same member order, for hand-written and for randomized messages.
 */
class SearchJsonTest {

  private static final ProtoJson JSON_FORMAT = new ProtoJson();
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int RANDOM_MESSAGES = 3_000;

  @Test
  void emptySearch_printsEveryFieldWithoutPresence() {
    String expected = "{\"hits\":[],\"totalHits\":\"0\",\"facets\":[],\"nextPageToken\":\"\"}";

    assertThat(JSON_FORMAT.print(SearchResponse.getDefaultInstance())).isEqualTo(expected);
    assertThat(text(SearchJson.search(SearchResponse.getDefaultInstance()))).isEqualTo(expected);
  }

  @Test
  void emptySuggest_printsAnEmptyList() {
    assertThat(text(SearchJson.suggest(SuggestResponse.getDefaultInstance())))
        .isEqualTo("{\"suggestions\":[]}");
  }

  @Test
  void typicalSearch_printsLikeJsonFormat() throws Exception {
    SearchResponse response =
        SearchResponse.newBuilder()
            .addHits(SearchHit.newBuilder().setScore(2.5f).setProduct(phone()))
            .addHits(
                SearchHit.newBuilder()
                    .setScore(1f)
                    .setProduct(Product.newBuilder().setId("p2").setName("Phone Case")))
            .setTotalHits(2)
            .addFacets(
                Facet.newBuilder()
                    .setName("brand")
                    .addValues(FacetValue.newBuilder().setValue("acme").setCount(2)))
            .setNextPageToken("next")
            .build();

    String json = text(SearchJson.search(response));

    assertThat(json)
        .isEqualTo(
            """
            {"hits":[{"product":{"id":"p1","sku":"SKU-1","name":"Phone X","description":"A phone",\
            "category":"phones","brand":"acme","price":{"amountMinor":"49999","currencyCode":"EUR"},\
            "stock":"7","attributes":{"color":"black"},"createTime":"2024-05-01T10:00:00Z",\
            "updateTime":"2024-05-02T08:30:00.250Z","version":"3"},"score":2.5},\
            {"product":{"id":"p2","sku":"","name":"Phone Case","description":"","category":"",\
            "brand":"","stock":"0","attributes":{},"version":"0"},"score":1.0}],"totalHits":"2",\
            "facets":[{"name":"brand","values":[{"value":"acme","count":"2"}]}],\
            "nextPageToken":"next"}""")
        .isEqualTo(JSON_FORMAT.print(response));
  }

  @Test
  void suggest_printsLikeJsonFormat() {
    SuggestResponse response =
        SuggestResponse.newBuilder()
            .addSuggestions(Suggestion.newBuilder().setText("phone").setProductId("p1"))
            .addSuggestions(Suggestion.newBuilder().setText("phone case"))
            .build();

    assertThat(text(SearchJson.suggest(response)))
        .isEqualTo(
            "{\"suggestions\":[{\"text\":\"phone\",\"productId\":\"p1\"},"
                + "{\"text\":\"phone case\",\"productId\":\"\"}]}")
        .isEqualTo(JSON_FORMAT.print(response));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1        | 1.0",
        "-0.0     | -0.0",
        "0.5      | 0.5",
        "0.000012 | 1.2E-5",
        "1e30     | 1.0E30",
        "NaN      | \"NaN\"",
        "Infinity | \"Infinity\"",
        "-Infinity| \"-Infinity\""
      })
  void score_isPrintedAsJsonFormatPrintsAFloat(float score, String json) {
    SearchResponse response =
        SearchResponse.newBuilder().addHits(SearchHit.newBuilder().setScore(score)).build();

    assertThat(text(SearchJson.search(response)))
        .contains("{\"score\":" + json + "}")
        .isEqualTo(JSON_FORMAT.print(response));
  }

  /**
   * No string parsed from the wire holds a lone surrogate (proto3 parsing checks UTF-8), but one
   * set in code still gives JSON: an escape that JsonFormat's parser reads back, where JsonFormat's
   * {@code String} encoded to UTF-8 had a {@code ?}.
   */
  @Test
  void loneSurrogates_areEscaped() throws Exception {
    SearchResponse response =
        SearchResponse.newBuilder()
            .addHits(
                SearchHit.newBuilder()
                    .setProduct(
                        Product.newBuilder().setName("a\uD800b").putAttributes("\uDFFF", "c")))
            .build();

    String json = text(SearchJson.search(response));

    assertThat(json).contains("\"name\":\"a\\uD800b\"", "\"attributes\":{\"\\uDFFF\":\"c\"}");
    SearchResponse.Builder back = SearchResponse.newBuilder();
    JsonFormat.parser().merge(json, back);
    assertThat(back.build()).isEqualTo(response);
  }

  @Test
  void invalidTimestamp_failsAsInJsonFormat() {
    SearchResponse response =
        SearchResponse.newBuilder()
            .addHits(
                SearchHit.newBuilder()
                    .setProduct(
                        Product.newBuilder()
                            .setCreateTime(Timestamp.newBuilder().setSeconds(1).setNanos(-1))))
            .build();

    assertThatThrownBy(() -> JSON_FORMAT.print(response))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SearchJson.search(response))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomSearches_matchJsonFormat() throws Exception {
    SplittableRandom random = new SplittableRandom(20_240_501);
    for (int i = 0; i < RANDOM_MESSAGES; i++) {
      SearchResponse response = new RandomMessages(random).search();
      assertLikeJsonFormat(response, SearchJson::search);
      assertLikeJsonFormat(SearchResponse.parseFrom(response.toByteArray()), SearchJson::search);
    }
  }

  @Test
  void randomSuggestions_matchJsonFormat() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < RANDOM_MESSAGES; i++) {
      SuggestResponse response = new RandomMessages(random).suggest();
      assertLikeJsonFormat(response, SearchJson::suggest);
      assertLikeJsonFormat(SuggestResponse.parseFrom(response.toByteArray()), SearchJson::suggest);
    }
  }

  /** A field added to these messages fails here first: SearchJson must learn to write it. */
  @Test
  void theMessages_haveTheFieldsSearchJsonWrites() {
    assertThat(jsonNames(SearchResponse.getDescriptor()))
        .containsExactly("hits", "totalHits", "facets", "nextPageToken");
    assertThat(jsonNames(SearchHit.getDescriptor())).containsExactly("product", "score");
    assertThat(jsonNames(Product.getDescriptor()))
        .containsExactly(
            "id",
            "sku",
            "name",
            "description",
            "category",
            "brand",
            "price",
            "stock",
            "attributes",
            "createTime",
            "updateTime",
            "version");
    assertThat(jsonNames(Money.getDescriptor())).containsExactly("amountMinor", "currencyCode");
    assertThat(jsonNames(Facet.getDescriptor())).containsExactly("name", "values");
    assertThat(jsonNames(FacetValue.getDescriptor())).containsExactly("value", "count");
    assertThat(jsonNames(SuggestResponse.getDescriptor())).containsExactly("suggestions");
    assertThat(jsonNames(Suggestion.getDescriptor())).containsExactly("text", "productId");
  }

  /**
   * The same tree, the same member order (tree equality ignores it), valid UTF-8, and JsonFormat's
   * parser reads the message back.
   */
  private static <M extends Message> void assertLikeJsonFormat(
      M message, Function<M, byte[]> writer) throws InvalidProtocolBufferException {
    byte[] ours = writer.apply(message);
    String expected = JSON_FORMAT.print(message);
    String actual = text(ours);
    JsonNode expectedTree = MAPPER.readTree(expected);
    JsonNode actualTree = MAPPER.readTree(ours);

    assertThat(actualTree)
        .as(() -> actual + "\n  vs JsonFormat\n" + expected)
        .isEqualTo(expectedTree);
    assertThat(paths(actualTree)).as(() -> actual).isEqualTo(paths(expectedTree));
    Message.Builder back = message.newBuilderForType();
    JsonFormat.parser().merge(actual, back);
    assertThat(back.build()).as(() -> actual).isEqualTo(message);
  }

  /** Strict UTF-8 decoding: malformed bytes fail instead of becoming U+FFFD. */
  private static String text(byte[] utf8) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("not UTF-8", e);
    }
  }

  /** The JSON pointer of every node, in document order. */
  private static List<String> paths(JsonNode tree) {
    List<String> paths = new ArrayList<>();
    collectPaths(tree, "", paths);
    return paths;
  }

  private static void collectPaths(JsonNode node, String path, List<String> paths) {
    paths.add(path);
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String name = member.getKey().replace("~", "~0").replace("/", "~1");
        collectPaths(member.getValue(), path + "/" + name, paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectPaths(node.get(i), path + "/" + i, paths);
      }
    }
  }

  private static List<String> jsonNames(Descriptor message) {
    return message.getFields().stream().map(FieldDescriptor::getJsonName).toList();
  }

  private static Product phone() throws Exception {
    return Product.newBuilder()
        .setId("p1")
        .setSku("SKU-1")
        .setName("Phone X")
        .setDescription("A phone")
        .setCategory("phones")
        .setBrand("acme")
        .setPrice(Money.newBuilder().setAmountMinor(49_999).setCurrencyCode("EUR"))
        .setStock(7)
        .putAttributes("color", "black")
        .setCreateTime(Timestamps.parse("2024-05-01T10:00:00Z"))
        .setUpdateTime(Timestamps.parse("2024-05-02T08:30:00.250Z"))
        .setVersion(3)
        .build();
  }

  /**
   * Messages that reach for the edges: strings with quotes, backslashes, control characters,
   * non-ASCII, surrogate pairs, U+2028; int64 and float extremes; timestamps before 1970 and with
   * 0, 3, 6 or 9 significant fractional digits; optional messages present or not; empty lists and
   * maps.
   */
  private static final class RandomMessages {

    private static final String[] PIECES = {
      "Zz9 phone",
      "\"",
      "\\",
      "/",
      "\b\f\n\r\t",
      "\u0000\u001f\u007f\u0085",
      "éß€中文",
      "\u2028\u2029",
      "<>&='",
      "\uFEFF\uFFFF",
      "\uD83D\uDE00",
      "\uD834\uDD1E",
      "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08"
    };

    private static final long[] INT64S = {
      0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, Integer.MIN_VALUE
    };

    private static final float[] SCORES = {
      0f,
      -0f,
      1f,
      0.5f,
      1.2e-5f,
      Float.MIN_VALUE,
      Float.MIN_NORMAL,
      Float.MAX_VALUE,
      1e30f,
      -3.25f,
      Float.NaN,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY
    };

    private final SplittableRandom random;

    RandomMessages(SplittableRandom random) {
      this.random = random;
    }

    SearchResponse search() {
      SearchResponse.Builder response =
          SearchResponse.newBuilder().setTotalHits(int64()).setNextPageToken(string());
      repeat(5, () -> response.addHits(hit()));
      repeat(3, () -> response.addFacets(facet()));
      return response.build();
    }

    SuggestResponse suggest() {
      SuggestResponse.Builder response = SuggestResponse.newBuilder();
      repeat(6, () -> response.addSuggestions(suggestion()));
      return response.build();
    }

    private SearchHit hit() {
      SearchHit.Builder hit = SearchHit.newBuilder().setScore(score());
      if (random.nextInt(4) != 0) {
        hit.setProduct(product());
      }
      return hit.build();
    }

    private Product product() {
      Product.Builder product =
          Product.newBuilder()
              .setId(string())
              .setSku(string())
              .setName(string())
              .setDescription(string())
              .setCategory(string())
              .setBrand(string())
              .setStock(int64())
              .setVersion(int64());
      if (random.nextBoolean()) {
        product.setPrice(Money.newBuilder().setAmountMinor(int64()).setCurrencyCode(string()));
      }
      repeat(4, () -> product.putAttributes(string(), string()));
      if (random.nextBoolean()) {
        product.setCreateTime(timestamp());
      }
      if (random.nextBoolean()) {
        product.setUpdateTime(timestamp());
      }
      return product.build();
    }

    private Facet facet() {
      Facet.Builder facet = Facet.newBuilder().setName(string());
      repeat(
          4, () -> facet.addValues(FacetValue.newBuilder().setValue(string()).setCount(int64())));
      return facet.build();
    }

    private Suggestion suggestion() {
      return Suggestion.newBuilder().setText(string()).setProductId(string()).build();
    }

    private void repeat(int atMost, Runnable add) {
      for (int i = random.nextInt(atMost + 1); i > 0; i--) {
        add.run();
      }
    }

    private String string() {
      if (random.nextInt(4) == 0) {
        return "";
      }
      StringBuilder string = new StringBuilder();
      for (int i = random.nextInt(1, 9); i > 0; i--) {
        if (random.nextInt(4) == 0) {
          string.appendCodePoint(codePoint());
        } else {
          string.append(PIECES[random.nextInt(PIECES.length)]);
        }
      }
      return string.toString();
    }

    /** Any code point but a surrogate: strings from the wire are valid UTF-8. */
    private int codePoint() {
      int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1 - 0x800);
      return codePoint < Character.MIN_SURROGATE ? codePoint : codePoint + 0x800;
    }

    private long int64() {
      return switch (random.nextInt(3)) {
        case 0 -> INT64S[random.nextInt(INT64S.length)];
        case 1 -> random.nextLong(-1_000_000, 1_000_000);
        default -> random.nextLong();
      };
    }

    private float score() {
      return switch (random.nextInt(3)) {
        case 0 -> SCORES[random.nextInt(SCORES.length)];
        case 1 -> random.nextFloat() * 20;
        default -> Float.intBitsToFloat(random.nextInt());
      };
    }

    private Timestamp timestamp() {
      long seconds =
          random.nextBoolean()
              ? random.nextLong(-2_000_000_000, 2_000_000_000)
              : random.nextLong(
                  Timestamps.MIN_VALUE.getSeconds(), Timestamps.MAX_VALUE.getSeconds() + 1);
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }
  }
}
