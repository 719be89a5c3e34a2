package com.fourrunr.campaign.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.HtmlReport;
import com.fourrunr.campaign.analytics.StoreAnalytics;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.ops.HealthStatus;
import com.fourrunr.campaign.smtp.InboundWebhook;
import com.fourrunr.campaign.tracking.TrackingHandler;
import com.fourrunr.campaign.tracking.TrackingRequest;
import com.fourrunr.campaign.tracking.TrackingResponse;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the service's HTTP requests; every answer is built here or by the page and health classes.
 */
final class ServiceRoutes {
  private static final Logger log = LoggerFactory.getLogger(ServiceRoutes.class);
  private static final String REPLAY = "/dead-letters/replay";
  private static final int MAX_LEADS_BYTES = 20 * 1024 * 1024;

  private final CampaignService service;
  private final ObjectMapper json = new ObjectMapper();
  private final HealthMonitor health;
  private final @Nullable DeliverabilityChecks deliverability;
  private final ServiceMetrics metrics;
  private final StatusPage statusPage;
  private final InboundWebhook inbound;
  private final EspRoutes esp;
  private final RequestGuard guard;

  ServiceRoutes(CampaignService service) {
    this.service = service;
    this.health = service.health();
    this.deliverability = service.deliverability();
    this.metrics = new ServiceMetrics(service.metricsRegistry());
    this.statusPage = new StatusPage(service);
    this.inbound = InboundWebhook.create(service.engine(), service.options().clock());
    this.esp = new EspRoutes(service);
    this.guard =
        new RequestGuard(
            service.options().inboundSecret(),
            service.options().apiTokenSha256(),
            service.options().clock(),
            !BindAddresses.isLoopback(service.options().bindAddress()));
  }

