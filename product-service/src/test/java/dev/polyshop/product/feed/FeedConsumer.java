package dev.polyshop.product.feed;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.product.testing.HttpApi;
import java.util.ArrayList;
import java.util.List;

/** Follows the change feed over HTTP the way search-service and push-service do. */
final class FeedConsumer {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final HttpApi api;
  private final List<ChangeEvent> received = new ArrayList<>();
  private long position;

  FeedConsumer(HttpApi api, long startAfter) {
    this.api = api;
    this.position = startAfter;
  }

  /** A consumer starting at the current head: it will see only changes from now on. */
  static FeedConsumer fromHead(HttpApi api) {
    return new FeedConsumer(api, head(api));
  }

  /** The feed's current head position. */
  static long head(HttpApi api) {
    return fetch(api, 0, 1, 0).getHeadPosition();
  }

  /** One poll; returns the events it received. */
  List<ChangeEvent> poll(int waitSeconds) {
    ChangeFeedPage page = fetch(api, position, 1000, waitSeconds);
    received.addAll(page.getEventsList());
    position = page.getNextPosition();
    return page.getEventsList();
  }

  List<ChangeEvent> received() {
    return received;
  }

  long position() {
    return position;
  }

  static ChangeFeedPage fetch(HttpApi api, long after, int limit, int waitSeconds) {
    HttpApi.Response response =
        api.get("/products/changes?after=" + after + "&limit=" + limit + "&wait=" + waitSeconds);
    if (response.status() != 200) {
      throw new IllegalStateException(
          "feed answered " + response.status() + ": " + response.body());
    }
    try {
      ChangeFeedPage.Builder page = ChangeFeedPage.newBuilder();
      PARSER.merge(response.body(), page);
      return page.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
