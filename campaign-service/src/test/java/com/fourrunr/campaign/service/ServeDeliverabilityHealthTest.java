package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthReport;
import java.time.Instant;
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
}
