package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.Sender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A mailbox's {@code dkim.*} properties make its sender sign; a mailbox without them does not. */
class DkimSendingTest {
  @TempDir Path dir;
  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void eachMailboxSignsWithItsOwnKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----";
    int port = smtp.getSmtp().getPort();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class))
        .withPropertyValues(
            "campaign.store.embedded-path=" + dir.resolve("db/campaign"),
            "campaign.runner.enabled=false",
            "campaign.alerts.enabled=false",
            "campaign.mailboxes[0].address=hello@4runr.example",
            "campaign.mailboxes[0].smtp.host=127.0.0.1",
            "campaign.mailboxes[0].smtp.port=" + port,
            "campaign.mailboxes[0].smtp.security=NONE",
            "campaign.mailboxes[0].dkim.selector=s1",
            "campaign.mailboxes[0].dkim.private-key=" + pem,
            "campaign.mailboxes[1].address=plain@other.example",
            "campaign.mailboxes[1].smtp.host=127.0.0.1",
            "campaign.mailboxes[1].smtp.port=" + port,
            "campaign.mailboxes[1].smtp.security=NONE")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Sender sender = ctx.getBean(Sender.class);
              sender.send(mail(new Mailbox("hello@4runr.example", "Ana"), "<1@4runr.example>"));
              sender.send(mail(new Mailbox("plain@other.example", "Bo"), "<2@other.example>"));
              assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
              MimeMessage[] received = smtp.getReceivedMessages();
              assertThat(received).hasSize(2);
              Map<String, MimeMessage> byFrom =
                  Map.of(
                      received[0].getFrom()[0].toString(), received[0],
                      received[1].getFrom()[0].toString(), received[1]);
              String[] signature = find(byFrom, "hello@4runr.example").getHeader("DKIM-Signature");
              assertThat(signature).hasSize(1);
              assertThat(signature[0].replaceAll("\\s", ""))
                  .contains("d=4runr.example")
                  .contains("s=s1");
              assertThat(find(byFrom, "plain@other.example").getHeader("DKIM-Signature")).isNull();
            });
  }

  private static MimeMessage find(Map<String, MimeMessage> byFrom, String address) {
    return byFrom.entrySet().stream()
        .filter(e -> e.getKey().contains(address))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static OutgoingEmail mail(Mailbox from, String messageId) {
    return new OutgoingEmail(
        from, "lead@example.com", "Hello", "Hi there", null, messageId, null, List.of(), Map.of());
  }
}
