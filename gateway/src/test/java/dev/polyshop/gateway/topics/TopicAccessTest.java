package dev.polyshop.gateway.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.topics.TopicAccess.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicAccessTest {

  @Test
  void catalogTopics_arePublic_forAnyone() {
    for (String topic : List.of("deals", "product.p1", "category.home", "stock.p1")) {
      assertThat(TopicAccess.verdict(topic, null)).isEqualTo(Verdict.ALLOWED);
      assertThat(TopicAccess.verdict(topic, "alice")).isEqualTo(Verdict.ALLOWED);
    }
  }

  @Test
  void privateTopic_belongsToTheSubjectInItsSecondSegment() {
    assertThat(TopicAccess.verdict("order.alice", "alice")).isEqualTo(Verdict.ALLOWED);
    assertThat(TopicAccess.verdict("order.alice.1042", "alice")).isEqualTo(Verdict.ALLOWED);
    assertThat(TopicAccess.verdict("order.alice.1042", "bob")).isEqualTo(Verdict.DENIED);
    assertThat(TopicAccess.verdict("order.alice.1042", null)).isEqualTo(Verdict.NEEDS_TOKEN);
  }

  @Test
  void lookalikeTopics_belongToNobody() {
    assertThat(TopicAccess.verdict("order", "order")).isEqualTo(Verdict.DENIED);
    assertThat(TopicAccess.verdict("order.alicex", "alice")).isEqualTo(Verdict.DENIED);
    assertThat(TopicAccess.verdict("deals.alice", "bob")).isEqualTo(Verdict.DENIED);
    assertThat(TopicAccess.verdict("dealsx", null)).isEqualTo(Verdict.NEEDS_TOKEN);
    assertThat(TopicAccess.verdict("order..1", "")).isEqualTo(Verdict.DENIED);
    assertThat(TopicAccess.verdict("products.alice", "alice")).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void check_reportsTheFirstTopicRefused() {
    assertThat(TopicAccess.check(List.of("deals", "order.bob.1", "order.alice.2"), "bob"))
        .isEqualTo(new TopicAccess.Decision(Verdict.DENIED, "order.alice.2"));
    assertThat(TopicAccess.check(List.of("deals", "cart.bob"), null))
        .isEqualTo(new TopicAccess.Decision(Verdict.NEEDS_TOKEN, "cart.bob"));
    assertThat(TopicAccess.check(List.of("deals", "order.bob.1"), "bob").allowed()).isTrue();
  }

  @Test
  void aMalformedTopic_isReportedBeforeAnyTopicThatNeedsAToken() {
    assertThat(TopicAccess.verdict("Order.alice", "alice")).isEqualTo(Verdict.MALFORMED);
    assertThat(TopicAccess.verdict("x".repeat(129), null)).isEqualTo(Verdict.MALFORMED);
    assertThat(TopicAccess.check(List.of("cart.bob", "deals", "cart bob"), null))
        .isEqualTo(new TopicAccess.Decision(Verdict.MALFORMED, "cart bob"));
  }
}
