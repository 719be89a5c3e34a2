package com.fourrunr.campaign.service.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for the service: operators sign in with a form (session cookie, CSRF token on
 * every form, sign-in attempts limited), every route also takes a bearer token (an API token),
 * state-changing browser requests need this service's {@code Origin}, and tracking, unsubscribe,
 * {@code /health} (the status only), {@code /health/live}, {@code /health/ready}, the inbound
 * webhook and the ESP webhooks are public to Spring Security: each checks its own signature (the
 * inbound webhook in the starter's {@code CampaignInboundEndpoint}, with {@code
 * campaign.inbound.*}; the ESP webhooks with their providers' keys).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
class SecurityConfiguration {
  /** The policy: scripts and styles from this service only, no inline code, never framed. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService operators(ServiceSecurityProperties properties) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    for (int i = 0; i < properties.getOperators().size(); i++) {
      ServiceSecurityProperties.Operator o = properties.getOperators().get(i);
      if (o.getUsername().isBlank() || !o.getPasswordHash().startsWith("{")) {
        throw new IllegalStateException(
            "campaign.operators["
                + i
                + "]: a username and a password-hash with its encoder ({bcrypt}..., {argon2}...)"
                + " are required");
      }
      users.createUser(
          User.withUsername(o.getUsername())
              .password(o.getPasswordHash())
              .roles("OPERATOR")
              .build());
    }
    return users;
  }

  /** Each operator's zone, checked at start (a bad one stops the service naming the setting). */
  @Bean
  OperatorZones operatorZones(ServiceSecurityProperties properties, Clock clock) {
    return new OperatorZones(properties.getOperators(), clock.getZone());
  }

  @Bean
  LoginThrottle loginThrottle(ServiceSecurityProperties properties, Clock clock) {
    return new LoginThrottle(
        properties.getLogin().getMaxFailures(), properties.getLogin().getPeriod(), clock);
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimit(ServiceSecurityProperties properties) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(properties.getMaxBodyBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      ServiceSecurityProperties properties,
      LoginThrottle throttle,
      @Value("${campaign.web.base-path:/campaign}") String basePath,
      @Value("${campaign.web.tracking-path:${campaign.web.base-path:/campaign}}")
          String trackingPath)
      throws Exception {
    String base = withoutTrailingSlash(basePath);
    String tracking = withoutTrailingSlash(trackingPath);
    String inboundPath = base + "/inbound";
    RequestMatcher publicWebhooks =
        request -> {
          String path = request.getServletPath();
          return path.equals(inboundPath)
              || path.startsWith(base + "/webhooks/")
              || path.equals(tracking + "/u")
              || path.startsWith(tracking + "/o/")
              || path.startsWith(tracking + "/c/");
        };
    Predicate<HttpServletRequest> exempt = publicWebhooks::matches;
    RequestMatcher bearer =
        request -> request.getAttribute(BearerTokenFilter.AUTHENTICATED) != null;
    RequestMatcher api = request -> request.getServletPath().startsWith("/api/");
    RequestMatcher pageRead =
        request ->
            (request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))
                && !api.matches(request);

    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(publicWebhooks)
                    .permitAll()
                    .requestMatchers(
                        "/health",
                        "/health/live",
                        "/health/ready",
                        "/login",
                        "/error",
                        "/console.css")
                    .permitAll()
                    .anyRequest()
                    .hasAnyRole("OPERATOR", "API"))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .successHandler(
                        (request, response, authentication) -> {
                          throttle.succeeded(authentication.getName(), request.getRemoteAddr());
                          response.sendRedirect(request.getContextPath() + "/");
                        })
                    .failureHandler(
                        (request, response, exception) -> {
                          throttle.failed(
                              Objects.requireNonNullElse(request.getParameter("username"), ""),
                              request.getRemoteAddr());
                          response.sendRedirect(request.getContextPath() + "/login?error");
                        })
                    .permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .csrf(csrf -> csrf.ignoringRequestMatchers(publicWebhooks, bearer))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), pageRead)
                    .defaultAuthenticationEntryPointFor(
                        (request, response, exception) -> {
                          // RFC 9110: a 401 names the scheme it takes (the API token).
                          response.setHeader("WWW-Authenticate", "Bearer");
                          response.setStatus(HttpStatus.UNAUTHORIZED.value());
                        },
                        request -> true))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .frameOptions(frame -> frame.deny()))
        .addFilterBefore(
            new BearerTokenFilter(new BearerTokens(properties.getApiTokens()), exempt),
            CsrfFilter.class)
        .addFilterBefore(new OriginFilter(exempt), CsrfFilter.class)
        .addFilterBefore(
            new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }

  private static String withoutTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
