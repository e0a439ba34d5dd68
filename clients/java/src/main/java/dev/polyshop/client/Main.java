package dev.polyshop.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SortOrder;
import dev.polyshop.search.v1.SuggestRequest;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A command-line client of Polyshop's gRPC contracts: search, suggest, subscribe, publish. Every
 * answer is one JSON line in the proto3 JSON mapping with sorted keys; a gRPC error is printed as
 * {@code {"error":{"code":…,"message":…}}} with exit status 3. The flags are those of the Python
 * and Go clients (clients/README.md).
 */
public final class Main {

  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("search", 9091, "suggest", 9091, "subscribe", 9092, "publish", 9093);
  private static final Map<String, SortOrder> SORTS =
      Map.of(
          "relevance", SortOrder.SORT_ORDER_RELEVANCE,
          "price_asc", SortOrder.SORT_ORDER_PRICE_ASC,
          "price_desc", SortOrder.SORT_ORDER_PRICE_DESC,
          "newest", SortOrder.SORT_ORDER_NEWEST);

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(Options.parse(args)));
  }

  static int run(Options o) throws Exception {
    ManagedChannel channel = channel(o);
    try {
      switch (o.command()) {
        case "search" -> search(channel, o);
        case "suggest" -> suggest(channel, o);
        case "subscribe" -> subscribe(channel, o);
        case "publish" -> publish(channel, o);
        default -> throw new IllegalArgumentException("unknown command " + o.command());
      }
      return 0;
    } catch (StatusRuntimeException e) {
      var error = new JsonObject();
      error.addProperty("code", e.getStatus().getCode().name());
      error.addProperty(
          "message", e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription());
      var line = new JsonObject();
      line.add("error", error);
      System.out.println(line);
      return 3;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ManagedChannel channel(Options o) throws Exception {
    String target =
        o.global(
            "target", o.tls() ? "localhost:8443" : "localhost:" + DEFAULT_PORTS.get(o.command()));
    var builder = NettyChannelBuilder.forTarget(target);
    if (o.tls()) {
      var ssl = GrpcSslContexts.forClient();
      if (o.has("ca")) {
        ssl.trustManager(new File(o.global("ca", "")));
      }
      builder.sslContext(ssl.build());
    } else {
      builder.usePlaintext();
    }
    String token = o.global("token", System.getenv().getOrDefault("POLYSHOP_TOKEN", ""));
    if (!token.isEmpty()) {
      var headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      ClientInterceptor auth = MetadataUtils.newAttachHeadersInterceptor(headers);
      builder.intercept(auth);
    }
    return builder.build();
  }

  private static long deadlineMillis(Options o) {
    return (long) (Double.parseDouble(o.global("deadline", "5")) * 1000);
  }

  /** Search-service's stub with the unary call's deadline. */
  private static SearchServiceGrpc.SearchServiceBlockingStub searchStub(
      ManagedChannel channel, Options o) {
    return SearchServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadlineMillis(o), TimeUnit.MILLISECONDS);
  }

  private static void search(ManagedChannel channel, Options o) throws Exception {
    var filter =
        SearchFilter.newBuilder()
            .addAllCategories(o.all("category"))
            .addAllBrands(o.all("brand"))
            .setInStockOnly(o.flag("in-stock"));
    if (o.has("min-price")) {
      filter.setMinPriceMinor(Long.parseLong(o.one("min-price", "0")));
    }
    if (o.has("max-price")) {
      filter.setMaxPriceMinor(Long.parseLong(o.one("max-price", "0")));
    }
    SortOrder sort = SORTS.get(o.one("sort", "relevance"));
    if (sort == null) {
      throw new IllegalArgumentException("unknown sort " + o.one("sort", ""));
    }
    var request =
        SearchRequest.newBuilder()
            .setQuery(o.one("query", ""))
            .setFilter(filter)
            .setSort(sort)
            .setPageSize(Integer.parseInt(o.one("page-size", "0")))
            .setPageToken(o.one("page-token", ""))
            .build();
    emit(searchStub(channel, o).search(request));
  }

  private static void suggest(ManagedChannel channel, Options o) throws Exception {
    var request =
        SuggestRequest.newBuilder()
            .setPrefix(o.one("prefix", ""))
            .setLimit(Integer.parseInt(o.one("limit", "0")))
            .build();
    emit(searchStub(channel, o).suggest(request));
  }

  /**
   * Prints events and resets (heartbeats only with --heartbeats) until --events have arrived or
   * --wait seconds have passed; a stream that ends by itself is an error.
   */
  private static void subscribe(ManagedChannel channel, Options o) throws Exception {
    int wanted = Integer.parseInt(o.one("events", "0"));
    long waitMillis = (long) (Double.parseDouble(o.one("wait", "30")) * 1000);
    var request =
        SubscribeRequest.newBuilder()
            .addAllTopics(o.all("topic"))
            .setResumeToken(o.one("resume-token", ""))
            .build();
    try (var call = Context.current().withCancellation()) {
      Iterator<SubscribeResponse> stream =
          call.call(
              () ->
                  PushServiceGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(waitMillis, TimeUnit.MILLISECONDS)
                      .subscribe(request));
      int received = 0;
      try {
        while (stream.hasNext()) {
          SubscribeResponse item = stream.next();
          if (item.hasHeartbeat() && !o.flag("heartbeats")) {
            continue;
          }
          emit(item);
          if (item.hasEvent() && wanted > 0 && ++received >= wanted) {
            return; // closing the context cancels the stream
          }
        }
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
          return; // the --wait budget running out ends a subscription normally
        }
        throw e;
      }
      throw Status.UNAVAILABLE.withDescription("the stream ended").asRuntimeException();
    }
  }

  private static void publish(ManagedChannel channel, Options o) throws Exception {
    var request =
        PublishRequest.newBuilder()
            .setTopic(o.one("topic", ""))
            .setType(o.one("type", ""))
            .setDataJson(o.one("data", ""))
            .build();
    emit(
        PushServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(deadlineMillis(o), TimeUnit.MILLISECONDS)
            .publish(request));
  }

  /** One line: the proto3 JSON mapping, keys sorted at every level, no whitespace. */
  private static void emit(MessageOrBuilder message) throws InvalidProtocolBufferException {
    String json = JsonFormat.printer().omittingInsignificantWhitespace().print(message);
    System.out.println(sorted(JsonParser.parseString(json)));
  }

  private static JsonElement sorted(JsonElement element) {
    if (element.isJsonObject()) {
      var keys = new TreeMap<String, JsonElement>();
      element.getAsJsonObject().entrySet().forEach(e -> keys.put(e.getKey(), sorted(e.getValue())));
      var object = new JsonObject();
      keys.forEach(object::add);
      return object;
    }
    if (element.isJsonArray()) {
      var array = new JsonArray();
      element.getAsJsonArray().forEach(e -> array.add(sorted(e)));
      return array;
    }
    return element;
  }
}
