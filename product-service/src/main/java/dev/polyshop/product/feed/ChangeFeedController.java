package dev.polyshop.product.feed;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.polyshop.product.problem.ApiException;
import dev.polyshop.product.problem.QueryParameters;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /products/changes}: the catalog change feed as the proto3 JSON of {@code
 * polyshop.catalog.v1.ChangeFeedPage} (contract: docs/change-feed.md).
 */
@RestController
class ChangeFeedController {

  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 1000;
  static final int MAX_WAIT_SECONDS = 30;

  private static final Pattern FEED_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

  private final ChangeFeed feed;

  ChangeFeedController(ChangeFeed feed) {
    this.feed = feed;
  }

  @GetMapping(path = "/products/changes", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> changes(
      @RequestParam(required = false) String feed,
      @RequestParam(required = false) String after,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String wait)
      throws InterruptedException, InvalidProtocolBufferException {
    QueryParameters params = new QueryParameters();
    long afterPosition = params.integer("after", after, 0, 0, Long.MAX_VALUE);
    long pageSize = params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    long waitSeconds = params.integer("wait", wait, 0, 0, MAX_WAIT_SECONDS);
    if (feed != null && !FEED_ID.matcher(feed).matches()) {
      params.reject("feed", "must be a feed id as sent in feedId (lower-case UUID)");
    }
    params.validate();
    var page = this.feed.poll(feed, afterPosition, (int) pageSize, Duration.ofSeconds(waitSeconds));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PRINTER.print(page));
  }

  /** 410 feed-reset, with why and where the feed stands, so the consumer knows what it rebuilds. */
  @ExceptionHandler(FeedResetException.class)
  ResponseEntity<ProblemDetail> reset(FeedResetException reset) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, reset.getMessage());
    problem.setType(URI.create(ApiException.TYPE_BASE + "feed-reset"));
    problem.setTitle("Feed reset");
    problem.setProperty("reason", reset.reason().code());
    problem.setProperty("feedId", reset.feedId());
    problem.setProperty("headPosition", reset.headPosition());
    return ResponseEntity.status(HttpStatus.GONE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
