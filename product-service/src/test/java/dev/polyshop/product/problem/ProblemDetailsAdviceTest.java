package dev.polyshop.product.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class ProblemDetailsAdviceTest {

  @RestController
  static class FailingController {
    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("secret: jdbc:postgresql://db/catalog password=hunter2");
    }

    @GetMapping("/database")
    String database() {
      throw new DataAccessResourceFailureException("Connection refused to 10.0.0.7:5432");
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new FailingController())
          .setControllerAdvice(new ProblemDetailsAdvice())
          .build();

  @Test
  void unexpectedError_isAGeneric500ProblemWithoutInternals() throws Exception {
    mvc.perform(get("/boom"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
        .andExpect(
            content()
                .string(
                    Matchers.not(
                        Matchers.anyOf(
                            Matchers.containsString("secret"),
                            Matchers.containsString("IllegalStateException"),
                            Matchers.containsString("at dev.")))));
  }

  @Test
  void databaseUnavailable_isA503ProblemWithoutInternals() throws Exception {
    mvc.perform(get("/database"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(content().string(Matchers.not(Matchers.containsString("10.0.0.7"))));
  }
}
