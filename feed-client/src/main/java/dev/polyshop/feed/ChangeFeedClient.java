package dev.polyshop.feed;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads pages of product-service's change feed over HTTP ({@code GET /products/changes}). */
public final class ChangeFeedClient {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final HttpClient http;
  private final URI changesUri;
  private final Duration requestTimeout;

  /**
   * @param productServiceUrl base URL of product-service, e.g. {@code http://localhost:8081}
   * @param requestTimeout how long one request may take on top of its long-poll wait
   */
  public ChangeFeedClient(URI productServiceUrl, Duration requestTimeout) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.changesUri = productServiceUrl.resolve("/products/changes");
    this.requestTimeout = requestTimeout;
  }

  /**
   * Fetches events after the cursor; with a positive {@code wait} the server holds the request
   * until an event arrives or the wait ends.
   *
   * @throws FeedResetException when the feed cannot serve the cursor (HTTP 410): another feed,
   *     ahead of the head, or older than what the feed retains
   * @throws IOException on network errors and unexpected responses
   */
  public ChangeFeedPage poll(FeedCursor cursor, int limit, Duration wait)
      throws IOException, InterruptedException {
    String feed = cursor.feedId() == null ? "" : "&feed=" + cursor.feedId();
    URI uri =
        URI.create(
            changesUri
                + "?after="
                + cursor.position()
                + feed
                + "&limit="
                + limit
                + "&wait="
                + wait.toSeconds());
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout.plus(wait))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return switch (response.statusCode()) {
      case 200 -> parse(response.body());
      case 410 -> throw new FeedResetException(cursor, reason(response.body()));
      default ->
          throw new IOException(
              "change feed answered HTTP "
                  + response.statusCode()
                  + " for after="
                  + cursor.position());
    };
  }

  private static FeedResetException.Reason reason(String problemJson) {
    try {
      Struct.Builder problem = Struct.newBuilder();
      PARSER.merge(problemJson, problem);
      Value reason = problem.getFieldsOrDefault("reason", Value.getDefaultInstance());
      return FeedResetException.Reason.fromCode(reason.getStringValue());
    } catch (InvalidProtocolBufferException unreadable) {
      return FeedResetException.Reason.fromCode(null);
    }
  }

  private static ChangeFeedPage parse(String json) throws InvalidProtocolBufferException {
    ChangeFeedPage.Builder page = ChangeFeedPage.newBuilder();
    PARSER.merge(json, page);
    return page.build();
  }
}
