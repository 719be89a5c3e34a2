package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real SMTP conversation on loopback with a server that refuses the recipient with 550 5.1.1:
 * through the SMTP adapter and the engine it is a bounce, never retried, and the campaign stops.
 */
class SmtpBounceTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private RefusingSmtpServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void recipientRefusedWith550IsABounceNotRetriedAndTheCampaignStops() throws Exception {
    server = RefusingSmtpServer.start();
    int port = server.port();
    SmtpSender sender =
        SmtpSender.create(
            SmtpConfig.builder("127.0.0.1", port)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build(),
            clock);
    List<CampaignEvent> heard = new ArrayList<>();
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .deadLetterQueue(true)
            .listener(heard::add)
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();
    Lead ada =
        Lead.builder("L-ada", "ada@engines.example")
            .firstName("Ada")
            .company("Analytical Engines")
            .companyDescription("Analytical Engines builds calculating machines.")
            .topServices("Engine design")
            .emailConfidence(EmailConfidence.REAL)
            .build();
    engine.enrol(List.of(ada));

    for (int day = 0; day <= 8; day++) {
      clock.set(DAY0.plus(Duration.ofDays(day)));
      engine.runDue();
    }

    assertThat(server.rcptCommands()).isEqualTo(1);
    assertThat(store.findCampaignsByLead("L-ada").get(0).status())
        .isEqualTo(CampaignStatus.STOPPED);
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.MESSAGE_BOUNCED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("replyCode")).isEqualTo("550");
              assertThat(e.attribute("error")).contains("user unknown");
            });
    assertThat(engine.deadLetters(null, 10)).isEmpty();
    assertThat(store.isSuppressed("ada@engines.example")).isTrue();
  }
}
