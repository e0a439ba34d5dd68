package dev.polyshop.gateway.security;

import dev.polyshop.gateway.edge.EdgeProperties;
import dev.polyshop.gateway.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;

/**
 * Reads are public; writes to {@code /api/products/**} need a bearer JWT with the write scope. Also
 * the browser-facing headers (CSP, frame deny, nosniff, referrer policy) and CORS.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

  @Bean
  SecurityWebFilterChain gatewaySecurity(
      ServerHttpSecurity http,
      JwtProperties jwt,
      EdgeProperties edge,
      ProblemWriter problems,
      ReactiveJwtDecoder decoder) {
    var authenticationProblems = new ProblemAuthenticationHandlers(problems);
    String write = "SCOPE_" + jwt.writeScope();
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .cors(ServerHttpSecurity.CorsSpec::disable) // system.ProblemCorsFilter does CORS
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers(HttpMethod.POST, "/api/products", "/api/products/**")
                    .hasAuthority(write)
                    .pathMatchers(HttpMethod.PUT, "/api/products", "/api/products/**")
                    .hasAuthority(write)
                    .pathMatchers(HttpMethod.PATCH, "/api/products", "/api/products/**")
                    .hasAuthority(write)
                    .pathMatchers(HttpMethod.DELETE, "/api/products", "/api/products/**")
                    .hasAuthority(write)
                    .anyExchange()
                    .permitAll())
        .oauth2ResourceServer(
            resource ->
                resource
                    .jwt(jwtSpec -> jwtSpec.jwtDecoder(decoder))
                    .authenticationEntryPoint(authenticationProblems)
                    .accessDeniedHandler(authenticationProblems))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(authenticationProblems)
                    .accessDeniedHandler(authenticationProblems))
        .headers(
            headers ->
                headers
                    .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                    .contentTypeOptions(
                        org.springframework.security.config.Customizer.withDefaults())
                    .frameOptions(frame -> frame.mode(Mode.DENY))
                    .referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(edge.contentSecurityPolicy())))
        .build();
  }

  @Bean
  ReactiveJwtDecoder jwtDecoder(JwtProperties jwt, Environment environment) {
    return JwtDecoders.create(jwt, environment.matchesProfiles("dev"));
  }
}
