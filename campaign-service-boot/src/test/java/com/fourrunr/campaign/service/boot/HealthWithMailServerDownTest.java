package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignRunner;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.smtp.WebhookSignature;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /health} of {@code campaign serve} (the Spring Boot service) tells the truth when the mail
 * server goes away: the service on a real SMTP and IMAP server (GreenMail), which is then stopped;
 * one round later {@code /health}, read over HTTP with the API token, is DOWN with the reason, and
 * after the server is back and one more round it is UP again. (Ported from the old standalone
 * service's test of the same name.)
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, HealthWithMailServerDownTest.TestClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthWithMailServerDownTest {
  static final Instant WEDNESDAY_NOON = Instant.parse("2026-03-04T12:00:00Z");
  static final String TOKEN = "serve-api-token-0123456789";

  /**
   * Sockets holding the mail server's ports for the whole class: bound once, never listening, so no
   * other program's port-0 bind takes a port while the mail server is stopped, and GreenMail's
   * listening socket (address reuse on) binds it again when the server comes back.
   */
  static final List<Socket> HELD = new ArrayList<>();

  static final int SMTP = heldPort();
  static final int IMAP = heldPort();

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock clock() {
      return new SettableClock(WEDNESDAY_NOON);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServeProperties.register(
        registry,
        Map.ofEntries(
            Map.entry("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test"),
            Map.entry("CAMPAIGN_SMTP_HOST", "127.0.0.1"),
            Map.entry("CAMPAIGN_SMTP_PORT", String.valueOf(SMTP)),
            Map.entry("CAMPAIGN_SMTP_SECURITY", "NONE"),
            Map.entry("CAMPAIGN_SMTP_USERNAME", "hello"),
            Map.entry("CAMPAIGN_SMTP_PASSWORD", "mail-pass-7781"),
            Map.entry("CAMPAIGN_IMAP_HOST", "127.0.0.1"),
            Map.entry("CAMPAIGN_IMAP_PORT", String.valueOf(IMAP)),
            Map.entry("CAMPAIGN_IMAP_SECURITY", "NONE"),
            Map.entry("CAMPAIGN_SEND_WINDOW", "00:00-23:59"),
            Map.entry("CAMPAIGN_SEND_DAYS", "MON-SUN"),
            Map.entry("CAMPAIGN_SEND_JITTER", "false"),
            Map.entry("CAMPAIGN_API_TOKEN_SHA256", WebhookSignature.sha256Hex(TOKEN))));
  }

  @LocalServerPort int port;
  @Autowired CampaignEngine engine;
  @Autowired Clock clock;
  @TempDir Path dir;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();

  static int heldPort() {
    try {
      Socket s = new Socket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      HELD.add(s);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void releasePorts() throws IOException {
    for (Socket s : HELD) {
      s.close();
    }
  }

  static GreenMail mailServer() {
    GreenMail gm =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(IMAP, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    gm.start();
    gm.setUser("hello@4runr.test", "hello", "mail-pass-7781");
    return gm;
  }

  JsonNode health() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = json.readTree(r.body());
    assertThat(r.statusCode())
        .as(r.body())
        .isEqualTo(body.get("status").asText().equals("DOWN") ? 503 : 200);
    return body;
  }

  static Path leads(Path dir, String name, int from, int count) throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "id,email,first_name,company,company_description,top_services,email_confidence\n");
    for (int i = from; i < from + count; i++) {
      csv.append("L-")
          .append(i)
          .append(",grace")
          .append(i)
          .append("@navy")
          .append(i)
          .append(".com,Grace,Navy Labs ")
          .append(i)
          .append(",Navy Labs writes compilers for the fleet.,Compilers,Real\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void healthGoesDownWithinOneTickWhenTheMailServerStopsAndUpAgainWhenItIsBack() throws Exception {
    GreenMail gm = mailServer();
    // A round as the service's runner does it: send what is due, then read replies.
    CampaignRunner runner = CampaignRunner.create(engine, Duration.ofDays(1), true);
    try {
      var first = engine.enrol(CsvLeadSource.of(leads(dir, "first.csv", 0, 3)));
      assertThat(first.enrolled()).as("%s", first).isEqualTo(3);
      runner.tick();
      // The count on the mail server, without its message type (a test-only mail API here).
      assertThat(engine.queueStatus().counts().sent()).as("%s", engine.queueStatus()).isEqualTo(3);
      assertThat(gm.waitForIncomingEmail(5_000, 3)).as("3 messages at the mail server").isTrue();
      JsonNode up = health();
      assertThat(up.get("status").asText()).as(up.toString()).isEqualTo("UP");

      gm.stop();
      assertThat(engine.enrol(CsvLeadSource.of(leads(dir, "second.csv", 10, 4))).enrolled())
          .isEqualTo(4);
      runner.tick(); // one round: the sends and the IMAP poll fail

      JsonNode down = health();
      assertThat(down.get("status").asText()).isEqualTo("DOWN");
      JsonNode mailbox = down.get("components").get("mailbox:hello@4runr.test");
      assertThat(mailbox.get("status").asText()).isEqualTo("DOWN");
      assertThat(mailbox.get("detail").asText())
          .containsPattern("the last [34] send attempts failed")
          .contains("connection refused")
          .contains("last success 2026-03-04T12:00:00Z");
      JsonNode intake = down.get("components").get("replyIntake");
      assertThat(intake.get("status").asText()).isEqualTo("DEGRADED");
      assertThat(intake.get("detail").asText())
          .contains("polls failed")
          .contains("last success: 2026-03-04T12:00:00Z");
      assertThat(down.toString()).doesNotContain("mail-pass-7781");

      gm = mailServer();
      ((SettableClock) clock).advance(Duration.ofHours(1)); // past the retry backoff
      runner.tick();

      JsonNode back = health();
      assertThat(back.get("status").asText()).as(back.toString()).isEqualTo("UP");
      assertThat(gm.waitForIncomingEmail(5_000, 3))
          .as("at least 3 messages at the server")
          .isTrue();
    } finally {
      gm.stop();
    }
  }
}
