package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.tracking.LinkTracker;
import com.fourrunr.campaign.tracking.TrackingHandler;
import com.fourrunr.campaign.tracking.TrackingRequest;
import com.fourrunr.campaign.tracking.TrackingResponse;
import com.fourrunr.campaign.tracking.TrackingTokens;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers wired to the JDK's own HTTP server exactly as {@code docs/tracking.md} shows, called
 * over real HTTP on the loopback interface: a click redirects, the pixel is a GIF, a one-click POST
 * unsubscribes.
 */
class JdkHttpServerTrackingTest {
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private final SettableClock clock = new SettableClock(NOW);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final UnsubscribeTokens unsubscribeTokens =
      UnsubscribeTokens.withKey(
          "unsubscribe-key-0123456789-0123456789".getBytes(StandardCharsets.UTF_8));
  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private HttpServer server;
  private String base;
  private CampaignEngine engine;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/t";
    LinkTracker tracker =
        LinkTracker.builder(
                base,
                TrackingTokens.withKey(
                    "tracking-key-0123456789-0123456789-abc".getBytes(StandardCharsets.UTF_8)))
            .build();
    engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.test", "4Runr"))
            .linkTracking(tracker)
            .build();
    TrackingHandler handler =
        TrackingHandler.builder(engine, tracker).unsubscribeTokens(unsubscribeTokens).build();

    // As in docs/tracking.md:
    server.createContext(
        "/t/",
        exchange -> {
          try (exchange) {
            TrackingRequest request =
                TrackingRequest.of(exchange.getRequestMethod(), exchange.getRequestURI())
                    .withHeaders(exchange.getRequestHeaders())
                    .withRemoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .withBody(exchange.getRequestBody().readNBytes(TrackingRequest.MAX_BODY_BYTES));
            TrackingResponse response = handler.handle(request);
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();

    Lead ada = Lead.builder("L-1", "ada@example.com").firstName("Ada").build();
    store.commit(
        StoreChanges.builder()
            .lead(ada)
            .campaign(Campaign.start("C-1", "L-1", engine.config(), NOW))
            .message(
                CampaignMessage.pending(
                        "M-1",
                        "C-1",
                        "L-1",
                        0,
                        MessageType.HOOK,
                        "Hi",
                        "See https://4runr.test/case-study",
                        "<p><a href=\"https://4runr.test/case-study\">case</a></p>")
                    .withScheduled(NOW))
            .build());
    engine.runDue();
    clock.advance(Duration.ofHours(1));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group();
  }

  @Test
  void aClickOverHttpRedirectsAndThePixelIsAGif() throws Exception {
    String html = sender.sent().get(0).htmlBody();
    String click = first(Pattern.compile(Pattern.quote(base) + "/c/[A-Za-z0-9_.-]+"), html);
    String pixel = first(Pattern.compile(Pattern.quote(base) + "/o/[A-Za-z0-9_.-]+\\.gif"), html);

    HttpResponse<Void> redirect =
        client.send(
            HttpRequest.newBuilder(URI.create(click))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
                .build(),
            HttpResponse.BodyHandlers.discarding());
    HttpResponse<byte[]> gif =
        client.send(
            HttpRequest.newBuilder(URI.create(pixel)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> missing =
        client.send(
            HttpRequest.newBuilder(URI.create(click + "x")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).contains("https://4runr.test/case-study");
    assertThat(gif.statusCode()).isEqualTo(200);
    assertThat(gif.headers().firstValue("Content-Type")).contains("image/gif");
    assertThat(gif.body()).hasSize(43);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(store.findEventsByType(EventType.LINK_CLICKED, null, 10)).hasSize(1);
    // The JDK's client sends a user agent, so this open is no "no-user-agent" machine open.
    assertThat(store.findEventsByType(EventType.MESSAGE_OPENED, null, 10)).hasSize(1);
  }

  @Test
  void aOneClickPostOverHttpUnsubscribes() throws Exception {
    URI url = URI.create(base + "/u?t=" + unsubscribeTokens.issue("ada@example.com", "C-1"));

    HttpResponse<String> page =
        client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(store.isSuppressed("ada@example.com")).isFalse();

    HttpResponse<String> posted =
        client.send(
            HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(store.isSuppressed("ada@example.com")).isTrue();
  }
}
