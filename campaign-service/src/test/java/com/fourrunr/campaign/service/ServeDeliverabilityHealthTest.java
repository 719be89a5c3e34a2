package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.dns.StaticDnsResolver;
import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthReport;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The {@code deliverability} component {@code campaign serve}'s {@code /health} carries: added when
 * a mailbox sends through an SMTP server off this machine, left out for a local one, and never
 * changing the report's status.
 */
class ServeDeliverabilityHealthTest {
  private static final HealthReport STORE_UP =
      HealthReport.of(
          Instant.parse("2026-12-05T12:00:00Z"),
          Map.of("store", ComponentHealth.up("ok", Map.of())));

  @Test
  void aMailboxSendingOffThisMachineAddsTheDeliverabilityComponent() {
    CampaignSettings settings =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.example",
                "CAMPAIGN_SMTP_HOST", "smtp.4runr.example"),
            null);

    HealthReport report = ServeHosting.deliverabilityHealth(settings).apply(STORE_UP);

    assertThat(report.components()).containsKeys("store", "deliverability");
    assertThat(report.status()).isEqualTo(STORE_UP.status());
  }

  @Test
  void aLocalSmtpServerAddsNothing() {
    CampaignSettings settings =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.example",
                "CAMPAIGN_SMTP_HOST", "127.0.0.1"),
            null);

    UnaryOperator<HealthReport> add = ServeHosting.deliverabilityHealth(settings);

    assertThat(add.apply(STORE_UP)).isSameAs(STORE_UP);
  }

  /**
   * The findings of the checks, made with a resolver fed the domain's records (no network), are
   * warnings in the JSON of {@code /health}, which stays UP; the DKIM key stays out of the
   * settings' text. (StartPreflightTest's checks of the old standalone service; that a mailbox with
   * {@code dkim.*} settings sends signed mail is DkimSendingTest in the starter, and the {@code
   * CAMPAIGN_DKIM_*} names map to those settings in ServeSettings.)
   */
  @Test
  void dnsProblemsAreWarningsInTheHealthJson() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    var keys = g.generateKeyPair();
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----";
    CampaignSettings settings =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
                "CAMPAIGN_SMTP_HOST", "127.0.0.1",
                "CAMPAIGN_SMTP_PORT", "2525",
                "CAMPAIGN_SMTP_SECURITY", "NONE",
                "CAMPAIGN_DKIM_SELECTOR", "s1",
                "CAMPAIGN_DKIM_PRIVATE_KEY", pem),
            null);
    assertThat(settings.mailboxes().get(0).dkim()).isNotNull();
    assertThat(settings.toString()).doesNotContain(pem.substring(40, 80));
    StaticDnsResolver dns =
        StaticDnsResolver.builder()
            .txt("4runr.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .txt("s1._domainkey.4runr.test", "v=DKIM1; k=rsa; p=MIIBIjANBgkqOTHERKEY")
            .mx("4runr.test", 10, "mx.4runr.test")
            .build();

    DeliverabilityChecks checks = DeliverabilityChecks.start(dns, settings.mailboxes());
    assertThat(checks.await(Duration.ofSeconds(20))).isTrue();
    HealthReport report = DeliverabilityChecks.addTo(STORE_UP, checks);
    Map<String, Object> json = ServeJson.health(report);

    assertThat(json).containsEntry("status", "UP");
    @SuppressWarnings("unchecked")
    Map<String, Object> component =
        (Map<String, Object>) ((Map<String, Object>) json.get("components")).get("deliverability");
    assertThat(component).containsEntry("status", "UP");
    assertThat((String) component.get("detail"))
        .contains("4runr.test dkim FAIL")
        .contains("4runr.test dmarc FAIL")
        .doesNotContain("spf FAIL");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) component.get("data");
    assertThat((String) data.get("4runr.test dkim"))
        .startsWith("FAIL: the key at s1._domainkey.4runr.test does not match");
  }
}
