package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.HealthThrottle;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.ops.AlertMonitor;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.quality.QualityGates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A mailbox whose soft-bounce rate rises is slowed (its day cap halved, then quartered), and then
 * paused by the existing bounce-rate rule when hard bounces follow.
 */
class HealthThrottleEngineTest {
  private static final Instant DAY1 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String MAILBOX = "hello@4runr.test";

  private final SettableClock clock = new SettableClock(DAY1);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final AtomicReference<ReplyClassification> verdict = new AtomicReference<>();
  private final CampaignActivity activity = CampaignActivity.create(store, clock);
  private final CampaignEngine engine =
      CampaignEngine.builder()
          .schedule(SendSchedule.calendarDays())
          .store(store)
          .sender(sender)
          .clock(clock)
          .from(new Mailbox(MAILBOX, "4Runr"))
          .qualityGates(QualityGates.builder().uniqueness(false).build())
          .classifier(r -> verdict.get())
          .listener(activity)
          .sendLimits(new SendLimits(40, 0, Duration.ZERO, 0))
          .healthThrottle(new HealthThrottle(20, 0.03, 0.08, Duration.ofDays(3)))
          .build();

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

  private int runDay(int day) {
    clock.set(DAY1.plus(Duration.ofDays(day - 1)));
    int before = sender.sent().size();
    engine.runDue();
    return sender.sent().size() - before;
  }

  /** Bounces (as the classifier says) for the first {@code n} of the messages sent from index. */
  private void bounce(ReplyCategory category, int from, int n) {
    verdict.set(new ReplyClassification(category, null, "scripted", 0.9));
    clock.set(clock.instant().plus(Duration.ofHours(1)));
    List<OutgoingEmail> sent = sender.sent();
    for (int i = from; i < from + n; i++) {
      OutgoingEmail m = sent.get(i);
      engine.receive(
          InboundReply.builder(m.to(), clock.instant())
              .messageId("<" + category + "-" + i + "@bounce.example>")
              .subject("Undelivered: " + m.subject())
              .inReplyTo(m.messageId())
              .text("...")
              .build());
    }
  }

  @Test
  void risingSoftBouncesSlowTheMailboxThenHardBouncesPauseItByTheBounceRateRule() {
    engine.enrol(leads(400));

    assertThat(runDay(1)).isEqualTo(40);
    bounce(ReplyCategory.BOUNCE_SOFT, 0, 2); // 2 of 40: 5%, above 3%

    assertThat(runDay(2)).as("halved").isEqualTo(20);
    bounce(ReplyCategory.BOUNCE_SOFT, 40, 4); // 6 of 60: 10%, above 8%

    assertThat(runDay(3)).as("quartered").isEqualTo(10);
    assertThat(engine.pausedMailboxes()).isEmpty();

    // hard bounces follow: the existing bounce-rate rule (over 5% of at least 20 sends; here over
    // the same three days as the throttle, 70 sends) pauses it
    bounce(ReplyCategory.BOUNCE_HARD, 60, 5);
    AlertMonitor monitor =
        AlertMonitor.builder(engine, activity)
            .rule(AlertRule.bounceRate(0.05, Duration.ofDays(3), 20))
            .build();
    clock.set(DAY1.plus(Duration.ofDays(2)).plus(Duration.ofHours(3)));
    monitor.evaluate();
    assertThat(engine.pausedMailboxes()).containsKey(MAILBOX);
    assertThat(runDay(4)).isZero();
  }

  @Test
  void aHealthyMailboxKeepsItsCap() {
    engine.enrol(leads(200));
    assertThat(runDay(1)).isEqualTo(40);
    bounce(ReplyCategory.BOUNCE_SOFT, 0, 1); // 1 of 40: 2.5%, below 3%
    assertThat(runDay(2)).isEqualTo(40);
  }

  @Test
  void newCampaignsGoToTheHealthiestMailbox() {
    Mailbox a = new Mailbox("a@4runr.test", "4Runr");
    Mailbox b = new Mailbox("b@4runr.test", "4Runr");
    CampaignEngine two =
        CampaignEngine.builder()
            .schedule(SendSchedule.calendarDays())
            .store(store)
            .sender(sender)
            .clock(clock)
            .mailboxes(a, b)
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .classifier(r -> verdict.get())
            .healthThrottle(new HealthThrottle(20, 0.03, 0.08, Duration.ofDays(3)))
            .build();
    two.enrol(leads(80));
    two.runDue();
    List<OutgoingEmail> fromA =
        sender.sent().stream().filter(m -> m.from().address().equals(a.address())).toList();
    assertThat(fromA).hasSize(40);
    verdict.set(new ReplyClassification(ReplyCategory.BOUNCE_SOFT, null, "scripted", 0.9));
    for (int i = 0; i < 3; i++) {
      OutgoingEmail m = fromA.get(i);
      two.receive(
          InboundReply.builder(m.to(), clock.instant())
              .messageId("<soft-" + i + "@bounce.example>")
              .subject("Undelivered")
              .inReplyTo(m.messageId())
              .text("...")
              .build());
    }

    List<Lead> more = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      more.add(
          Lead.builder("N-" + i, "n" + i + "@n" + i + ".example")
              .firstName("Sam")
              .company("Example Ltd")
              .industry("Computing")
              .topServices("Engine design")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    two.enrol(more);
    assertThat(more)
        .allSatisfy(
            l -> assertThat(store.findCampaignsByLead(l.id()).get(0).config().from()).isEqualTo(b));
  }

  @Test
  void newCampaignsGoToAMailboxWithRoomLeftToday() {
    Mailbox a = new Mailbox("a@4runr.test", "4Runr");
    Mailbox b = new Mailbox("b@4runr.test", "4Runr");
    com.fourrunr.campaign.spi.SendLog sendLog = com.fourrunr.campaign.spi.SendLog.inMemory();
    // a alone first: it sends its day cap of 10
    CampaignEngine onlyA =
        CampaignEngine.builder()
            .schedule(SendSchedule.calendarDays())
            .store(store)
            .sender(sender)
            .clock(clock)
            .mailboxes(a)
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .sendLimits(new SendLimits(10, 0, Duration.ZERO, 0))
            .sendLog(sendLog)
            .healthThrottle(new HealthThrottle(20, 0.03, 0.08, Duration.ofDays(3)))
            .build();
    onlyA.enrol(leads(10));
    onlyA.runDue();
    assertThat(sender.sent()).hasSize(10);

    // then b joins: a is as healthy but has no room left today, so every new campaign goes to b
    CampaignEngine both =
        CampaignEngine.builder()
            .schedule(SendSchedule.calendarDays())
            .store(store)
            .sender(sender)
            .clock(clock)
            .mailboxes(a, b)
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .sendLimits(new SendLimits(10, 0, Duration.ZERO, 0))
            .sendLog(sendLog)
            .healthThrottle(new HealthThrottle(20, 0.03, 0.08, Duration.ofDays(3)))
            .build();
    List<Lead> more = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      more.add(
          Lead.builder("R-" + i, "r" + i + "@r" + i + ".example")
              .firstName("Sam")
              .company("Example Ltd")
              .industry("Computing")
              .topServices("Engine design")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    both.enrol(more);
    assertThat(more)
        .allSatisfy(
            l -> assertThat(store.findCampaignsByLead(l.id()).get(0).config().from()).isEqualTo(b));
    both.runDue();
    assertThat(sender.sent().subList(10, sender.sent().size()))
        .hasSize(6)
        .allSatisfy(m -> assertThat(m.from()).isEqualTo(b));
  }
}
