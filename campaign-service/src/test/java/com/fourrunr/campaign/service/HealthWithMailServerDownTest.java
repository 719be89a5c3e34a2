package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} tells the truth when the mail server goes away: the service on a real SMTP and
 * IMAP server (GreenMail), which is then stopped; one tick later {@code /health}, read over HTTP,
 * is DOWN with the reason, and after the server is back and one more tick it is UP again.
 */
class HealthWithMailServerDownTest {
  private static final Instant WEDNESDAY_NOON = Instant.parse("2026-03-04T12:00:00Z");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** Sockets holding the mail server's ports for the whole test (see {@link #heldPort()}). */
  private final java.util.List<java.net.Socket> held = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void releasePorts() throws Exception {
    for (java.net.Socket s : held) {
      s.close();
    }
  }

  /**
   * A loopback port bound once by a socket that never listens and kept until the test ends: no
   * other program's port-0 bind can take it while the mail server is stopped, and GreenMail's
   * listening socket (address reuse on) can bind it again when the server comes back.
   */
  private int heldPort() throws Exception {
    java.net.Socket s = new java.net.Socket();
    s.setReuseAddress(true);
    s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
    held.add(s);
    return s.getLocalPort();
  }

  private static GreenMail mailServer(int smtp, int imap) {
    GreenMail gm =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    gm.start();
    gm.setUser("hello@4runr.test", "hello", "mail-pass-7781");
    return gm;
  }

  private JsonNode health(CampaignService service) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(service.uri().resolve("health"))
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

  private static Path leads(Path dir, String name, int from, int count) throws Exception {
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
  void healthGoesDownWithinOneTickWhenTheMailServerStopsAndUpAgainWhenItIsBack(@TempDir Path dir)
      throws Exception {
    int smtp = heldPort();
    int imap = heldPort();
    GreenMail gm = mailServer(smtp, imap);
    SettableClock clock = new SettableClock(WEDNESDAY_NOON);
    CampaignSettings settings =
        CampaignSettings.load(
            Map.ofEntries(
                Map.entry("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test"),
                Map.entry("CAMPAIGN_SMTP_HOST", "127.0.0.1"),
                Map.entry("CAMPAIGN_SMTP_PORT", String.valueOf(smtp)),
                Map.entry("CAMPAIGN_SMTP_SECURITY", "NONE"),
                Map.entry("CAMPAIGN_SMTP_USERNAME", "hello"),
                Map.entry("CAMPAIGN_SMTP_PASSWORD", "mail-pass-7781"),
                Map.entry("CAMPAIGN_IMAP_HOST", "127.0.0.1"),
                Map.entry("CAMPAIGN_IMAP_PORT", String.valueOf(imap)),
                Map.entry("CAMPAIGN_IMAP_SECURITY", "NONE"),
                Map.entry("CAMPAIGN_SEND_WINDOW", "00:00-23:59"),
                Map.entry("CAMPAIGN_SEND_DAYS", "MON-SUN"),
                Map.entry("CAMPAIGN_SEND_JITTER", "false")),
            null);
    CampaignService service =
        CampaignService.builder()
            .settings(settings)
            .port(0)
            .dataDirectory(dir.resolve("data"))
            .tick(Duration.ofDays(1))
            .clock(clock)
            .build()
            .start();
    try {
      var first = service.engine().enrol(CsvLeadSource.of(leads(dir, "first.csv", 0, 3)));
      assertThat(first.enrolled()).as("%s", first).isEqualTo(3);
      service.runner().tick();
      assertThat(gm.getReceivedMessages()).as("%s", service.engine().queueStatus()).hasSize(3);
      JsonNode up = health(service);
      assertThat(up.get("status").asText()).isEqualTo("UP");

      gm.stop();
      assertThat(
              service.engine().enrol(CsvLeadSource.of(leads(dir, "second.csv", 10, 4))).enrolled())
          .isEqualTo(4);
      service.runner().tick(); // one tick: the sends and the IMAP poll fail

      JsonNode down = health(service);
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

      gm = mailServer(smtp, imap);
      clock.advance(Duration.ofHours(1)); // past the retry backoff
      service.runner().tick();

      JsonNode back = health(service);
      assertThat(back.get("status").asText()).as(back.toString()).isEqualTo("UP");
      assertThat(gm.getReceivedMessages()).hasSizeGreaterThanOrEqualTo(3);
    } finally {
      service.close();
      gm.stop();
    }
  }
}
