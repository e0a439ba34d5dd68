package dev.polyshop.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class EdgePolicyTest {

  @Test
  void catalogTopics_arePublic_forAnyone() {
    for (String topic : new String[] {"deals", "product.p1", "category.home", "stock.p1"}) {
      assertThat(EdgePolicy.topicAccess(topic, null).getCode()).isEqualTo(Status.Code.OK);
    }
  }

  @Test
  void privateTopic_belongsToTheSubjectInItsSecondSegment() {
    assertThat(EdgePolicy.topicAccess("order.alice", "alice").isOk()).isTrue();
    assertThat(EdgePolicy.topicAccess("order.alice.1042", "alice").isOk()).isTrue();
    assertThat(EdgePolicy.topicAccess("order.alice.1042", "bob").getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(EdgePolicy.topicAccess("order.alice.1042", null).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void lookalikeTopics_belongToNobody() {
    assertThat(EdgePolicy.topicAccess("order", "order").getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(EdgePolicy.topicAccess("order.alicex", "alice").getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(EdgePolicy.topicAccess("deals.alice", "bob").getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(EdgePolicy.topicAccess("products.alice", "alice").isOk()).isTrue();
  }

  @Test
  void onlySearchSuggestAndSubscribe_arePublicMethods() {
    assertThat(EdgePolicy.PUBLIC_METHODS)
        .containsExactlyInAnyOrder(
            "polyshop.search.v1.SearchService/Search",
            "polyshop.search.v1.SearchService/Suggest",
            "polyshop.push.v1.PushService/Subscribe");
  }
}
