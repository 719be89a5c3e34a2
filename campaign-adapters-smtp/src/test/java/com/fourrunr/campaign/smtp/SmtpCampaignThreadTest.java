package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole three-step campaign through the engine and the SMTP adapter into a real SMTP server
 * (GreenMail), driven day by day on a settable clock: the received mail forms one conversation.
 */
class SmtpCampaignThreadTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();

  @Test
  void threeStepCampaignLandsAsOneThreadWithUnsubscribeHeaders() throws Exception {
    SmtpSender sender =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build(),
            SmtpMessageOptionsTest.fullOptions(),
            clock);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();

    engine.enrol(List.of(ADA));
    for (int day = 0; day <= 8; day++) {
      clock.set(DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }

    Campaign campaign = store.findCampaignsByLead("L-ada").get(0);
    assertThat(campaign.status()).isEqualTo(CampaignStatus.COMPLETED);
    List<CampaignMessage> stored = store.findMessages(campaign.id());
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(3);
    String first = received[0].getMessageID();
    String second = received[1].getMessageID();
    String third = received[2].getMessageID();
    // Each went out under the Message-ID the engine stored before sending.
    assertThat(Arrays.asList(first, second, third))
        .containsExactlyElementsOf(stored.stream().map(CampaignMessage::messageId).toList());
    assertThat(received[0].getHeader("In-Reply-To")).isNull();
    assertThat(received[0].getHeader("References")).isNull();
    assertThat(received[1].getHeader("In-Reply-To", null)).isEqualTo(first);
    assertThat(received[1].getHeader("References", null)).isEqualTo(first);
    assertThat(received[2].getHeader("In-Reply-To", null)).isEqualTo(second);
    assertThat(received[2].getHeader("References", null)).isEqualTo(first + " " + second);
    String subject = stored.get(0).subject();
    assertThat(received)
        .extracting(MimeMessage::getSubject)
        .containsExactly(subject, "Re: " + subject, "Re: " + subject);
    for (MimeMessage m : received) {
      assertThat(m.getHeader("List-Unsubscribe-Post"))
          .containsExactly("List-Unsubscribe=One-Click");
      Matcher token =
          Pattern.compile("^<https://4runr\\.example/unsubscribe\\?t=([A-Za-z0-9_.-]+)>, <mailto:")
              .matcher(m.getHeader("List-Unsubscribe", null));
      assertThat(token.find()).isTrue();
      assertThat(SmtpMessageOptionsTest.TOKENS.verify(token.group(1)))
          .contains(new UnsubscribeTokens.Unsubscribe("ada@engines.example", campaign.id()));
    }
  }
}
