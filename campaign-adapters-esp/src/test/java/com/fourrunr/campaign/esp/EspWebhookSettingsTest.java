package com.fourrunr.campaign.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.SettingsReader;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EspWebhookSettingsTest {
  private final EngineFixture f = new EngineFixture();

  @Test
  void eachWebhookIsEnabledOnlyByItsSetting() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    String key = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());

    SettingsReader none = SettingsReader.load(Map.of(), null);
    SettingsReader all =
        SettingsReader.load(
            Map.of(
                "CAMPAIGN_ESP_SES_TOPIC_ARNS", "arn:aws:sns:eu-west-1:123456789012:bounces",
                "CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY", key,
                "CAMPAIGN_ESP_MAILGUN_SIGNING_KEY", "mg-key",
                "CAMPAIGN_ESP_POSTMARK_USER", "pm",
                "CAMPAIGN_ESP_POSTMARK_PASSWORD", "pm-pass",
                "CAMPAIGN_ESP_MAX_AGE", "10m"),
            null);

    assertThat(EspWebhookSettings.read(none).webhooks(f.engine, f.clock)).isEmpty();
    EspWebhookSettings settings = EspWebhookSettings.read(all);
    all.throwIfInvalid("test");
    assertThat(settings.webhooks(f.engine, f.clock))
        .containsOnlyKeys("ses", "sendgrid", "mailgun", "postmark");
    assertThat(settings.maxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.secrets()).hasSize(3);
  }

  @Test
  void badValuesAreNamedAndSecretsNotQuoted() {
    SettingsReader in =
        SettingsReader.load(
            Map.of(
                "CAMPAIGN_ESP_SES_TOPIC_ARNS", "not-an-arn",
                "CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY", "secret-garbage",
                "CAMPAIGN_ESP_POSTMARK_USER", "pm"),
            null);

    EspWebhookSettings.read(in);

    assertThatThrownBy(() -> in.throwIfInvalid("EspWebhookSettings"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "CAMPAIGN_ESP_SES_TOPIC_ARNS",
                        "CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY",
                        "CAMPAIGN_ESP_POSTMARK_PASSWORD"))
        .hasMessageNotContaining("secret-garbage");
  }
}
