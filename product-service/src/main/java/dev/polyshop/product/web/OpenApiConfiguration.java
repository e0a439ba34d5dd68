package dev.polyshop.product.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and description of the OpenAPI document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI productServiceOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Polyshop product-service")
                .version("v1")
                .description(
                    "The catalog of record: products under /products (ETag + If-Match, "
                        + "Idempotency-Key, cursor pagination, RFC 9457 errors) and the ordered "
                        + "change feed at /products/changes."));
  }
}
