package com.fourrunr.campaign.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Metrics against figures computed by hand from a small, fully known event log. */
class EventAggregatorTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final Map<String, Lead> LEADS =
      Map.of(
          "L1",
              Lead.builder("L1", "a@saas.example")
                  .industry("SaaS")
                  .companySize("51-200")
                  .title("CEO")
                  .country("GB")
                  .customField("tier", "gold")
                  .build(),
          "L2",
              Lead.builder("L2", "b@saas.example")
                  .industry("SaaS")
                  .companySize("11-50")
                  .title("Marketing Manager")
                  .country("US")
                  .build(),
          "L3",
              Lead.builder("L3", "c@retail.example")
                  .industry("Retail")
                  .companySize("1,000+")
                  .title("VP Sales")
                  .country("US")
                  .build(),
          "L4", Lead.builder("L4", "d@x.example").build());

  private final List<CampaignEvent> log = new ArrayList<>();
  private int seq;

  private void ev(EventType type, String campaign, String lead, String messageId, String... attrs) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < attrs.length; i += 2) {
      a.put(attrs[i], attrs[i + 1]);
    }
    log.add(
        new CampaignEvent("e" + (seq++), type, T0.plusSeconds(seq), campaign, lead, messageId, a));
  }

  /** The log: 4 leads, Hook to all (one bounces), Proof to 2, FOMO to 1, opens, clicks, replies. */
  private void writeLog() {
    for (int i = 1; i <= 4; i++) {
      ev(EventType.CAMPAIGN_CREATED, "C" + i, "L" + i, null, "sequence", "seq");
    }
    ev(EventType.MESSAGE_SENT, "C1", "L1", "m1", "step", "Hook");
    ev(EventType.MESSAGE_SENT, "C2", "L2", "m2", "step", "Hook");
    ev(EventType.MESSAGE_SENT, "C3", "L3", "m3", "step", "Hook");
    ev(EventType.MESSAGE_BOUNCED, "C4", "L4", "m4", "step", "Hook", "replyCode", "550");
    // m1: three human opens, two human clicks
    ev(EventType.MESSAGE_OPENED, "C1", "L1", "m1", "traffic", "human");
    ev(EventType.MESSAGE_OPENED, "C1", "L1", "m1", "traffic", "human");
    ev(EventType.MESSAGE_OPENED, "C1", "L1", "m1", "traffic", "human");
    ev(EventType.LINK_CLICKED, "C1", "L1", "m1", "traffic", "human", "url", "https://x.example");
    ev(EventType.LINK_CLICKED, "C1", "L1", "m1", "traffic", "human", "url", "https://x.example");
    // m2: an Apple privacy prefetch and a scanner click only
    ev(
        EventType.MESSAGE_OPENED,
        "C2",
        "L2",
        "m2",
        "traffic",
        "machine",
        "machineReason",
        "apple-mpp");
    ev(
        EventType.LINK_CLICKED,
        "C2",
        "L2",
        "m2",
        "traffic",
        "machine",
        "machineReason",
        "scanner-agent");
    // m3: a machine open then a human one
    ev(
        EventType.MESSAGE_OPENED,
        "C3",
        "L3",
        "m3",
        "traffic",
        "machine",
        "machineReason",
        "apple-mpp");
    ev(EventType.MESSAGE_OPENED, "C3", "L3", "m3", "traffic", "human");
    // L1 answers the Hook with interest, twice (counts once)
    ev(EventType.REPLY_CLASSIFIED, "C1", "L1", "m1", "category", "INTERESTED", "step", "Hook");
    ev(EventType.REPLY_CLASSIFIED, "C1", "L1", "m1", "category", "INTERESTED", "step", "Hook");
    ev(EventType.MESSAGE_SENT, "C2", "L2", "p2", "step", "Proof");
    ev(EventType.MESSAGE_SENT, "C3", "L3", "p3", "step", "Proof");
    // L2 declines, matched by address only (no message id): attributed by the step attribute
    ev(EventType.REPLY_CLASSIFIED, "C2", "L2", null, "category", "NOT_INTERESTED", "step", "Proof");
    // L3: an auto-reply (not a reply by a person) and a spam complaint on the Proof
    ev(EventType.REPLY_CLASSIFIED, "C3", "L3", "p3", "category", "AUTO_REPLY", "step", "Proof");
    ev(EventType.REPLY_CLASSIFIED, "C3", "L3", "p3", "category", "COMPLAINT", "step", "Proof");
    ev(EventType.MESSAGE_SENT, "C3", "L3", "f3", "step", "FOMO");
    ev(
        EventType.REPLY_CLASSIFIED,
        "C3",
        "L3",
        "f3",
        "category",
        "UNSUBSCRIBE_REQUEST",
        "step",
        "FOMO");
    // an open of a campaign never seen
    ev(EventType.MESSAGE_OPENED, "C9", "L9", "m9", "traffic", "human");
  }

  private AnalyticsReport report(AnalyticsOptions options) {
    writeLog();
    EventAggregator agg =
        EventAggregator.create(options, id -> Optional.ofNullable(LEADS.get(id)), CLOCK);
    log.forEach(agg::accept);
    return agg.report();
  }

  @Test
  void perStepCountsMatchTheHandComputedFigures() {
    AnalyticsReport r = report(AnalyticsOptions.defaults());
    assertThat(r.total("Hook", null)).isEqualTo(new Metrics(4, 1, 2, 3, 1, 2, 1, 1, 0, 0));
    assertThat(r.total("Proof", null)).isEqualTo(new Metrics(2, 0, 0, 0, 0, 0, 1, 0, 0, 1));
    assertThat(r.total("FOMO", null)).isEqualTo(new Metrics(1, 0, 0, 0, 0, 0, 1, 0, 1, 0));
    assertThat(r.eventsRead()).isEqualTo(log.size());
    assertThat(r.unattributed()).isEqualTo(1);
  }

  @Test
  void ratesUseTheDocumentedDenominators() {
    Metrics hook = report(AnalyticsOptions.defaults()).total("Hook", null);
    assertThat(hook.delivered()).isEqualTo(3);
    assertThat(hook.deliveryRate()).isCloseTo(0.75, within(1e-12)); // 3 / 4 sent
    assertThat(hook.bounceRate()).isCloseTo(0.25, within(1e-12)); // 1 / 4 sent
    assertThat(hook.openRateHuman()).isCloseTo(2.0 / 3, within(1e-12)); // over 3 delivered
    assertThat(hook.openRateRaw()).isCloseTo(1.0, within(1e-12));
    assertThat(hook.clickRateHuman()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(hook.clickRateRaw()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(hook.replyRate()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(hook.positiveReplyRate()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Metrics.EMPTY.replyRate()).isZero();
  }

  @Test
  void funnelCountsLeadsPerStepAndAttributesEachReplyToTheStepItAnswered() {
    List<FunnelStage> funnel = report(AnalyticsOptions.defaults()).funnel();
    assertThat(funnel)
        .extracting(FunnelStage::stage)
        .containsExactly("Hook", "Proof", "FOMO", "RESPONSE");
    assertThat(funnel).extracting(FunnelStage::count).containsExactly(4L, 2L, 1L, 3L);
    assertThat(funnel).extracting(FunnelStage::repliesAttributed).containsExactly(1L, 1L, 1L, 1L);
    assertThat(funnel).extracting(FunnelStage::ofFirst).containsExactly(1.0, 0.5, 0.25, 0.75);
  }

  @Test
  void segmentsSplitTheFiguresByIndustrySizeSeniorityCountryAndCustomField() {
    AnalyticsReport r = report(AnalyticsOptions.defaults().withCustomFields(List.of("tier")));
    assertThat(cell(r, "industry", "SaaS", "Hook"))
        .isEqualTo(new Metrics(2, 0, 1, 2, 1, 2, 1, 1, 0, 0));
    assertThat(cell(r, "industry", "Retail", "Hook"))
        .isEqualTo(new Metrics(1, 0, 1, 1, 0, 0, 0, 0, 0, 0));
    assertThat(cell(r, "industry", "(unknown)", "Hook"))
        .isEqualTo(new Metrics(1, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(cell(r, "company_size", "501-1000", "FOMO").unsubscribed()).isEqualTo(1);
    assertThat(cell(r, "seniority", "c-level", "Hook").positiveReplies()).isEqualTo(1);
    assertThat(cell(r, "seniority", "manager", "Proof").replied()).isEqualTo(1);
    assertThat(cell(r, "seniority", "vp", "Proof").complaints()).isEqualTo(1);
    assertThat(cell(r, "country", "US", "Proof").sent()).isEqualTo(2);
    assertThat(cell(r, "custom:tier", "gold", "Hook").replied()).isEqualTo(1);
    assertThat(cell(r, "custom:tier", "(unknown)", "Hook").sent()).isEqualTo(3);
  }

  @Test
  void segmentValuesBeyondTheBoundCountAsOther() {
    AnalyticsReport r = report(AnalyticsOptions.defaults().withMaxSegmentValues(1));
    // industry values in order of first sight: SaaS (kept), then SaaS, Retail and none (other)
    assertThat(cell(r, "industry", "SaaS", "Hook").sent()).isEqualTo(2);
    assertThat(cell(r, "industry", "(other)", "Hook").sent()).isEqualTo(2);
  }

  @Test
  void leadsAreLookedUpOnceAndCampaignStateStaysWithinItsBound() {
    writeLog();
    AtomicInteger lookups = new AtomicInteger();
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults().withMaxCampaignStates(2),
            id -> {
              lookups.incrementAndGet();
              return Optional.ofNullable(LEADS.get(id));
            },
            CLOCK);
    log.forEach(agg::accept);
    assertThat(agg.campaignStateCount()).isEqualTo(2);
    // C1's and C2's states are evicted by C3's and C4's; opens of evicted campaigns count as
    // unattributed,
    // never twice. Evicted campaigns are re-created by later sends, but each lead is looked up once
    // (a bounded cache)
    assertThat(lookups.get()).isEqualTo(4);
    assertThat(agg.report().unattributed()).isPositive();
  }

  @Test
  void groupsGrowWithTheGroupsNotTheEvents() {
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults(),
            id -> Optional.ofNullable(LEADS.get("L" + (1 + Math.floorMod(id.hashCode(), 4)))),
            CLOCK);
    for (int i = 0; i < 20_000; i++) {
      String c = "C" + i;
      agg.accept(
          new CampaignEvent(
              "c" + i,
              EventType.CAMPAIGN_CREATED,
              T0,
              c,
              "L" + i,
              null,
              Map.of("sequence", "seq")));
      agg.accept(
          new CampaignEvent(
              "s" + i, EventType.MESSAGE_SENT, T0, c, "L" + i, "m" + i, Map.of("step", "Hook")));
      agg.accept(
          new CampaignEvent(
              "o" + i,
              EventType.MESSAGE_OPENED,
              T0,
              c,
              "L" + i,
              "m" + i,
              Map.of("traffic", "human")));
      agg.forget(c);
    }
    int groups = agg.groupCount();
    assertThat(groups).isLessThan(30); // 5 dimensions x at most 4 distinct leads' values
    assertThat(agg.report().total("Hook", null).openedHuman()).isEqualTo(20_000);
    assertThat(agg.campaignStateCount()).isZero();
  }

  @Test
  void anUnsubscribeReplyAndTheSuppressionItCausesCountOnceOnTheStepAnswered() {
    ev(EventType.CAMPAIGN_CREATED, "C1", "L1", null, "sequence", "seq");
    ev(EventType.MESSAGE_SENT, "C1", "L1", "m1", "step", "Hook");
    ev(EventType.MESSAGE_SENT, "C1", "L1", "p1", "step", "Proof");
    ev(
        EventType.REPLY_CLASSIFIED,
        "C1",
        "L1",
        "m1",
        "category",
        "UNSUBSCRIBE_REQUEST",
        "step",
        "Hook");
    ev(EventType.ADDRESS_SUPPRESSED, "C1", "L1", null, "reason", "UNSUBSCRIBE_REQUEST");
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults(), id -> Optional.ofNullable(LEADS.get(id)), CLOCK);
    log.forEach(agg::accept);
    AnalyticsReport r = agg.report();
    assertThat(r.total("Hook", null).unsubscribed()).isEqualTo(1);
    assertThat(r.total("Proof", null).unsubscribed()).isZero();
  }

  @Test
  void variantsAndChannelsAreSeparateRows() {
    ev(EventType.CAMPAIGN_CREATED, "C1", "L1", null, "sequence", "seq");
    ev(EventType.MESSAGE_SENT, "C1", "L1", "m1", "step", "Hook", "variant", "B");
    ev(EventType.REPLY_CLASSIFIED, "C1", "L1", "m1", "category", "WRONG_PERSON", "step", "Hook");
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults(), id -> Optional.ofNullable(LEADS.get(id)), CLOCK);
    log.forEach(agg::accept);
    AnalyticsReport r = agg.report();
    assertThat(r.rows(Segments.ALL))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.variant()).isEqualTo("B");
              assertThat(row.channel()).isEqualTo("EMAIL");
              assertThat(row.metrics().replied()).isEqualTo(1);
              assertThat(row.metrics().positiveReplies()).isZero();
            });
  }

  @Test
  void linkedinTasksCountOnTheirOwnChannelOnceTheEventTypesExist() {
    EventType reported = EventType.CHANNEL_TASK_REPORTED;
    ev(EventType.CAMPAIGN_CREATED, "C1", "L1", null, "sequence", "seq");
    ev(
        reported,
        "C1",
        "L1",
        null,
        "channel",
        "LINKEDIN",
        "taskKind",
        "CONNECTION_NOTE",
        "outcome",
        "SENT");
    ev(
        reported,
        "C1",
        "L1",
        null,
        "channel",
        "LINKEDIN",
        "taskKind",
        "CONNECTION_NOTE",
        "outcome",
        "REPLIED");
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults(), id -> Optional.ofNullable(LEADS.get(id)), CLOCK);
    log.forEach(agg::accept);
    MetricsRow row = agg.report().rows(Segments.ALL).get(0);
    assertThat(row.channel()).isEqualTo("LINKEDIN");
    assertThat(row.step()).isEqualTo("CONNECTION_NOTE");
    assertThat(row.metrics().sent()).isEqualTo(1);
    assertThat(row.metrics().replied()).isEqualTo(1);
  }

  @Test
  void timingVariantsAreComparedPerLeadOnTheWholeSequenceFromEnrolment() {
    // Four leads; the Proof's timing experiment assigns C1, C2 to "fast" and C3, C4 to "slow" at
    // enrolment
    // (the messages are checked then, each event naming its variant). C1 answers the Hook with
    // interest
    // before any Proof; C2 gets the fast Proof; C3 and C4 the slow one, and C4 answers it with
    // interest.
    for (int i = 1; i <= 4; i++) {
      String arm = i <= 2 ? "fast" : "slow";
      ev(EventType.CAMPAIGN_CREATED, "C" + i, "L1", null, "sequence", "seq");
      ev(EventType.MESSAGE_CHECKED, "C" + i, "L1", "h" + i, "step", "Hook");
      ev(
          EventType.MESSAGE_CHECKED,
          "C" + i,
          "L1",
          "p" + i,
          "step",
          "Proof",
          "variant",
          arm,
          "variantTiming",
          "true");
      ev(EventType.MESSAGE_SENT, "C" + i, "L1", "h" + i, "step", "Hook");
    }
    ev(EventType.REPLY_CLASSIFIED, "C1", "L1", "h1", "category", "INTERESTED", "step", "Hook");
    for (int i = 2; i <= 4; i++) {
      ev(
          EventType.MESSAGE_SENT,
          "C" + i,
          "L1",
          "p" + i,
          "step",
          "Proof",
          "variant",
          i == 2 ? "fast" : "slow",
          "variantTiming",
          "true");
    }
    ev(EventType.REPLY_CLASSIFIED, "C4", "L1", "p4", "category", "INTERESTED", "step", "Proof");
    EventAggregator agg =
        EventAggregator.create(
            AnalyticsOptions.defaults(), id -> Optional.ofNullable(LEADS.get(id)), CLOCK);
    log.forEach(agg::accept);
    AnalyticsReport r = agg.report();
    // Per step the Proof would read fast 0/1 against slow 1/2: the fast arm lost C1 to its early
    // "yes".
    assertThat(r.total("Proof", "fast").delivered()).isEqualTo(1);
    assertThat(r.total("Proof", "slow").positiveReplies()).isEqualTo(1);
    VariantComparison proof =
        r.experiments().stream().filter(v -> v.step().equals("Proof")).findFirst().orElseThrow();
    assertThat(proof.scope()).isEqualTo(VariantComparison.SEQUENCE);
    // Per lead from enrolment: each arm has 2 leads and 1 positive outcome.
    assertThat(proof.variants())
        .extracting(VariantStats::variant, VariantStats::delivered, VariantStats::successes)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("fast", 2L, 1L),
            org.assertj.core.groups.Tuple.tuple("slow", 2L, 1L));
    assertThat(proof.verdict()).contains("judged per lead on the whole sequence");
  }

  private static Metrics cell(AnalyticsReport r, String dimension, String segment, String step) {
    return r.rows(dimension).stream()
        .filter(x -> x.segment().equals(segment) && x.step().equals(step))
        .map(MetricsRow::metrics)
        .reduce(Metrics.EMPTY, Metrics::plus);
  }
}
