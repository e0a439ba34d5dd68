package dev.polyshop.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriberLimitTest {

  @Test
  void theOpenFileLimitBoundsSubscribers_keepingFilesForEverythingElse() {
    // This machine's hard limit: 20,000 files cannot hold the pool's 32,000 subscribers.
    assertThat(SubscriberLimit.of(0, 32_000, 20_000)).isEqualTo(20_000 - 1024);
    assertThat(SubscriberLimit.of(0, 32_000, 1_048_576)).isEqualTo(32_000);
  }

  @Test
  void aSmallLimitKeepsHalfForSubscribers() {
    assertThat(SubscriberLimit.of(0, 32_000, 1024)).isEqualTo(512);
    assertThat(SubscriberLimit.of(0, 32_000, 1)).isEqualTo(1);
  }

  @Test
  void aConfiguredBoundWins_butNeverAbovePoolCapacity() {
    assertThat(SubscriberLimit.of(3, 4, 20_000)).isEqualTo(3);
    assertThat(SubscriberLimit.of(10, 4, 20_000)).isEqualTo(4);
  }

  @Test
  void anUnknownLimitLeavesThePoolsCapacity() {
    assertThat(SubscriberLimit.of(0, 32_000, -1)).isEqualTo(32_000);
  }

  @Test
  void thisProcessReportsItsLimit() {
    assertThat(SubscriberLimit.openFileLimit()).isPositive();
  }
}
