package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Send limits on the settable clock: a reached cap defers a message to the next allowed moment and
 * never drops it; mailbox caps per day and per hour, the minimum gap, and per recipient domain.
 */
class SendLimitsTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final CampaignConfig ONE_STEP =
      CampaignConfig.defaults(FROM)
          .withSequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))))
          .withSchedule(SchedulePolicy.builder().jitter(false).build());

  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  /** What went out, with the clock's time at the send. */
  private final List<Instant> sentAt = new ArrayList<>();

  private static Instant ny(String local) {
    return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
  }

  /** {@code count} one-step campaigns, each with its first message due at {@code at}. */
  private void storeDue(int count, Instant at, java.util.function.IntFunction<String> email) {
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < count; i++) {
      String n = String.format("%03d", i);
      Lead lead =
          Lead.builder("L-" + n, email.apply(i))
              .firstName("Lead" + n)
              .timezone(NEW_YORK)
              .country("US")
              .build();
      b.lead(lead)
          .campaign(Campaign.start("C-" + n, lead.id(), ONE_STEP, at))
          .message(
              CampaignMessage.pending(
                      "M-" + n,
                      "C-" + n,
                      lead.id(),
                      0,
                      MessageType.HOOK,
                      "Hello " + n,
                      "Body " + n,
                      null)
                  .withScheduled(at));
    }
    store.commit(b.build());
  }

  private void runEvery(
      CampaignEngine engine, SettableClock clock, Instant from, Instant until, Duration step) {
    for (Instant t = from; !t.isAfter(until); t = t.plus(step)) {
      clock.set(t);
      int before = sender.sent().size();
      engine.runDue();
      for (int i = before; i < sender.sent().size(); i++) {
        sentAt.add(t);
      }
    }
  }

  private Map<LocalDate, Long> perDay(
      List<OutgoingEmail> mails, List<Instant> times, String domain) {
    Map<LocalDate, Long> days = new TreeMap<>();
    for (int i = 0; i < mails.size(); i++) {
      if (domain == null || mails.get(i).to().endsWith("@" + domain)) {
        days.merge(times.get(i).atZone(NEW_YORK).toLocalDate(), 1L, Long::sum);
      }
    }
    return days;
  }

  @Test
  void mailboxCappedAtFiftyADaySendsTwoHundredDueMessagesFiftyADayOverFourBusinessDays() {
    // Thursday 5 March 2026, 09:00 in New York: Thursday, Friday, then (after the weekend) Monday,
    // Tuesday.
    Instant start = ny("2026-03-05T09:00");
    SettableClock clock = new SettableClock(start);
    String[] domains = {
      "alpha.example", "bravo.example", "charlie.example", "delta.example", "echo.example"
    };
    storeDue(200, start, i -> "lead" + i + "@" + domains[i % domains.length]);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(FROM)
            .config(ONE_STEP)
            .sendLimits(new SendLimits(50, 0, Duration.ZERO, 10))
            .build();

    runEvery(engine, clock, start, start.plus(Duration.ofDays(7)), Duration.ofHours(1));

    List<OutgoingEmail> sent = sender.sent();
    assertThat(perDay(sent, sentAt, null))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 3, 5), 50L), Map.entry(LocalDate.of(2026, 3, 6), 50L),
            Map.entry(LocalDate.of(2026, 3, 9), 50L), Map.entry(LocalDate.of(2026, 3, 10), 50L));
    // Nothing dropped, nothing twice.
    assertThat(sent.stream().map(OutgoingEmail::to).distinct()).hasSize(200);
    assertThat(store.findDueMessages(start.plus(Duration.ofDays(30)), 10)).isEmpty();
    for (String domain : domains) {
      assertThat(perDay(sent, sentAt, domain).values())
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
    }
  }

  @Test
  void recipientDomainCapSpreadsOneCompanyOverDaysWithoutHoldingBackOthers() {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    SettableClock clock = new SettableClock(start);
    storeDue(
        30,
        start,
        i -> i < 25 ? "person" + i + "@bigcorp.example" : "person" + i + "@small" + i + ".example");
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(FROM)
            .config(ONE_STEP)
            .schedule(SendSchedule.calendarDays())
            .sendLimits(new SendLimits(0, 0, Duration.ZERO, 10))
            .build();

    runEvery(engine, clock, start, start.plus(Duration.ofDays(4)), Duration.ofHours(1));

    List<OutgoingEmail> sent = sender.sent();
    assertThat(sent).hasSize(30);
    Map<Instant, Long> bigcorpByDay = new TreeMap<>();
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).to().endsWith("@bigcorp.example")) {
        bigcorpByDay.merge(sentAt.get(i), 1L, Long::sum);
      }
    }
    assertThat(bigcorpByDay)
        .containsExactly(
            Map.entry(start, 10L),
            Map.entry(start.plus(Duration.ofDays(1)), 10L),
            Map.entry(start.plus(Duration.ofDays(2)), 5L));
    // The five small companies all went out at once.
    assertThat(sent.stream().filter(m -> !m.to().endsWith("@bigcorp.example")).count())
        .isEqualTo(5);
    assertThat(sentAt.subList(0, 15)).containsOnly(start);
  }

  @Test
  void hourlyCapAndMinimumGapSpaceTheSendsOfOneMailbox() {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    SettableClock clock = new SettableClock(start);
    storeDue(8, start, i -> "person" + i + "@company" + i + ".example");
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(FROM)
            .config(ONE_STEP)
            .schedule(SendSchedule.calendarDays())
            .sendLimits(new SendLimits(0, 3, Duration.ofMinutes(10), 0))
            .build();

    runEvery(engine, clock, start, start.plus(Duration.ofHours(4)), Duration.ofMinutes(1));

    assertThat(sender.sent()).hasSize(8);
    List<Long> minutes = sentAt.stream().map(t -> Duration.between(start, t).toMinutes()).toList();
    // Three 10 minutes apart, then the hour's cap: the fourth an hour after the first.
    assertThat(minutes).containsExactly(0L, 10L, 20L, 60L, 70L, 80L, 120L, 130L);
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 20)).hasSize(8);
  }

  @Test
  void queueStatusCountsEachStateTheOldestDueAgeAndTheMailboxUsageAgainstItsCaps() {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    SettableClock clock = new SettableClock(start);
    storeDue(6, start, i -> "person" + i + "@company" + i + ".example");
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(FROM)
            .config(ONE_STEP)
            .schedule(SendSchedule.calendarDays())
            .deadLetterQueue(true)
            .sendLimits(new SendLimits(4, 2, Duration.ZERO, 0))
            .build();
    clock.set(start.plus(Duration.ofMinutes(30)));
    sender.failNext(com.fourrunr.campaign.SendException.transientFailure("451 later", 451));

    engine.runDue();
    QueueStatus status = engine.queueStatus();

    // Message 0 failed once (retry in 5 minutes), 1 and 2 went out, the hour's cap deferred 3, 4
    // and 5.
    assertThat(status.counts()).isEqualTo(new QueueCounts(4, 0, 1, 0, 0, 2, null));
    assertThat(status.oldestDueAge()).isNull();
    assertThat(status.mailboxes())
        .containsExactly(new QueueStatus.MailboxUsage("hello@4runr.test", 2, 4, 2, 2));

    clock.set(start.plus(Duration.ofMinutes(40)));
    assertThat(engine.queueStatus().counts().due()).isEqualTo(1);
    assertThat(engine.queueStatus().oldestDueAge()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void limitsListEveryProblemNamingTheField() {
    assertThatThrownBy(() -> new SendLimits(-1, -2, Duration.ofHours(2), -3))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly(
                        "perMailboxPerDay", "perMailboxPerHour", "minimumGap", "perDomainPerDay"));
    assertThat(SendLimits.NONE.any()).isFalse();
  }
}
