package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.spi.StoreChanges;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The queue's order (follow-ups of running campaigns first, configurable), step order held whatever
 * happens, several sender mailboxes with one per campaign, the random spread of the minimum gap,
 * the provider rate limiter, and batches per mailbox, on the settable clock.
 */
class PrioritiesAndMailboxesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final Mailbox A = new Mailbox("ada@4runr.test", "Ada");
  private static final Mailbox B = new Mailbox("bob@4runr.test", "Bob");
  private static final Mailbox C = new Mailbox("cy@4runr.test", "Cy");
  private static final CampaignConfig THREE_STEPS =
      CampaignConfig.defaults(FROM).withSchedule(SchedulePolicy.builder().jitter(false).build());

  /** The test leads write nearly the same copy; the uniqueness gate would hold most of them. */
  private static final QualityGates SIMILAR_LEADS_ALLOWED =
      QualityGates.builder().uniqueness(false).build();

  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  private CampaignEngineBuilder engine() {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(SendSchedule.calendarDays())
        .config(THREE_STEPS)
        .qualityGates(SIMILAR_LEADS_ALLOWED);
  }

  private static Lead lead(int i) {
    return Lead.builder("L-" + i, "person" + i + "@company" + i + ".example")
        .firstName("Person" + i)
        .company("Company " + i)
        .companyDescription("Company " + i + " builds bridges for river towns.")
        .topServices("Bridges")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  /** A campaign whose first step went out and whose second is due at {@code followUpAt}. */
  private void storeRunningCampaign(String id, Instant followUpAt) {
    Lead lead =
        Lead.builder("L-" + id, id.toLowerCase() + "@running.example").firstName(id).build();
    store.commit(
        StoreChanges.builder()
            .lead(lead)
            .campaign(Campaign.start(id, lead.id(), THREE_STEPS, T0))
            .message(
                CampaignMessage.pending(
                        id + "-0", id, lead.id(), 0, MessageType.HOOK, "Hook", "Body", null)
                    .withScheduled(T0.minus(Duration.ofDays(3)))
                    .withSending("<" + id + "-0@4runr.test>")
                    .withSent(T0.minus(Duration.ofDays(3)), "250 OK"))
            .message(
                CampaignMessage.pending(
                        id + "-1", id, lead.id(), 1, MessageType.PROOF, "Proof", "Body", null)
                    .withScheduled(followUpAt))
            .message(
                CampaignMessage.pending(
                    id + "-2", id, lead.id(), 2, MessageType.FOMO, "Fomo", "Body", null))
            .build());
  }

  /** A new campaign whose first step is due at {@code at}. */
  private void storeNewCampaign(String id, Instant at) {
    Lead lead = Lead.builder("L-" + id, id.toLowerCase() + "@new.example").firstName(id).build();
    store.commit(
        StoreChanges.builder()
            .lead(lead)
            .campaign(Campaign.start(id, lead.id(), THREE_STEPS, T0))
            .message(
                CampaignMessage.pending(
                        id + "-0", id, lead.id(), 0, MessageType.HOOK, "Hook", "Body", null)
                    .withScheduled(at))
            .build());
  }

  private List<String> recipientsInSendOrder() {
    return sender.sent().stream().map(OutgoingEmail::to).toList();
  }

  @Test
  void followUpsOfRunningCampaignsGoBeforeNewFirstMessagesScheduledEarlier() {
    storeNewCampaign("N1", T0.minus(Duration.ofHours(2)));
    storeNewCampaign("N2", T0.minus(Duration.ofHours(1)));
    storeRunningCampaign("R2", T0.minus(Duration.ofMinutes(10)));
    storeRunningCampaign("R1", T0.minus(Duration.ofMinutes(30)));
    CampaignEngine engine = engine().maxMessagesPerRun(1).build();

    for (int i = 0; i < 4; i++) {
      engine.runDue();
    }

    // Follow-ups first, each group earliest scheduled first.
    assertThat(recipientsInSendOrder())
        .containsExactly(
            "r1@running.example", "r2@running.example", "n1@new.example", "n2@new.example");
  }

  @Test
  void earliestFirstPriorityIgnoresTheStep() {
    storeNewCampaign("N1", T0.minus(Duration.ofHours(2)));
    storeRunningCampaign("R1", T0.minus(Duration.ofMinutes(30)));
    storeNewCampaign("N2", T0.minus(Duration.ofMinutes(20)));
    CampaignEngine engine =
        engine().maxMessagesPerRun(1).queuePriority(QueuePriority.EARLIEST_FIRST).build();

    for (int i = 0; i < 3; i++) {
      engine.runDue();
    }

    assertThat(recipientsInSendOrder())
        .containsExactly("n1@new.example", "r1@running.example", "n2@new.example");
  }

  @Test
  void aFollowUpDueBeforeItsPreviousStepSucceededIsHeldBackThenSentAfterIt() {
    // Step 0 is retrying (due later); step 1 was scheduled anyway (a person edited the store): it
    // must wait.
    Lead lead = Lead.builder("L-x", "x@company.example").firstName("X").build();
    store.commit(
        StoreChanges.builder()
            .lead(lead)
            .campaign(Campaign.start("X", lead.id(), THREE_STEPS, T0))
            .message(
                CampaignMessage.pending(
                        "X-0", "X", lead.id(), 0, MessageType.HOOK, "Hook", "Body", null)
                    .withScheduled(T0.plus(Duration.ofMinutes(5))))
            .message(
                CampaignMessage.pending(
                        "X-1", "X", lead.id(), 1, MessageType.PROOF, "Proof", "Body", null)
                    .withScheduled(T0))
            .message(
                CampaignMessage.pending(
                    "X-2", "X", lead.id(), 2, MessageType.FOMO, "Fomo", "Body", null))
            .build());
    CampaignEngine engine = engine().build();

    engine.runDue();
    assertThat(sender.sent()).isEmpty();
    assertThat(store.findMessages("X").get(1).status()).isEqualTo(DeliveryStatus.PENDING);

    for (int day = 0; day <= 10; day++) {
      clock.set(T0.plus(Duration.ofMinutes(5)).plus(Duration.ofDays(day)));
      engine.runDue();
    }
    assertThat(sender.sent())
        .extracting(OutgoingEmail::subject)
        .containsExactly("Hook", "Proof", "Fomo");
  }

  @Test
  void stepsOfEveryCampaignGoOutInOrderThroughRandomPassingFailures() {
    Random failures = new Random(7);
    List<OutgoingEmail> delivered = new ArrayList<>();
    Sender flaky =
        email -> {
          if (failures.nextInt(3) == 0) {
            throw SendException.transientFailure("451 4.3.0 try later", 451);
          }
          delivered.add(email);
          return new SendReceipt("250 OK");
        };
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(flaky)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .config(THREE_STEPS)
            .qualityGates(SIMILAR_LEADS_ALLOWED)
            .deadLetterQueue(true)
            .build();
    engine.enrol(IntStream.range(0, 20).mapToObj(PrioritiesAndMailboxesTest::lead).toList());

    for (int hour = 0; hour < 24 * 20; hour++) {
      clock.set(T0.plus(Duration.ofHours(hour)));
      engine.runDue();
      engine.deadLetters(null, 100).forEach(m -> engine.replayDeadLetter(m.messageId()));
    }

    assertThat(delivered).hasSize(60);
    Map<String, List<String>> stepsByLead = new HashMap<>();
    for (OutgoingEmail e : delivered) {
      stepsByLead.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.messageId());
    }
    for (int i = 0; i < 20; i++) {
      Campaign c = store.findCampaignsByLead("L-" + i).get(0);
      List<String> inStepOrder =
          store.findMessages(c.id()).stream().map(CampaignMessage::messageId).toList();
      assertThat(stepsByLead.get(lead(i).email())).containsExactlyElementsOf(inStepOrder);
    }
  }

  @Test
  void newCampaignsAreSpreadOverTheMailboxesAndEachKeepsItsMailboxForEveryStep() {
    CampaignEngine engine = engine().mailboxes(A, B, C).build();
    engine.enrol(IntStream.range(0, 6).mapToObj(PrioritiesAndMailboxesTest::lead).toList());

    for (int day = 0; day <= 10; day++) {
      clock.set(T0.plus(Duration.ofDays(day)));
      engine.runDue();
    }

    assertThat(sender.sent()).hasSize(18);
    List<Mailbox> perLead = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Lead lead = lead(i);
      Campaign c = store.findCampaignsByLead(lead.id()).get(0);
      assertThat(sender.sentTo(lead.email()))
          .extracting(OutgoingEmail::from)
          .containsOnly(c.config().from());
      perLead.add(c.config().from());
    }
    // Round robin in the order given.
    assertThat(perLead).containsExactly(A, B, C, A, B, C);
  }

  @Test
  void mailboxCapsApplyToEachMailboxApartAndQueueStatusReportsEachOne() {
    CampaignEngine engine =
        engine().mailboxes(A, B, C).sendLimits(new SendLimits(2, 0, Duration.ZERO, 0)).build();
    // Seven leads: A gets three campaigns, B and C two each.
    engine.enrol(IntStream.range(0, 7).mapToObj(PrioritiesAndMailboxesTest::lead).toList());

    engine.runDue();

    Map<Mailbox, Long> perMailbox = new HashMap<>();
    sender.sent().forEach(e -> perMailbox.merge(e.from(), 1L, Long::sum));
    assertThat(perMailbox).containsOnly(Map.entry(A, 2L), Map.entry(B, 2L), Map.entry(C, 2L));
    QueueStatus status = engine.queueStatus();
    assertThat(status.mailboxes())
        .containsExactly(
            new QueueStatus.MailboxUsage("ada@4runr.test", 2, 2, 0, 0),
            new QueueStatus.MailboxUsage("bob@4runr.test", 2, 2, 0, 0),
            new QueueStatus.MailboxUsage("cy@4runr.test", 2, 2, 0, 0));
    // A's third first message waits for A's next day beside the six follow-ups; never dropped.
    assertThat(status.counts().scheduled()).isEqualTo(7);
    assertThat(status.counts().due()).isZero();
    clock.set(T0.plus(Duration.ofDays(1)));
    engine.runDue();
    assertThat(sender.sent().stream().filter(e -> e.from().equals(A)).count()).isEqualTo(3);
  }

  @Test
  void builderRefusesTheSameMailboxTwice() {
    assertThatThrownBy(() -> engine().mailboxes(A, new Mailbox("ADA@4runr.test", "Other")).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("mailboxes"));
  }

  /** Minutes after T0 of each send, running every minute for four hours. */
  private List<Long> sendMinutesWithSpread(long seed) {
    InMemoryCampaignStore own = new InMemoryCampaignStore();
    RecordingSender recording = new RecordingSender();
    SettableClock c = new SettableClock(T0);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(own)
            .sender(recording)
            .clock(c)
            .schedule(SendSchedule.calendarDays())
            .config(
                THREE_STEPS.withSequence(
                    new com.fourrunr.campaign.Sequence(
                        "one",
                        List.of(new com.fourrunr.campaign.SequenceStep(MessageType.HOOK, 0)))))
            .sendLimits(
                new SendLimits(0, 0, Duration.ofMinutes(10), 0)
                    .withGapSpread(Duration.ofMinutes(10)))
            .qualityGates(SIMILAR_LEADS_ALLOWED)
            .random(new Random(seed))
            .build();
    engine.enrol(IntStream.range(0, 10).mapToObj(PrioritiesAndMailboxesTest::lead).toList());
    List<Long> minutes = new ArrayList<>();
    for (int m = 0; m <= 240; m++) {
      c.set(T0.plus(Duration.ofMinutes(m)));
      int before = recording.sent().size();
      engine.runDue();
      for (int i = before; i < recording.sent().size(); i++) {
        minutes.add((long) m);
      }
    }
    return minutes;
  }

  @Test
  void minimumGapWithRandomSpreadIsRepeatableFromASeedAndStaysWithinItsBounds() {
    List<Long> first = sendMinutesWithSpread(42);
    List<Long> again = sendMinutesWithSpread(42);

    assertThat(first).hasSize(10).isEqualTo(again);
    List<Long> gaps =
        IntStream.range(1, first.size()).mapToObj(i -> first.get(i) - first.get(i - 1)).toList();
    // 10 minutes plus 0 to 10 minutes of spread, sent on the next whole minute.
    assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(10L, 21L));
    assertThat(gaps.stream().distinct().count()).as("spread, not a metronome").isGreaterThan(1);
  }

  @Test
  void providerRateLimiterDefersWhatItHasNoPermitForAndDropsNothing() {
    RateLimiter provider =
        RateLimiter.of(
            "provider",
            RateLimiterConfig.custom()
                .limitForPeriod(3)
                .limitRefreshPeriod(Duration.ofHours(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    for (int i = 0; i < 5; i++) {
      storeNewCampaign("N" + i, T0);
    }
    CampaignEngine engine = engine().providerRateLimiter(provider).build();

    engine.runDue();

    assertThat(sender.sent()).hasSize(3);
    List<CampaignMessage> deferred = store.findMessagesByStatus(DeliveryStatus.SCHEDULED, null, 10);
    assertThat(deferred)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.scheduledAt()).isEqualTo(T0.plusSeconds(3600)));
    List<CampaignEvent> moved =
        store.findEventsByType(EventType.MESSAGE_SCHEDULED, null, 100).stream()
            .filter(e -> "provider rate limit reached".equals(e.attributes().get("reason")))
            .toList();
    assertThat(moved).hasSize(2);
  }

  @Test
  void eachBatchIsSentPerMailboxAndTheSenderIsToldWhenItEnds() {
    List<String> calls = new ArrayList<>();
    Sender tracking =
        new Sender() {
          @Override
          public SendReceipt send(OutgoingEmail email) {
            calls.add("send " + email.from().address());
            return new SendReceipt("250 OK");
          }

          @Override
          public void batchEnded(Mailbox from) {
            calls.add("end " + from.address());
          }
        };
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(tracking)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .config(THREE_STEPS)
            .qualityGates(SIMILAR_LEADS_ALLOWED)
            .mailboxes(A, B)
            .build();
    engine.enrol(IntStream.range(0, 4).mapToObj(PrioritiesAndMailboxesTest::lead).toList());

    engine.runDue();

    List<String> ada = List.of("send ada@4runr.test", "send ada@4runr.test", "end ada@4runr.test");
    List<String> bob = List.of("send bob@4runr.test", "send bob@4runr.test", "end bob@4runr.test");
    // Two batches, one per mailbox, whichever comes first.
    assertThat(calls.equals(concat(ada, bob)) || calls.equals(concat(bob, ada)))
        .as("%s", calls)
        .isTrue();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
