package dev.polyshop.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

class GrpcProblemsTest {

  @Test
  void theContractsStatuses_mapAsDocumented() {
    assertThat(GrpcProblems.httpStatus(Status.Code.INVALID_ARGUMENT))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(GrpcProblems.httpStatus(Status.Code.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(GrpcProblems.httpStatus(Status.Code.RESOURCE_EXHAUSTED))
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(GrpcProblems.httpStatus(Status.Code.UNAVAILABLE))
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(GrpcProblems.httpStatus(Status.Code.DEADLINE_EXCEEDED))
        .isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    assertThat(GrpcProblems.httpStatus(Status.Code.INTERNAL)).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(GrpcProblems.httpStatus(Status.Code.UNKNOWN)).isEqualTo(HttpStatus.BAD_GATEWAY);
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"OK"},
      mode = EnumSource.Mode.EXCLUDE)
  void everyFailure_isAnErrorStatus_withTheDescriptionAsDetail(Status.Code code) {
    var problem = GrpcProblems.of(code.toStatus().withDescription("why"));

    assertThat(problem.status().isError()).isTrue();
    assertThat(problem.detail()).isEqualTo("why");
    assertThat(problem.type()).endsWith("/grpc-" + code.name().toLowerCase().replace('_', '-'));
  }
}
