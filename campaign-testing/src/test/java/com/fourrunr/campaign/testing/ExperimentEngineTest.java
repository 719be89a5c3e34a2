package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Experiment;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.Variant;
import com.fourrunr.campaign.analytics.AbTest;
import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.Metrics;
import com.fourrunr.campaign.analytics.StoreAnalytics;
import com.fourrunr.campaign.analytics.VariantComparison;
import com.fourrunr.campaign.quality.QualityGates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A/B experiments applied by the engine: content and timing variants, event attributes, promotion.
 */
class ExperimentEngineTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final Experiment HOOK_SUBJECT =
      Experiment.of(
          "hook-subject",
          Variant.of("A", 1),
          Variant.of("B", 1).withSubjectHint("Quick question for {company}"));
  private static final Experiment PROOF_TIMING =
      Experiment.of(
          "proof-timing",
          Variant.of("fast", 1).withInterval(1),
          Variant.of("slow", 1).withInterval(5));
  private static final Sequence SEQUENCE =
      new Sequence(
          "ab-seq",
          List.of(
              new SequenceStep(MessageType.HOOK, 0).withExperiment(HOOK_SUBJECT),
              new SequenceStep(MessageType.PROOF, 3).withExperiment(PROOF_TIMING),
              new SequenceStep(MessageType.FOMO, 4)));

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final ScriptedReplySource inbox = new ScriptedReplySource(clock);

  private CampaignEngine engine(Sequence sequence) {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(sender)
        .replySource(inbox)
        .clock(clock)
        // the synthetic leads differ by a number only: the near-duplicate gate would hold most of
        // them
        .qualityGates(QualityGates.builder().uniqueness(false).build())
        .config(CampaignConfig.defaults(FROM).withSequence(sequence))
        .build();
  }

  private static List<Lead> leads(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(
            i ->
                Lead.builder("L" + i, "p" + i + "@co" + i + ".example")
                    .firstName("P" + i)
                    .company("Co" + i)
                    .industry(i % 2 == 0 ? "SaaS" : "Retail")
                    .topServices("Service " + i)
                    .emailConfidence(EmailConfidence.REAL)
                    .build())
        .toList();
  }

  private List<CampaignEvent> eventsOf(Lead lead, EventType type) {
    Campaign c = store.findCampaignsByLead(lead.id()).get(0);
    return store.findEvents(c.id()).stream().filter(e -> e.type() == type).toList();
  }

  private CampaignMessage message(Lead lead, int step) {
    Campaign c = store.findCampaignsByLead(lead.id()).get(0);
    return store.findMessages(c.id()).stream()
        .sorted(Comparator.comparingInt(CampaignMessage::stepIndex))
        .toList()
        .get(step);
  }

  @Test
  void eachLeadGetsItsVariantsSubjectAndItsMessageEventsNameTheVariant() {
    List<Lead> leads = leads(0, 30);
    engine(SEQUENCE).enrol(leads);
    engine(SEQUENCE).runDue();
    int bs = 0;
    for (Lead lead : leads) {
      String variant = HOOK_SUBJECT.assign(lead.id()).name();
      OutgoingEmail hook = sender.sentTo(lead.email()).get(0);
      if (variant.equals("B")) {
        bs++;
        assertThat(hook.subject()).isEqualTo("Quick question for " + lead.company());
      } else {
        assertThat(hook.subject()).doesNotStartWith("Quick question");
      }
      assertThat(eventsOf(lead, EventType.MESSAGE_SENT))
          .singleElement()
          .satisfies(e -> assertThat(e.attribute("variant")).isEqualTo(variant));
      // the Proof has its own experiment: its scheduling event names the Proof's variant
      assertThat(eventsOf(lead, EventType.MESSAGE_SCHEDULED).get(1).attribute("variant"))
          .isEqualTo(PROOF_TIMING.assign(lead.id()).name());
    }
    assertThat(bs).isBetween(8, 22);
  }

  @Test
  void aTimingVariantMovesItsStep() {
    List<Lead> leads = leads(0, 20);
    engine(SEQUENCE).enrol(leads);
    engine(SEQUENCE).runDue();
    for (Lead lead : leads) {
      CampaignMessage hook = message(lead, 0);
      CampaignMessage proof = message(lead, 1);
      long days = PROOF_TIMING.assign(lead.id()).name().equals("fast") ? 1 : 5;
      assertThat(Duration.between(hook.sentAt(), proof.scheduledAt()))
          .isEqualTo(Duration.ofDays(days));
    }
  }

  @Test
  void promotingTheWinnerChangesNewCampaignsOnly() {
    List<Lead> first = leads(0, 20);
    engine(SEQUENCE).enrol(first);
    VariantComparison won =
        AbTest.compare(
            "ab-seq",
            "Hook",
            java.util.Map.of(
                "A",
                new Metrics(1000, 0, 0, 0, 0, 0, 20, 0, 0, 0),
                "B",
                new Metrics(1000, 0, 0, 0, 0, 0, 80, 0, 0, 0)),
            // the figures are replies (no positive ones): judged on replies, no longer the default
            // outcome
            AnalyticsOptions.defaults().withOutcome(com.fourrunr.campaign.analytics.Outcome.REPLY));
    Sequence promoted = AbTest.promoteWinner(SEQUENCE, won);
    List<Lead> second = leads(20, 40);
    engine(promoted).enrol(second);
    engine(promoted).runDue();
    List<String> firstVariants = new ArrayList<>();
    for (Lead lead : first) {
      assertThat(
              store
                  .findCampaignsByLead(lead.id())
                  .get(0)
                  .config()
                  .sequence()
                  .step(0)
                  .experiment()
                  .variants())
          .hasSize(2);
      firstVariants.add(eventsOf(lead, EventType.MESSAGE_SENT).get(0).attribute("variant"));
    }
    assertThat(firstVariants).contains("A", "B");
    for (Lead lead : second) {
      assertThat(eventsOf(lead, EventType.MESSAGE_SENT).get(0).attribute("variant")).isEqualTo("B");
      assertThat(sender.sentTo(lead.email()).get(0).subject())
          .isEqualTo("Quick question for " + lead.company());
    }
  }

  @Test
  void analyticsBuiltFromTheStoreCountTheRunPerVariantAndAttributeRepliesToTheirStep() {
    List<Lead> leads = leads(0, 12);
    engine(SEQUENCE).enrol(leads);
    CampaignEngine engine = engine(SEQUENCE);
    engine.runDue();
    Lead replier = leads.get(3);
    String hookId = message(replier, 0).messageId();
    clock.set(DAY0.plus(Duration.ofHours(5)));
    inbox.add(
        InboundReply.builder(replier.email(), clock.instant())
            .messageId("<r1@example.com>")
            .to(FROM.address())
            .source("script")
            .subject("Re: hello")
            .inReplyTo(hookId)
            .text("Interested - let's talk next week.")
            .build());
    engine.pollReplies();
    for (int d = 1; d <= 6; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      engine.runDue();
    }
    AnalyticsReport report = StoreAnalytics.build(store, AnalyticsOptions.defaults(), clock);
    assertThat(report.total("Hook", null).sent()).isEqualTo(12);
    assertThat(report.total("Hook", null).replied()).isEqualTo(1);
    assertThat(report.total("Hook", null).positiveReplies()).isEqualTo(1);
    assertThat(report.total("Proof", null).replied()).isZero();
    String replierVariant = HOOK_SUBJECT.assign(replier.id()).name();
    assertThat(report.total("Hook", replierVariant).replied()).isEqualTo(1);
    long proofsSent = leads.stream().filter(l -> l != replier).count();
    assertThat(report.total("Proof", null).sent()).isEqualTo(proofsSent);
    assertThat(report.total("Hook", "A").sent() + report.total("Hook", "B").sent()).isEqualTo(12);
    assertThat(report.funnel().get(0).stage()).isEqualTo("Hook");
    // The Proof's variants change its timing: judged per lead from enrolment, each lead once
    com.fourrunr.campaign.analytics.VariantComparison proof =
        report.experiments().stream()
            .filter(v -> v.step().equals("Proof"))
            .findFirst()
            .orElseThrow();
    assertThat(proof.scope()).isEqualTo(com.fourrunr.campaign.analytics.VariantComparison.SEQUENCE);
    assertThat(
            proof.variants().stream()
                .mapToLong(com.fourrunr.campaign.analytics.VariantStats::delivered)
                .sum())
        .isEqualTo(leads.size());
    assertThat(
            proof.variants().stream()
                .mapToLong(com.fourrunr.campaign.analytics.VariantStats::successes)
                .sum())
        .isEqualTo(1); // the replier's "yes" to the Hook counts once, in its Proof variant
    com.fourrunr.campaign.analytics.VariantComparison hook =
        report.experiments().stream()
            .filter(v -> v.step().equals("Hook"))
            .findFirst()
            .orElseThrow();
    assertThat(hook.scope()).isEqualTo(com.fourrunr.campaign.analytics.VariantComparison.STEP);
  }
}