  void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    try {
      if (!isPublic(path) && !guard.tokenAllowed(exchange)) {
        return;
      }
      if (path.equals("/") && isGet(method)) {
        Map<String, String> query = HttpExchanges.query(exchange.getRequestURI().getRawQuery());
        HttpExchanges.html(
            exchange, 200, statusPage.render(query.get("after"), query.get("notice")));
      } else if (path.equals("/health/live") && isGet(method)) {
        // Liveness for a container's health check: the process answers and so does the store.
        // Business states (a paused mailbox, dead letters) are readiness, on /health.
        ComponentHealth store = health.check().components().get("store");
        boolean live = store == null || store.status() != HealthStatus.DOWN;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", live ? "UP" : "DOWN");
        body.put("store", store == null ? "UP" : store.status().name());
        sendJson(exchange, live ? 200 : 503, body);
      } else if ((path.equals("/health") || path.equals("/health/ready")) && isGet(method)) {
        HealthReport report = DeliverabilityChecks.addTo(health.check(), deliverability);
        HttpExchanges.send(
            exchange,
            report.status() == HealthStatus.UP ? 200 : 503,
            "application/json",
            json.writerWithDefaultPrettyPrinter().writeValueAsBytes(ServeJson.health(report)));
      } else if (path.equals("/metrics") && isGet(method)) {
        HttpExchanges.send(
            exchange,
            200,
            "text/plain; version=0.0.4; charset=utf-8",
            metrics.scrape().getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/api/queue") && isGet(method)) {
        sendJson(exchange, 200, ServeJson.queue(service.engine().queueStatus()));
      } else if (path.equals("/api/campaigns") && isGet(method)) {
        Map<String, String> query = HttpExchanges.query(exchange.getRequestURI().getRawQuery());
        int limit = parseLimit(query.get("limit"));
        if (limit < 0) {
          sendJson(exchange, 400, Map.of("error", "limit: must be a number between 1 and 500"));
          return;
        }
        List<Campaign> page = service.store().listCampaigns(query.get("after"), limit);
        sendJson(exchange, 200, page.stream().map(ServeJson::campaign).toList());
      } else if (path.equals("/api/leads") && method.equals("POST")) {
        if (guard.writeAllowed(exchange)) {
          enrol(exchange);
        }
      } else if (path.equals("/api/airtable/enrol") && method.equals("POST")) {
        if (!guard.writeAllowed(exchange)) {
          return;
        }
        EnrolmentReport report = service.enrolFromAirtable();
        if (report == null) {
          sendJson(
              exchange,
              409,
              Map.of(
                  "error", "Airtable is not configured (CAMPAIGN_AIRTABLE_TOKEN, _BASE, _TABLE)"));
        } else {
          sendJson(exchange, 200, enrolmentJson(report));
        }
      } else if (path.equals(REPLAY) && method.equals("POST")) {
        replay(exchange);
      } else if (path.equals("/inbound") && method.equals("POST")) {
        byte[] body = HttpExchanges.body(exchange, InboundWebhook.DEFAULT_MAX_BYTES + 1);
        if (body == null) {
          sendJson(
              exchange,
              413,
              Map.of("error", "body: larger than " + InboundWebhook.DEFAULT_MAX_BYTES + " bytes"));
          return;
        }
        if (!guard.inboundAllowed(exchange, body)) {
          return;
        }
        InboundWebhook.Response response =
            inbound.handle(body, exchange.getRequestHeaders().getFirst("Content-Type"));
        HttpExchanges.send(
            exchange,
            response.status(),
            response.contentType(),
            response.body().getBytes(StandardCharsets.UTF_8));
      } else if (esp.handles(path) && method.equals("POST")) {
        esp.handle(exchange);
      } else if (path.equals("/report") && isGet(method)) {
        AnalyticsReport report =
            StoreAnalytics.build(
                service.store(), AnalyticsOptions.defaults(), service.options().clock());
        HttpExchanges.html(
            exchange,
            200,
            StatusPage.withDemoMailBanner(
                HtmlReport.render(
                    report,
                    "4Runr Campaigns - analytics",
                    service.options().settings().tracking().enabled()),
                service));
      } else if (service.trackingHandler() != null && isTrackingPath(path)) {
        track(exchange);
      } else if (knownPath(path) || esp.handles(path)) {
        exchange
            .getResponseHeaders()
            .set(
                "Allow",
                path.equals(REPLAY)
                        || path.equals("/inbound")
                        || path.equals("/api/leads")
                        || path.equals("/api/airtable/enrol")
                        || esp.handles(path)
                    ? "POST"
                    : "GET, HEAD");
        HttpExchanges.text(exchange, 405, "method not allowed\n");
      } else {
        HttpExchanges.text(exchange, 404, "not found\n");
      }
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, path, e);
      HttpExchanges.text(exchange, 500, "internal error\n");
    }
  }

  /**
   * Routes anyone may reach even beyond loopback: liveness, the signed webhooks and the signed
   * tracking and unsubscribe links.
   */
  private boolean isPublic(String path) {
    return path.equals("/health/live")
        || path.equals("/inbound")
        || esp.handles(path)
        || isTrackingPath(path);
  }

  private boolean isTrackingPath(String path) {
    String base = basePath();
    return path.startsWith(base + "/o/")
        || path.startsWith(base + "/c/")
        || path.equals(base + "/u");
  }

  private String basePath() {
    java.net.URI baseUrl = service.options().settings().tracking().baseUrl();
    String base = baseUrl == null || baseUrl.getPath() == null ? "" : baseUrl.getPath();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * Opens, clicks and the one-click unsubscribe: the library's framework-neutral handler does the
   * work.
   */
  private void track(HttpExchange exchange) throws IOException {
    TrackingHandler handler = java.util.Objects.requireNonNull(service.trackingHandler());
    byte[] body = HttpExchanges.body(exchange, TrackingRequest.MAX_BODY_BYTES);
    TrackingRequest request =
        TrackingRequest.of(exchange.getRequestMethod(), exchange.getRequestURI())
            .withHeaders(exchange.getRequestHeaders())
            .withRemoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
            .withBody(body == null ? new byte[0] : body);
    TrackingResponse response = handler.handle(request);
    response.headers().forEach(exchange.getResponseHeaders()::set);
    HttpExchanges.send(exchange, response.status(), response.body());
  }

  private void enrol(HttpExchange exchange) throws IOException {
    byte[] body = HttpExchanges.body(exchange, MAX_LEADS_BYTES);
    if (body == null) {
      sendJson(exchange, 413, Map.of("error", "body: larger than " + MAX_LEADS_BYTES + " bytes"));
      return;
    }
    try {
      // The raw bytes, so an invalid UTF-8 byte is an error for its row rather than silently
      // replaced.
      EnrolmentReport report =
          service
              .engine()
              .enrol(CsvLeadSource.ofBytes("request body", () -> new ByteArrayInputStream(body)));
      sendJson(exchange, 200, enrolmentJson(report));
    } catch (InvalidInputException e) {
      sendJson(exchange, 400, Map.of("error", e.getMessage()));
    }
  }

  private static Map<String, Object> enrolmentJson(EnrolmentReport report) {
    return EnrolmentJson.of(report);
  }

  private void replay(HttpExchange exchange) throws IOException {
    if (!guard.writeAllowed(exchange)) {
      return;
    }
    byte[] body = HttpExchanges.body(exchange, 4096);
    String messageId =
        body == null
            ? ""
            : HttpExchanges.query(new String(body, StandardCharsets.UTF_8))
                .getOrDefault("messageId", "");
    String notice;
    if (messageId.isBlank()) {
      HttpExchanges.text(exchange, 400, "messageId: is required (a form field)\n");
      return;
    }
    try {
      service.engine().replayDeadLetter(messageId);
      notice = "replayed " + messageId;
    } catch (InvalidInputException | IllegalStateException e) {
      notice = "cannot replay " + messageId + ": " + e.getMessage();
    }
    HttpExchanges.redirect(
        exchange, "/?notice=" + java.net.URLEncoder.encode(notice, StandardCharsets.UTF_8));
  }

  private static boolean isGet(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private static boolean knownPath(String path) {
    return path.equals("/")
        || path.equals("/health")
        || path.equals("/health/live")
        || path.equals("/health/ready")
        || path.equals("/metrics")
        || path.equals("/api/queue")
        || path.equals("/api/campaigns")
        || path.equals("/api/leads")
        || path.equals("/inbound")
        || path.equals("/report")
        || path.equals("/api/airtable/enrol")
        || path.equals(REPLAY);
  }

  private static int parseLimit(@Nullable String raw) {
    if (raw == null) {
      return 100;
    }
    try {
      int limit = Integer.parseInt(raw);
      return limit >= 1 && limit <= 500 ? limit : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void sendJson(HttpExchange exchange, int status, Object value) throws IOException {
    HttpExchanges.send(
        exchange,
        status,
        "application/json",
        json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
  }
}
