package com.fourrunr.campaign.service;

import com.fourrunr.campaign.smtp.WebhookSignature;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The service's request checks: the inbound webhook's signature when a secret (or token hash) is
 * configured, and for state-changing browser routes an {@code Origin} equal to this server's own
 * unless the request carries the configured API bearer token. A service listening beyond loopback
 * ({@code exposed}) takes no Origin as proof: every route but the public ones needs the token.
 */
final class RequestGuard {
  private final @Nullable WebhookSignature inbound;
  private final byte @Nullable [] apiTokenSha256;
  private final boolean exposed;

  RequestGuard(@Nullable String inboundSecret, @Nullable String apiTokenSha256, Clock clock) {
    this(inboundSecret, apiTokenSha256, clock, false);
  }

  RequestGuard(
      @Nullable String inboundSecret,
      @Nullable String apiTokenSha256,
      Clock clock,
      boolean exposed) {
    this.exposed = exposed;
    String secret = blankToNull(inboundSecret);
    String token = blankToNull(apiTokenSha256);
    this.inbound =
        secret != null || token != null
            ? WebhookSignature.create(
                secret == null ? null : secret.getBytes(StandardCharsets.UTF_8), token, clock)
            : null;
    this.apiTokenSha256 = token == null ? null : HexFormat.of().parseHex(token);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** True when the webhook post may go on; otherwise a 401 has been sent. */
  boolean inboundAllowed(HttpExchange exchange, byte @Nullable [] body) throws IOException {
    WebhookSignature verifier = inbound;
    if (verifier == null) {
      return true;
    }
    WebhookSignature.Verdict verdict =
        verifier.verify(
            exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
            exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body);
    if (verdict.accepted()) {
      return true;
    }
    HttpExchanges.text(exchange, 401, verdict.reason() + "\n");
    return false;
  }

  /**
   * True when a request to a route that is not public may go on: always on loopback; beyond
   * loopback only with the API bearer token (otherwise a 401 has been sent).
   */
  boolean tokenAllowed(HttpExchange exchange) throws IOException {
    if (!exposed || bearerMatches(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    HttpExchanges.text(
        exchange,
        401,
        "Authorization: Bearer <CAMPAIGN_API_TOKEN> is required (this service listens beyond"
            + " loopback)\n");
    return false;
  }

  /**
   * True when a state-changing request may go on: it carries the API bearer token, or (on loopback
   * only) an Origin equal to this server's (a browser sends it on every POST); otherwise a 403 has
   * been sent.
   */
  boolean writeAllowed(HttpExchange exchange) throws IOException {
    if (bearerMatches(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    if (exposed) {
      HttpExchanges.text(
          exchange,
          403,
          "Authorization: Bearer <CAMPAIGN_API_TOKEN> is required (this service listens beyond"
              + " loopback)\n");
      return false;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && sameOrigin(origin, exchange.getRequestHeaders().getFirst("Host"))) {
      return true;
    }
    HttpExchanges.text(
        exchange,
        403,
        origin == null
            ? "Origin: is required (or Authorization: Bearer <CAMPAIGN_API_TOKEN>)\n"
            : "Origin: cross-origin posts are refused\n");
    return false;
  }

  private boolean bearerMatches(@Nullable String authorization) {
    byte[] expected = apiTokenSha256;
    if (expected == null
        || authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given =
        HexFormat.of().parseHex(WebhookSignature.sha256Hex(authorization.substring(7).trim()));
    return MessageDigest.isEqual(expected, given);
  }

  private static boolean sameOrigin(String origin, @Nullable String host) {
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return false;
      }
      String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(originHost);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
