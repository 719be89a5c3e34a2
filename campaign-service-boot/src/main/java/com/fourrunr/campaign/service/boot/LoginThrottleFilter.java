package com.fourrunr.campaign.service.boot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses a sign-in (429) for a user name and address with too many recent failures. */
final class LoginThrottleFilter extends OncePerRequestFilter {
  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getMethod().equals("POST")
        && request.getServletPath().equals("/login")
        && throttle.blocked(
            Objects.requireNonNullElse(request.getParameter("username"), ""),
            request.getRemoteAddr())) {
      response.setHeader("Retry-After", "900");
      response.sendError(429, "too many failed sign-ins; try again later");
      return;
    }
    chain.doFilter(request, response);
  }
}
