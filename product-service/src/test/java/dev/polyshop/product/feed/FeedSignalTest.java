package dev.polyshop.product.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FeedSignalTest {

  private final FeedSignal signal = new FeedSignal();

  @Test
  void waiter_wakesWhenTheHeadPassesWhatItHasSeen() throws Exception {
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> await(5, Duration.ofSeconds(10)));
    Thread.sleep(100);

    signal.advanceTo(5);
    assertThat(waiting.isDone()).isFalse();
    signal.advanceTo(6);

    assertThat(waiting.get(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void waiter_returnsFalseWhenTheWaitRunsOut() {
    assertThat(await(0, Duration.ofMillis(50))).isFalse();
  }

  @Test
  void headAlreadyAhead_returnsAtOnce() {
    signal.advanceTo(10);

    assertThat(await(3, Duration.ZERO)).isTrue();
  }

  @Test
  void publishedHeadBehindTheKnownOne_waitersWaitForPositionsBeyondTheNewHead() throws Exception {
    signal.advanceTo(500); // then the database is restored: its head is 100
    signal.publish(100);

    assertThat(await(120, Duration.ofMillis(50))).isFalse();
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> await(100, Duration.ofSeconds(10)));
    Thread.sleep(100);
    signal.publish(101);

    assertThat(waiting.get(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void stop_releasesEveryWaiter() throws Exception {
    signal.start();
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> await(0, Duration.ofSeconds(30)));
    Thread.sleep(100);

    signal.stop();

    assertThat(waiting.get(2, TimeUnit.SECONDS)).isFalse();
  }

  private boolean await(long seen, Duration timeout) {
    try {
      return signal.awaitBeyond(seen, timeout.toNanos());
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
