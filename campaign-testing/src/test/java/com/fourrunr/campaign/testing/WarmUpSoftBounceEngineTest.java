package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.HealthThrottle;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.WarmUp;
import com.fourrunr.campaign.ops.Alert;
import com.fourrunr.campaign.ops.AlertMonitor;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.spi.WarmUpLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Warm-up on the settable clock: a warmed mailbox whose soft-bounce rate rises, with no hard bounce
 * at all, is slowed (its daily sends drop from 50 to 25 to 12), then paused by the existing
 * bounce-rate rule, which counts soft bounces at half a hard bounce; nothing more is sent from it.
 */
class WarmUpSoftBounceEngineTest {
  private static final Instant MONDAY_9AM = Instant.parse("2026-03-02T09:00:00Z");
  private static final String MAILBOX = "warm@4runr.test";
  private static final Duration WINDOW = Duration.ofDays(3);

  private final SettableClock clock = new SettableClock(MONDAY_9AM);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final WarmUpLog warmUpLog = WarmUpLog.inMemory();
  private final CampaignActivity activity = CampaignActivity.create(store, clock);
  private final List<ReplyOutcome> outcomes = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();

  private CampaignEngine engine() {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(new Mailbox(MAILBOX, "4Runr"))
        .qualityGates(QualityGates.builder().uniqueness(false).build())
        .listener(activity)
        .warmUp(WarmUp.defaults(), warmUpLog)
        .healthThrottle(new HealthThrottle(20, 0.03, 0.08, WINDOW))
        .build();
  }

