package dev.polyshop.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgePolicyTest {

  @Test
  void topicAccess_isTopicAccessAsGrpcStatuses_namingTheTopic() {
    assertThat(EdgePolicy.topicAccess(List.of("deals", "product.p1"), null).getCode())
        .isEqualTo(Status.Code.OK);
    assertThat(EdgePolicy.topicAccess(List.of("order.alice.1042"), "alice").getCode())
        .isEqualTo(Status.Code.OK);
    Status anonymous = EdgePolicy.topicAccess(List.of("deals", "order.alice.1042"), null);
    assertThat(anonymous.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(anonymous.getDescription()).contains("order.alice.1042");
    Status other = EdgePolicy.topicAccess(List.of("order.alice.1042"), "bob");
    assertThat(other.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(other.getDescription()).contains("order.alice.1042");
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
