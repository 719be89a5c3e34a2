package com.fourrunr.campaign.service.boot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on any route but the public webhooks: a known token
 * authenticates the request (no session, no CSRF token needed: a bearer token is never sent by a
 * browser on its own); an unknown one is answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  /** Set on a request authenticated by a bearer token. */
  static final String AUTHENTICATED = BearerTokenFilter.class.getName() + ".authenticated";

  private final BearerTokens tokens;
  private final Predicate<HttpServletRequest> exempt;

  /**
   * @param exempt the public routes with their own authentication (the signed webhooks, whose
   *     bearer token is checked by the webhook itself), left alone
   */
  BearerTokenFilter(BearerTokens tokens, Predicate<HttpServletRequest> exempt) {
    this.tokens = tokens;
    this.exempt = exempt;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String authorization = request.getHeader("Authorization");
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || exempt.test(request)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> name = tokens.match(authorization.substring(7).trim());
    if (name.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "the bearer token is not valid");
      return;
    }
    request.setAttribute(AUTHENTICATED, true);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "token:" + name.get(), null, List.of(new SimpleGrantedAuthority("ROLE_API"))));
    chain.doFilter(request, response);
  }
}
