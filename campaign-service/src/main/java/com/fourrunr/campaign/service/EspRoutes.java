package com.fourrunr.campaign.service;

import com.fourrunr.campaign.esp.EspWebhook;
import com.fourrunr.campaign.esp.EspWebhookRequest;
import com.fourrunr.campaign.esp.EspWebhookResponse;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESP event webhooks ({@code POST /webhooks/ses}, {@code /webhooks/sendgrid}, {@code
 * /webhooks/mailgun}, {@code /webhooks/postmark}), each served only when configured; the work is
 * done by the adapter's handlers.
 */
final class EspRoutes {
  private static final Logger log = LoggerFactory.getLogger(EspRoutes.class);
  private static final String PREFIX = "/webhooks/";
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Map<String, EspWebhook> hooks;

  EspRoutes(CampaignService service) {
    this.hooks =
        service.options().settings().esp().webhooks(service.engine(), service.options().clock());
  }

  /** Whether the path is an enabled webhook. */
  boolean handles(String path) {
    return path.startsWith(PREFIX) && hooks.containsKey(path.substring(PREFIX.length()));
  }

  void handle(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
    EspWebhook hook = hooks.get(name);
    byte[] body = HttpExchanges.body(exchange, MAX_BODY_BYTES);
    if (hook == null || body == null) {
      HttpExchanges.text(
          exchange, hook == null ? 404 : 413, hook == null ? "not found\n" : "too large\n");
      return;
    }
    EspWebhookResponse response =
        hook.handle(new EspWebhookRequest(exchange.getRequestHeaders(), body));
    if (!response.accepted()) {
      log.warn("{} webhook refused: {} {}", name, response.status(), response.message());
    }
    if (response.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"webhooks\"");
    }
    HttpExchanges.send(
        exchange,
        response.status(),
        "application/json",
        response.json().getBytes(StandardCharsets.UTF_8));
  }
}
