package dev.polyshop.gateway.security;

import dev.polyshop.gateway.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads are public; writes to {@code /api/products/**} need a bearer JWT with the write scope. The
 * browser-facing headers are {@link SecurityHeadersFilter}'s, CORS is {@code ProblemCorsFilter}'s.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

  @Bean
  SecurityWebFilterChain gatewaySecurity(
      ServerHttpSecurity http,
      JwtProperties jwt,
      ProblemWriter problems,
      ReactiveJwtDecoder decoder) {
    var authenticationProblems = new ProblemAuthenticationHandlers(problems);
    String write = "SCOPE_" + jwt.writeScope();
    return http.securityMatcher(SecurityConfig::needsSecurity)
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
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
        // SecurityHeadersFilter writes them on every response, inside this chain or not.
        .headers(ServerHttpSecurity.HeaderSpec::disable)
        .build();
  }

  /**
   * The chain runs for a request that writes (any method but GET, HEAD, OPTIONS and TRACE) or that
   * carries credentials ({@code Authorization}): a bad token is refused even on a public path. A
   * read without credentials has nothing to authenticate or authorize (every read is public), so it
   * skips the chain and its cost; its principal is simply absent, as an anonymous one was.
   */
  static Mono<MatchResult> needsSecurity(ServerWebExchange exchange) {
    var request = exchange.getRequest();
    HttpMethod method = request.getMethod();
    boolean reads =
        method == HttpMethod.GET
            || method == HttpMethod.HEAD
            || method == HttpMethod.OPTIONS
            || method == HttpMethod.TRACE;
    return !reads || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
        ? MatchResult.match()
        : MatchResult.notMatch();
  }

  @Bean
  ReactiveJwtDecoder jwtDecoder(JwtProperties jwt, Environment environment) {
    return JwtDecoders.create(jwt, environment.matchesProfiles("dev"));
  }
}
