package com.fourrunr.campaign.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void jdbcUrlsLoseTheirPasswordInEveryForm() {
    assertThat(Redaction.jdbcUrl("jdbc:postgresql://user:s3cretpw@no-such-host.invalid/db"))
        .isEqualTo("jdbc:postgresql://user:****@no-such-host.invalid/db");
    assertThat(Redaction.jdbcUrl("jdbc:postgresql://db:5432/campaign?user=app&password=s3cretpw&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/campaign?user=app&password=****&ssl=true");
    assertThat(Redaction.jdbcUrl("jdbc:h2:file:./data;USER=sa;PASSWORD=s3cretpw;WRITE_DELAY=0"))
        .isEqualTo("jdbc:h2:file:./data;USER=sa;PASSWORD=****;WRITE_DELAY=0");
    assertThat(Redaction.jdbcUrl("jdbc:postgresql://db:5432/campaign")).isEqualTo("jdbc:postgresql://db:5432/campaign");
  }

  @Test
  void configuredSecretsAreReplacedWhereverTheyAppear() {
    Redaction r = Redaction.of(List.of(Secret.of("sk-test-ABCDEF123456"), Secret.of("pw")));
    assertThat(r.apply("401: Incorrect API key provided: sk-test-ABCDEF123456. See https://x"))
        .isEqualTo("401: Incorrect API key provided: ****. See https://x");
    // Too short to search for: would match ordinary words.
    assertThat(r.apply("pwd is fine")).isEqualTo("pwd is fine");
    assertThat(r.apply(null)).isNull();
  }

  @Test
  void settingsRedactEveryConfiguredSecretAndThePasswordInsideTheJdbcUrl() {
    CampaignSettings s = CampaignSettings.load(Map.of(
        "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.example", "CAMPAIGN_SMTP_HOST", "smtp.example",
        "CAMPAIGN_SMTP_USERNAME", "hello", "CAMPAIGN_SMTP_PASSWORD", "smtp-secret-1",
        "CAMPAIGN_OPENAI_API_KEY", "sk-openai-secret",
        "CAMPAIGN_JDBC_URL", "jdbc:postgresql://user:s3cretpw@no-such-host.invalid/db"), null);
    String text = "auth smtp-secret-1 failed; key sk-openai-secret; host user:s3cretpw@no-such-host.invalid; s3cretpw";
    assertThat(s.redaction().apply(text)).doesNotContain("smtp-secret-1", "sk-openai-secret", "s3cretpw");
    assertThat(s.database().toString()).doesNotContain("s3cretpw");
  }
}
