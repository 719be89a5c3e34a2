package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Moved from campaign-core's RedactionTest with CampaignSettings; the assertions are unchanged. */
class SettingsRedactionTest {
  @Test
  void settingsRedactEveryConfiguredSecretAndThePasswordInsideTheJdbcUrl() {
    CampaignSettings s =
        CampaignSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS",
                "hello@4runr.example",
                "CAMPAIGN_SMTP_HOST",
                "smtp.example",
                "CAMPAIGN_SMTP_USERNAME",
                "hello",
                "CAMPAIGN_SMTP_PASSWORD",
                "smtp-secret-1",
                "CAMPAIGN_OPENAI_API_KEY",
                "sk-openai-secret",
                "CAMPAIGN_JDBC_URL",
                "jdbc:postgresql://user:s3cretpw@no-such-host.invalid/db"),
            null);
    String text =
        "auth smtp-secret-1 failed; key sk-openai-secret; host user:s3cretpw@no-such-host.invalid; s3cretpw";
    assertThat(s.redaction().apply(text))
        .doesNotContain("smtp-secret-1", "sk-openai-secret", "s3cretpw");
    assertThat(s.database().toString()).doesNotContain("s3cretpw");
  }
}
