package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailboxSettingsTest {
  @Test
  void readsItsOwnKeysAndBuildsTheAdapterConfigs() {
    var mailboxes =
        MailboxSettings.load(
            Map.of(
                "CAMPAIGN_MAILBOX_ADDRESS",
                "hello@4runr.test",
                "CAMPAIGN_SMTP_HOST",
                "smtp.4runr.test",
                "CAMPAIGN_SMTP_PASSWORD",
                "smtp-pa55word",
                "CAMPAIGN_IMAP_HOST",
                "imap.4runr.test",
                "CAMPAIGN_IMAP_FOLDER",
                "Replies",
                "CAMPAIGN_MAILBOX_ADDRESS_2",
                "sales@4runr.test",
                "CAMPAIGN_SMTP_HOST_2",
                "smtp2.4runr.test",
                "CAMPAIGN_SMTP_SECURITY_2",
                "tls",
                "CAMPAIGN_OPENAI_API_KEY",
                "not this module's"),
            null);

    assertThat(mailboxes).hasSize(2);
    SmtpConfig smtp = mailboxes.get(0).smtpConfig();
    assertThat(smtp.host()).isEqualTo("smtp.4runr.test");
    assertThat(smtp.port()).isEqualTo(587);
    assertThat(smtp.security()).isEqualTo(SmtpConfig.Security.STARTTLS);
    assertThat(smtp.username())
        .as("the address is the login when only a password is given")
        .isEqualTo("hello@4runr.test");
    ImapConfig imap = mailboxes.get(0).imapConfig();
    assertThat(imap.port()).isEqualTo(993);
    assertThat(imap.folders()).containsExactly("Replies");
    assertThat(imap.toString()).doesNotContain("smtp-pa55word");
    assertThat(mailboxes.get(1).smtpConfig().port()).isEqualTo(465);
    assertThat(mailboxes.get(1).imapConfig()).isNull();
    assertThat(mailboxes.get(0).secrets()).hasSize(2);
    assertThat(MailboxSettings.isKey("CAMPAIGN_SMTP_HOST_9")).isTrue();
    assertThat(MailboxSettings.isKey("CAMPAIGN_OPENAI_API_KEY")).isFalse();
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsVariable() {
    assertThatThrownBy(
            () ->
                MailboxSettings.load(
                    Map.of(
                        "CAMPAIGN_SMTP_HOST",
                        "smtp.4runr.test",
                        "CAMPAIGN_MAILBOX_ADDRESS_2",
                        "sales@4runr.test",
                        "CAMPAIGN_SMTP_HOST_2",
                        "smtp2.4runr.test",
                        "CAMPAIGN_SMTP_PORT_2",
                        "-1",
                        "CAMPAIGN_SMTP_SECURITY_2",
                        "SSLv2"),
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly(
                        "CAMPAIGN_MAILBOX_ADDRESS",
                        "CAMPAIGN_SMTP_SECURITY_2",
                        "CAMPAIGN_SMTP_PORT_2"))
        .hasMessageStartingWith("MailboxSettings: ")
        .hasMessageContaining("'SSLv2' is not one of [NONE, STARTTLS, TLS]");
  }
}
