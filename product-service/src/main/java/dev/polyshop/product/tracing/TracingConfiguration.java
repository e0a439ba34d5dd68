package dev.polyshop.product.tracing;

import dev.polyshop.kit.Tracing;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Tracing as the standard OpenTelemetry variables configure it ({@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER_ARG}, {@code OTEL_SERVICE_NAME}, and
 * {@code POLYSHOP_TRACES_FILE}), the same as in every other Polyshop service. Off, neither the
 * filter nor the data source wrapper is installed.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

  @Bean(destroyMethod = "close")
  Tracing tracing(Environment environment) {
    return Tracing.fromLookup(environment::getProperty, "product-service");
  }

  @Bean
  FilterRegistrationBean<ServerSpanFilter> serverSpanFilter(Tracing tracing) {
    var registration = new FilterRegistrationBean<>(new ServerSpanFilter(tracing));
    // Outermost: the span covers the request limits' answers too.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setEnabled(tracing.enabled());
    return registration;
  }

  @Bean
  static BeanPostProcessor tracedDataSource(ObjectProvider<Tracing> tracing) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource dataSource && tracing.getObject().enabled()) {
          return TracedDataSource.wrap(dataSource, tracing.getObject());
        }
        return bean;
      }
    };
  }
}
