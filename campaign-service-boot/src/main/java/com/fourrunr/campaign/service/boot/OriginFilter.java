package com.fourrunr.campaign.service.boot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A state-changing request (POST, PUT, PATCH, DELETE) made with the session must carry an {@code
 * Origin} equal to this service's own (as the browser sees it, behind a proxy too); a foreign or
 * missing one is refused with 403. Requests with a valid bearer token and the public routes
 * (tracking, unsubscribe, the signed webhook) are not browser sessions and are not checked.
 */
final class OriginFilter extends OncePerRequestFilter {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final Predicate<HttpServletRequest> exempt;

  OriginFilter(Predicate<HttpServletRequest> exempt) {
    this.exempt = exempt;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (SAFE.contains(request.getMethod())
        || request.getAttribute(BearerTokenFilter.AUTHENTICATED) != null
        || exempt.test(request)) {
      chain.doFilter(request, response);
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin == null || !origin.toLowerCase(Locale.ROOT).equals(ownOrigin(request))) {
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN,
          origin == null ? "Origin: is required" : "Origin: is not this service's");
      return;
    }
    chain.doFilter(request, response);
  }

  static String ownOrigin(HttpServletRequest request) {
    String scheme = request.getScheme().toLowerCase(Locale.ROOT);
    int port = request.getServerPort();
    boolean defaultPort =
        (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + request.getServerName().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }
}