  private static List<Lead> leads(int n) {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leads.add(
          Lead.builder("L-" + i, "p" + i + "@d" + i + ".example")
              .firstName("Sam")
              .company("Example Ltd")
              .industry("Computing")
              .topServices("Engine design")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    return leads;
  }

  /** Day {@code day} (1 is Monday) at 9:00: the engine runs; returns what it sent. */
  private List<OutgoingEmail> runDay(CampaignEngine engine, int day) {
    clock.set(MONDAY_9AM.plus(Duration.ofDays(day - 1L)));
    int before = sender.sent().size();
    engine.runDue();
    List<OutgoingEmail> all = sender.sent();
    return List.copyOf(all.subList(before, all.size()));
  }

  /**
   * A delivery status notification from the recipient's server, three hours after the day's sends:
   * the mailbox is full, 4.2.2, delivery will not be retried by the relay (a soft bounce).
   */
  private void softBounce(CampaignEngine engine, OutgoingEmail m) {
    String domain = m.to().substring(m.to().indexOf('@') + 1);
    outcomes.add(
        engine.receive(
            InboundReply.builder("MAILER-DAEMON@mx." + domain, clock.instant())
                .messageId("<dsn-" + outcomes.size() + "@mx." + domain + ">")
                .subject("Undelivered Mail Returned to Sender")
                .text(
                    "This is the mail system at host mx."
                        + domain
                        + ".\n\n"
                        + "I'm sorry to have to inform you that your message could not\n"
                        + "be delivered to one or more recipients.\n\n"
                        + "<"
                        + m.to()
                        + ">: host mx."
                        + domain
                        + " said: 452 4.2.2 Mailbox full\n\n"
                        + "Reporting-MTA: dns; mx."
                        + domain
                        + "\n"
                        + "Final-Recipient: rfc822; "
                        + m.to()
                        + "\n"
                        + "Action: failed\n"
                        + "Status: 4.2.2\n"
                        + "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full\n\n"
                        + "Message-ID: "
                        + m.messageId()
                        + "\n")
                .build()));
  }

  private void softBounces(CampaignEngine engine, List<OutgoingEmail> sent, int n) {
    clock.set(clock.instant().plus(Duration.ofHours(3)));
    // the day's last: first sends, not the steps sent again after an earlier soft bounce
    for (int i = sent.size() - n; i < sent.size(); i++) {
      softBounce(engine, sent.get(i));
    }
  }

  private int dayCap(CampaignEngine engine) {
    return engine.queueStatus().mailboxes().stream()
        .filter(u -> u.mailbox().equals(MAILBOX))
        .findFirst()
        .orElseThrow()
        .perDayCap();
  }

  @Test
  void aWarmedMailboxWhoseSoftBouncesRiseIsSlowedThenPausedByTheBounceRateRule() {
    // warmed: its ramp started 12 weeks ago, so its cap is the target, 50 a day
    warmUpLog.startedOn(MAILBOX, LocalDate.of(2025, 12, 8));
    CampaignEngine engine = engine();
    AlertMonitor monitor =
        AlertMonitor.builder(engine, activity)
            .rule(AlertRule.bounceRate(0.05, WINDOW, 20))
            .sink(alerts::add)
            .build();
    engine.enrol(leads(400));

    // Day 1: the full warmed cap goes out; 3 of 50 soft-bounce (6%, over the 3% that halves it;
    // the bounce-rate rule counts them as 1.5 of 50, 3%, under its 5%).
    List<OutgoingEmail> day1 = runDay(engine, 1);
    assertThat(day1).hasSize(50).allSatisfy(m -> assertThat(m.from().address()).isEqualTo(MAILBOX));
    softBounces(engine, day1, 3);
    assertThat(monitor.evaluate()).isEmpty();

    // Day 2: halved to 25 (its own sends keep the rate at 3 of 75, 4%, over 3%); 4 more soft
    // bounces: 7 of 75, 9.3%, over the 8% that quarters it (the rule: 3.5 of 75, 4.7%).
    assertThat(dayCap(engine)).isEqualTo(25);
    List<OutgoingEmail> day2 = runDay(engine, 2);
    assertThat(day2).hasSize(25);
    softBounces(engine, day2, 4);
    assertThat(monitor.evaluate()).isEmpty();
    assertThat(engine.pausedMailboxes()).isEmpty();

    // Day 3: quartered to 12 (7 of 87 stays over 8%); 3 more soft bounces: 10 of 87, which the
    // rule counts as 5 of 87, 5.7%, over its 5%.
    assertThat(dayCap(engine)).isEqualTo(12);
    List<OutgoingEmail> day3 = runDay(engine, 3);
    assertThat(day3).hasSize(12);
    softBounces(engine, day3, 3);

    assertThat(outcomes)
        .hasSize(10)
        .allSatisfy(o -> assertThat(o.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT));
    assertThat(activity.count(CampaignActivity.Kind.BOUNCED, MAILBOX, WINDOW)).isZero();
    assertThat(activity.count(CampaignActivity.Kind.SOFT_BOUNCED, MAILBOX, WINDOW)).isEqualTo(10);
    assertThat(store.findEventsByType(EventType.MESSAGE_BOUNCED, null, 100)).isEmpty();

    assertThat(monitor.evaluate())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo("bounce-rate");
              assertThat(a.subject()).isEqualTo(MAILBOX);
              assertThat(a.message())
                  .contains("5.7%")
                  .contains("5 of 87 sends")
                  .contains("0 hard bounces")
                  .contains("10 soft bounces at 0.5");
            });
    assertThat(alerts).hasSize(1);
    assertThat(engine.pausedMailboxes())
        .containsOnlyKeys(MAILBOX)
        .hasEntrySatisfying(
            MAILBOX,
            reason ->
                assertThat(reason)
                    .startsWith("bounce-rate: ")
                    .contains("10 soft bounces")
                    .contains("0 hard bounces"));
    assertThat(store.findEventsByType(EventType.MAILBOX_PAUSED, null, 10))
        .singleElement()
        .extracting(CampaignEvent::payload)
        .asString()
        .contains("soft bounces");

    // Nothing more is sent from it, on the following days either.
    for (int day = 4; day <= 8; day++) {
      assertThat(runDay(engine, day)).as("day %d", day).isEmpty();
    }
    assertThat(sender.sent()).hasSize(50 + 25 + 12);
  }
}
