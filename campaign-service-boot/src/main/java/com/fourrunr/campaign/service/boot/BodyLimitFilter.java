package com.fourrunr.campaign.service.boot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose declared {@code Content-Length} is over the limit is answered 413 before any of
 * it is read, and the connection is closed (the rest is not swallowed).
 */
final class BodyLimitFilter extends OncePerRequestFilter {
  private final long maxBytes;

  BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setHeader("Connection", "close");
      response.setStatus(413);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("body: larger than " + maxBytes + " bytes\n");
      response.flushBuffer();
      return;
    }
    chain.doFilter(request, response);
  }
}
