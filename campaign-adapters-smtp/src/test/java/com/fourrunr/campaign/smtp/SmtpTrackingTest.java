package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import com.fourrunr.campaign.tracking.LinkTracker;
import com.fourrunr.campaign.tracking.TrackingHandler;
import com.fourrunr.campaign.tracking.TrackingRequest;
import com.fourrunr.campaign.tracking.TrackingResponse;
import com.fourrunr.campaign.tracking.TrackingTokens;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tracking with the SMTP adapter into a real SMTP server (GreenMail): the engine tracks the links
 * of the step's copy, the adapter then adds the {@code List-Unsubscribe} headers and footer link
 * pointing at the tracker's one-click URL, which stay untracked; and the received URLs work against
 * the handler.
 */
class SmtpTrackingTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static final UnsubscribeTokens UNSUBSCRIBE =
      UnsubscribeTokens.withKey(
          "a-32-byte-or-longer-secret-key-for-tests".getBytes(StandardCharsets.UTF_8));
  private static final TrackingTokens TRACKING =
      TrackingTokens.withKey(
          "another-32-byte-secret-key-for-tracking".getBytes(StandardCharsets.UTF_8));

  private final SettableClock clock = new SettableClock(NOW);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();

  @Test
  void receivedMailHasTrackedLinksAndAnUntrackedOneClickUnsubscribeThatWorks() throws Exception {
    LinkTracker tracker = LinkTracker.builder("https://t.4runr.example", TRACKING).build();
    SmtpSender sender =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build(),
            SmtpMessageOptions.builder()
                .unsubscribe(tracker.unsubscribeUrl(), null, UNSUBSCRIBE)
                .build(),
            clock);
    Mailbox from = new Mailbox("hello@4runr.example", "4Runr");
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .from(from)
            .linkTracking(tracker)
            .build();
    TrackingHandler handler =
        TrackingHandler.builder(engine, tracker).unsubscribeTokens(UNSUBSCRIBE).build();
    Lead ada = Lead.builder("L-1", "ada@engines.example").firstName("Ada").build();
    store.commit(
        StoreChanges.builder()
            .lead(ada)
            .campaign(Campaign.start("C-1", "L-1", engine.config(), NOW))
            .message(
                CampaignMessage.pending(
                        "M-1",
                        "C-1",
                        "L-1",
                        0,
                        MessageType.HOOK,
                        "Route planning",
                        "Hi Ada, see https://4runr.example/case-study",
                        "<html><body><p>Hi Ada, see "
                            + "<a href=\"https://4runr.example/case-study\">the case study</a></p></body></html>")
                    .withScheduled(NOW))
            .build());

    engine.runDue();

    MimeMessage received = greenMail.getReceivedMessages()[0];
    MimeMultipart parts = (MimeMultipart) received.getContent();
    String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
    String html = (String) parts.getBodyPart(1).getContent();
    Matcher click =
        Pattern.compile("https://t\\.4runr\\.example(/c/[A-Za-z0-9_.-]+)\"").matcher(html);
    assertThat(click.find()).as(html).isTrue();
    assertThat(html)
        .contains("https://t.4runr.example/o/")
        .doesNotContain("href=\"https://4runr.example/case-study");
    assertThat(text)
        .contains("see https://t.4runr.example/c/")
        .contains("Unsubscribe: https://t.4runr.example/u?t=");
    // The one-click URL is the adapter's, untouched by the tracker, in the header and the footer.
    String header = received.getHeader("List-Unsubscribe", null);
    Matcher oneClick =
        Pattern.compile("^<(https://t\\.4runr\\.example/u\\?t=[A-Za-z0-9_.-]+)>$").matcher(header);
    assertThat(oneClick.matches()).as(header).isTrue();
    assertThat(html).contains("<a href=\"" + oneClick.group(1) + "\">Unsubscribe</a>");

    clock.advance(Duration.ofHours(1));
    TrackingResponse redirect =
        handler.handle(
            TrackingRequest.of("GET", click.group(1))
                .withHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"));
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).isEqualTo("https://4runr.example/case-study");
    assertThat(store.findEventsByType(EventType.LINK_CLICKED, null, 10)).hasSize(1);

    TrackingResponse unsubscribed =
        handler.handle(
            TrackingRequest.of("POST", URI.create(oneClick.group(1)))
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII)));
    assertThat(unsubscribed.status()).isEqualTo(200);
    assertThat(store.isSuppressed("ada@engines.example")).isTrue();
    assertThat(store.findCampaign("C-1").orElseThrow().status()).isEqualTo(CampaignStatus.STOPPED);
  }
}
