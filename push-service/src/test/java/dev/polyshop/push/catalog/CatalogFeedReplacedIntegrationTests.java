package dev.polyshop.push.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.testing.FakeChangeFeed;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * product-service's database restored under a running push-service: the feed it followed is
 * replaced, so every subscriber is told to reload (a Reset) and then gets the new feed's changes.
 */
class CatalogFeedReplacedIntegrationTests {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String[] TOPICS = {"product.p1", "category.lamps", "deals", "stock.p1"};

  private final FakeChangeFeed feed = newFeed();
  private PushUnderTest push;

  @AfterEach
  void stop() {
    if (push != null) {
      push.close();
    }
    feed.close();
  }

  @Test
  void replacedFeed_sendsEverySubscriberAReset_thenTheNewFeedsChanges() throws Exception {
    feed.upsert("p1", 1, 1000, 0, "Lamps");
    push = PushUnderTest.netty(PushConfigs.of("PRODUCT_SERVICE_URL", feed.url()));
    StreamRecorder live = push.subscribed(StreamRecorder.fast(), "", TOPICS);
    long drop = feed.upsert("p1", 2, 850, 0, "Lamps"); // product, category, deals
    live.awaitEvents(3, WAIT);

    feed.replace(); // the restored database only knows p1 at version 1, priced 1000
    feed.upsert("p1", 1, 1000, 0, "Lamps");
    feed.upsert("p1", 2, 500, 0, "Lamps"); // -50 % from what the restored catalog held

    live.awaitEvents(6, WAIT);
    List<SubscribeResponse> items =
        live.items().stream().filter(item -> !item.hasHeartbeat()).toList();
    assertThat(items.get(3).hasReset()).as("%s", items).isTrue();
    assertThat(items.get(3).getReset().getReason())
        .isEqualTo(ResetReason.RESET_REASON_CATALOG_REPLACED);
    assertThat(items.get(3).getReset().getResumeToken()).isEqualTo("c-" + drop);
    // The new feed's positions 1 and 4 get ids above everything sent before.
    assertThat(live.eventIds().subList(3, 6))
        .containsExactly(
            "c-" + (drop + 1) + "-0", "c-" + (drop + 4) + "-0", "c-" + (drop + 4) + "-1");
    assertThat(live.events().get(4).getDataJson())
        .contains("\"version\":2")
        .contains("\"amountMinor\":500");
  }

  private static FakeChangeFeed newFeed() {
    try {
      return new FakeChangeFeed();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
