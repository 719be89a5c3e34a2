package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code CAMPAIGN_DKIM_*} settings of a mailbox: off by default, on with a selector. */
class DkimSettingsTest {
  private static final String PEM = DkimSigningTest.pem(DkimSigningTest.RSA);

  @Test
  void offByDefault() {
    var m = MailboxSettings.load(Map.of("CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test"), null);
    assertThat(m.get(0).dkim()).isNull();
    assertThat(MailboxSettings.dkimKeys(m)).isEmpty();
  }

  @Test
  void aSelectorAndAKeyTurnItOnForTheAddressDomain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dkim.pem");
    Files.writeString(file, PEM);
    var m =
        MailboxSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
                "CAMPAIGN_DKIM_SELECTOR", "s1",
                "CAMPAIGN_DKIM_PRIVATE_KEY", PEM.replace("\n", "\\n"),
                "CAMPAIGN_MAILBOX_ADDRESS_2", "sales@mail.4runr.test",
                "CAMPAIGN_DKIM_SELECTOR_2", "s2",
                "CAMPAIGN_DKIM_DOMAIN_2", "4runr.test",
                "CAMPAIGN_DKIM_PRIVATE_KEY_FILE_2", file.toString()),
            null);
    assertThat(m.get(0).dkim().domain()).isEqualTo("4runr.test");
    assertThat(m.get(0).dkim().selector()).isEqualTo("s1");
    assertThat(m.get(1).dkim().selector()).isEqualTo("s2");
    assertThat(MailboxSettings.dkimKeys(m)).hasSize(1); // one key per domain: the first
    assertThat(m.get(0).toString()).doesNotContain(PEM.substring(40, 100));
  }

  @Test
  void aBadOrMissingKeyIsAnErrorNamingTheSettingWithoutTheKey() {
    String secret = "c2VjcmV0LWtleS1tYXRlcmlhbA";
    assertThatThrownBy(
            () ->
                MailboxSettings.load(
                    Map.of(
                        "CAMPAIGN_MAILBOX_ADDRESS", "hello@4runr.test",
                        "CAMPAIGN_DKIM_SELECTOR", "s1",
                        "CAMPAIGN_DKIM_PRIVATE_KEY",
                            "-----BEGIN PRIVATE KEY-----\\n"
                                + secret
                                + "\\n-----END PRIVATE KEY-----",
                        "CAMPAIGN_MAILBOX_ADDRESS_2", "sales@4runr.test",
                        "CAMPAIGN_DKIM_SELECTOR_2", "s2",
                        "CAMPAIGN_MAILBOX_ADDRESS_3", "ops@4runr.test",
                        "CAMPAIGN_DKIM_PRIVATE_KEY_FILE_3", "/nowhere/dkim.pem"),
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining(secret)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrderElementsOf(
                        List.of(
                            "CAMPAIGN_DKIM_PRIVATE_KEY",
                            "CAMPAIGN_DKIM_PRIVATE_KEY_2",
                            "CAMPAIGN_DKIM_SELECTOR_3")));
  }
}
