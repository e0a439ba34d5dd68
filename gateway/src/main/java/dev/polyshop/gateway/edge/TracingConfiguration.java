package dev.polyshop.gateway.edge;

import dev.polyshop.kit.Tracing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tracing as the standard OpenTelemetry variables configure it ({@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER_ARG}, {@code OTEL_SERVICE_NAME}, and
 * {@code POLYSHOP_TRACES_FILE}), the same as in every other Polyshop service; off without an
 * endpoint or a file.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

  @Bean(destroyMethod = "close")
  Tracing tracing(Environment environment) {
    return Tracing.fromLookup(environment::getProperty, "gateway");
  }
}
