package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.dns.StaticDnsResolver;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service checks its mailbox's domain at start with the resolver it was given (records fed to
 * it: no network): the findings are warnings in {@code /health}, which stays UP; mail from a
 * mailbox with {@code CAMPAIGN_DKIM_*} settings goes out DKIM-signed.
 */
class StartPreflightTest {
  private static final Instant WEDNESDAY_NOON = Instant.parse("2026-03-04T12:00:00Z");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private JsonNode health(CampaignService service) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(service.uri().resolve("health"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  @Test
  void dnsProblemsAreWarningsInHealthAndMailIsSigned(@TempDir Path dir) throws Exception {
    int smtp = freePort();
    GreenMail gm = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    gm.start();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    var keys = g.generateKeyPair();
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----";
    CampaignSettings settings =
        CampaignSettings.load(
            Map.ofEntries(
                Map.entry("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test"),
                Map.entry("CAMPAIGN_SMTP_HOST", "127.0.0.1"),
                Map.entry("CAMPAIGN_SMTP_PORT", String.valueOf(smtp)),
                Map.entry("CAMPAIGN_SMTP_SECURITY", "NONE"),
                Map.entry("CAMPAIGN_DKIM_SELECTOR", "s1"),
                Map.entry("CAMPAIGN_DKIM_PRIVATE_KEY", pem),
                Map.entry("CAMPAIGN_SEND_WINDOW", "00:00-23:59"),
                Map.entry("CAMPAIGN_SEND_DAYS", "MON-SUN"),
                Map.entry("CAMPAIGN_SEND_JITTER", "false")),
            null);
    assertThat(settings.mailboxes().get(0).dkim()).isNotNull();
    assertThat(settings.toString()).doesNotContain(pem.substring(40, 80));
    StaticDnsResolver dns =
        StaticDnsResolver.builder()
            .txt("4runr.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("s1._domainkey.4runr.test", "v=DKIM1; k=rsa; p=MIIBIjANBgkqOTHERKEY")
            .mx("4runr.test", 10, "mx.4runr.test")
            .build();
    CampaignService service =
        CampaignService.builder()
            .settings(settings)
            .port(0)
            .dataDirectory(dir.resolve("data"))
            .tick(Duration.ofDays(1))
            .clock(new SettableClock(WEDNESDAY_NOON))
            .preflight(dns)
            .build()
            .start();
    try {
      DeliverabilityChecks checks = service.deliverability();
      assertThat(checks).isNotNull();
      assertThat(checks.await(Duration.ofSeconds(20))).isTrue();
      JsonNode component = health(service).get("components").get("deliverability");
      assertThat(component.get("status").asText()).isEqualTo("UP");
      assertThat(component.get("detail").asText())
          .contains("4runr.test dkim FAIL")
          .contains("4runr.test dmarc FAIL")
          .doesNotContain("spf FAIL");
      assertThat(component.get("data").get("4runr.test dkim").asText())
          .startsWith("FAIL: the key at s1._domainkey.4runr.test does not match");

      Path leads = dir.resolve("leads.csv");
      Files.writeString(
          leads,
          "id,email,first_name,company,company_description,top_services,email_confidence\n"
              + "L-1,grace@navy.example,Grace,Navy Labs,Navy Labs writes compilers.,Compilers,Real\n");
      service.engine().enrol(CsvLeadSource.of(leads));
      service.engine().runDue();
      assertThat(gm.getReceivedMessages()).hasSize(1);
      assertThat(GreenMailUtil.getWholeMessage(gm.getReceivedMessages()[0]))
          .contains("DKIM-Signature: v=1; a=rsa-sha256;")
          .contains("d=4runr.test")
          .contains("s=s1");
    } finally {
      service.close();
      gm.stop();
    }
  }
}
