package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-rolled service's request checks over HTTP: with {@code CAMPAIGN_INBOUND_SECRET} the
 * inbound webhook takes only signed, fresh, first-time posts; the state-changing routes refuse a
 * foreign or missing Origin unless the API bearer token is given.
 */
class ServeSecurityTest {
  static final String SECRET = "inbound-secret-0123456789abcdef0123456789";
  static final String TOKEN = "serve-api-token-0123456789";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String MAIL =
      "From: Mallory <mallory@evil.example>\r\nTo: hello@4runr.test\r\n"
          + "Subject: Re: hello\r\nMessage-ID: <m1@evil.example>\r\n\r\nPlease unsubscribe me\r\n";

  @TempDir Path dir;
  CampaignService service;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @BeforeEach
  void start() {
    CampaignSettings settings =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test", "CAMPAIGN_SMTP_HOST", "127.0.0.1"),
            null);
    service =
        CampaignService.builder()
            .settings(settings)
            .port(0)
            .dataDirectory(dir.resolve("data"))
            .tick(Duration.ofDays(1))
            .clock(new SettableClock(NOW))
            .inboundSecret(SECRET)
            .apiTokenSha256(WebhookSignature.sha256Hex(TOKEN))
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  HttpResponse<String> post(String path, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(service.uri().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String origin() {
    String uri = service.uri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  int storedReplies() {
    return service.store().findEventsByType(EventType.REPLY_RECEIVED, null, 100).size();
  }

  @Test
  void theWebhookRefusesUnsignedTamperedStaleAndReplayedPostsAndStoresNothing() throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    String now = String.valueOf(NOW.getEpochSecond());
    String stale = String.valueOf(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
    String signature = WebhookSignature.sign(key, now, MAIL.getBytes(StandardCharsets.UTF_8));
    String ts = WebhookSignature.TIMESTAMP_HEADER;
    String sig = WebhookSignature.SIGNATURE_HEADER;

    assertThat(post("inbound", "text/plain", MAIL).statusCode()).as("unsigned").isEqualTo(401);
    assertThat(
            post("inbound", "text/plain", MAIL.replace("hello", "hi"), ts, now, sig, signature)
                .statusCode())
        .as("tampered")
        .isEqualTo(401);
    String staleSignature =
        WebhookSignature.sign(key, stale, MAIL.getBytes(StandardCharsets.UTF_8));
    assertThat(post("inbound", "text/plain", MAIL, ts, stale, sig, staleSignature).statusCode())
        .as("stale")
        .isEqualTo(401);
    assertThat(post("inbound", "text/plain", MAIL, "Authorization", "Bearer wrong").statusCode())
        .as("wrong token")
        .isEqualTo(401);
    assertThat(storedReplies()).as("nothing stored").isZero();
    assertThat(service.store().isSuppressed("mallory@evil.example")).isFalse();

    HttpResponse<String> first = post("inbound", "text/plain", MAIL, ts, now, sig, signature);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(storedReplies()).isEqualTo(1);
    HttpResponse<String> replay = post("inbound", "text/plain", MAIL, ts, now, sig, signature);
    assertThat(replay.statusCode()).as("replayed").isEqualTo(401);
    assertThat(replay.body()).contains("replay");
    assertThat(storedReplies()).isEqualTo(1);
  }

  @Test
  void stateChangingRoutesRefuseAForeignOrMissingOriginUnlessTheBearerTokenIsGiven()
      throws Exception {
    String form = "application/x-www-form-urlencoded";
    Map<String, String[]> routes =
        Map.of(
            "api/leads", new String[] {"text/csv", "id,email\n"},
            "api/airtable/enrol", new String[] {"application/json", ""},
            "dead-letters/replay", new String[] {form, "messageId=m-1"});
    for (Map.Entry<String, String[]> route : routes.entrySet()) {
      String path = route.getKey();
      String type = route.getValue()[0];
      String body = route.getValue()[1];
      assertThat(post(path, type, body).statusCode()).as("%s with no Origin", path).isEqualTo(403);
      assertThat(post(path, type, body, "Origin", "https://evil.example").statusCode())
          .as("%s from a foreign origin", path)
          .isEqualTo(403);
      assertThat(post(path, type, body, "Origin", "null").statusCode())
          .as("%s from an opaque origin", path)
          .isEqualTo(403);
      assertThat(post(path, type, body, "Authorization", "Bearer wrong").statusCode())
          .as("%s with a wrong token", path)
          .isEqualTo(403);
      assertThat(post(path, type, body, "Origin", origin()).statusCode())
          .as("%s from this origin", path)
          .isNotEqualTo(403);
      assertThat(post(path, type, body, "Authorization", "Bearer " + TOKEN).statusCode())
          .as("%s with the API token", path)
          .isNotEqualTo(403);
    }
  }

  @Test
  void aFiftyMegabyteInboundBodyGets413() throws Exception {
    long length = 50L * 1024 * 1024;
    try (Socket socket = new Socket("127.0.0.1", service.uri().getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /inbound HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                  + "Content-Length: "
                  + length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                  for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk);
                  }
                } catch (IOException expected) {
                  // the server answered and closed the connection
                }
              });
      writer.setDaemon(true);
      writer.start();
      assertThat(readLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
  }

  static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
