package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.ReplyPolicy;
import com.fourrunr.campaign.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each reply category does to its campaign under the default {@link ReplyPolicy} and under
 * changed ones, on the settable clock. The classifier is scripted here so each test is about the
 * policy alone (the rule-based classifier has its own tests and corpus).
 */
class ReplyPolicyTest {
  /** Day 0: Monday 2 March 2026, 09:00 UTC. */
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDomain("engines.example")
          .industry("Computing")
          .companyDescription("Analytical Engines builds programmable calculating machines.")
          .topServices("Engine design")
          .title("Head of Research")
          .emailConfidence(EmailConfidence.REAL)
          .build();
  private static final Lead CHARLES =
      Lead.builder("L-charles", "charles@engines.example")
          .firstName("Charles")
          .company("Analytical Engines")
          .companyDomain("engines.example")
          .industry("Manufacturing")
          .companyDescription(
              "Difference engines for printing mathematical tables, built to order.")
          .topServices("Table printing")
          .title("Founder")
          .emailConfidence(EmailConfidence.REAL)
          .build();
  private static final Lead GRACE =
      Lead.builder("L-grace", "grace@navy.example")
          .firstName("Grace")
          .company("Navy Labs")
          .industry("Defence")
          .companyDescription("Navy Labs writes compilers for the fleet.")
          .topServices("Compilers")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final AtomicReference<ReplyClassification> verdict = new AtomicReference<>();
  private CampaignEngine engine;

  @BeforeEach
  void start() {
    engine = engine(ReplyPolicy.defaults());
  }

  private CampaignEngine engine(ReplyPolicy policy) {
    // calendar days at any hour: these tests are about the reply policy, not the business calendar
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(FROM)
        .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
        .classifier(r -> verdict.get())
        .replyPolicy(policy)
        .build();
  }

  private static Instant day(int n) {
    return DAY0.plus(Duration.ofDays(n));
  }

  /** Enrols the leads and sends the Hook on day 0. */
  private void hookSent(Lead... leads) {
    engine.enrol(List.of(leads));
    clock.set(day(0));
    engine.runDue();
  }

  private void runDays(int first, int last) {
    for (int d = first; d <= last; d++) {
      clock.set(day(d));
      engine.runDue();
    }
  }

  private ReplyOutcome reply(
      Lead lead, ReplyCategory category, LocalDate returnDate, double confidence) {
    verdict.set(new ReplyClassification(category, returnDate, "scripted", confidence));
    String hook = sender.sentTo(lead.email()).get(0).messageId();
    return engine.receive(
        InboundReply.builder(lead.email(), clock.instant())
            .messageId(
                "<"
                    + category
                    + "-"
                    + clock.instant().toEpochMilli()
                    + "@"
                    + lead.companyDomain()
                    + ">")
            .subject("Re: " + sender.sentTo(lead.email()).get(0).subject())
            .inReplyTo(hook)
            .text("...")
            .build());
  }

  private ReplyOutcome reply(Lead lead, ReplyCategory category) {
    return reply(lead, category, null, 0.9);
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private List<DeliveryStatus> statusesOf(Lead lead) {
    return store.findMessages(campaignOf(lead).id()).stream().map(CampaignMessage::status).toList();
  }

  private List<CampaignEvent> events(EventType type) {
    return store.findEventsByType(type, null, 100);
  }

  private List<Integer> sendDays(Lead lead) {
    return sender.sentTo(lead.email()).stream()
        .map(OutgoingEmail::messageId)
        .map(id -> store.findMessageByMessageId(id).orElseThrow().sentAt())
        .map(at -> (int) Duration.between(DAY0, at).toDays())
        .toList();
  }

  @Test
  void interestedRespondsFlagsTheLeadAndRecordsDateCategoryAndStep() {
    hookSent(ADA);
    clock.set(day(1));

    ReplyOutcome outcome = reply(ADA, ReplyCategory.INTERESTED);

    assertThat(outcome.action()).isEqualTo("campaign RESPONDED, lead flagged");
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(statusesOf(ADA))
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(events(EventType.LEAD_FLAGGED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("category", "INTERESTED")
                    .containsEntry("step", "Hook"));
    assertThat(events(EventType.CAMPAIGN_RESPONDED))
        .first()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("category", "INTERESTED")
                    .containsEntry("step", "Hook")
                    .containsEntry("respondedAt", day(1).toString()));
    assertThat(events(EventType.REPLY_CLASSIFIED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("receivedAt", day(1).toString())
                    .containsEntry("step", "Hook")
                    .containsEntry("confidence", "0.9"));
    assertThat(store.isSuppressed(ADA.email())).isFalse();
  }

  @Test
  void notInterestedRespondsAndSuppressesTheAddressForEveryCampaign() {
    hookSent(ADA);
    clock.set(day(1));

    assertThat(reply(ADA, ReplyCategory.NOT_INTERESTED).action())
        .isEqualTo("campaign RESPONDED, address suppressed");

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(store.isSuppressed(ADA.email())).isTrue();
    Lead again = ADA.toBuilder().id("L-ada-2").build();
    assertThat(engine.enrol(List.of(again)).skippedByReason())
        .containsExactly(Map.entry(SkipReason.SUPPRESSED, 1));
  }

  @Test
  void unsubscribeRequestStopsAndSuppresses() {
    hookSent(ADA);
    clock.set(day(1));

    reply(ADA, ReplyCategory.UNSUBSCRIBE_REQUEST);
    runDays(2, 10);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(ADA.email())).isTrue();
    assertThat(sendDays(ADA)).containsExactly(0);
  }

  @Test
  void wrongPersonRespondsWithoutSuppressing() {
    hookSent(ADA);
    clock.set(day(1));

    reply(ADA, ReplyCategory.WRONG_PERSON);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(store.isSuppressed(ADA.email())).isFalse();
  }

  @Test
  void outOfOfficeResumesTheNextStepOnTheBusinessDayAfterTheReturnDate() {
    hookSent(ADA);
    clock.set(day(1));

    // Back on Friday 6 March: the Proof goes on Monday 9 March (day 7), not on the Saturday.
    ReplyOutcome outcome = reply(ADA, ReplyCategory.OUT_OF_OFFICE, LocalDate.of(2026, 3, 6), 0.95);

    Instant monday = Instant.parse("2026-03-09T00:00:00Z");
    assertThat(outcome.action()).isEqualTo("campaign PAUSED until " + monday);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaignOf(ADA).resumeAt()).isEqualTo(monday);
    assertThat(events(EventType.CAMPAIGN_RESPONDED)).isEmpty();
    runDays(2, 6);
    assertThat(sendDays(ADA)).containsExactly(0);
    runDays(7, 11);
    assertThat(sendDays(ADA)).containsExactly(0, 7, 11);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void outOfOfficeWithoutReturnDatePausesForTheConfiguredDefault() {
    engine = engine(ReplyPolicy.defaults().withOutOfOfficeDefaultPause(Duration.ofDays(3)));
    hookSent(ADA);
    clock.set(day(1));

    reply(ADA, ReplyCategory.OUT_OF_OFFICE);

    assertThat(campaignOf(ADA).resumeAt()).isEqualTo(day(4));
    runDays(2, 8);
    assertThat(sendDays(ADA)).containsExactly(0, 4, 8);
  }

  @Test
  void outOfOfficeWithAPassedReturnDateChangesNothing() {
    hookSent(ADA);
    clock.set(day(1));

    ReplyOutcome outcome = reply(ADA, ReplyCategory.OUT_OF_OFFICE, LocalDate.of(2026, 2, 20), 0.95);

    assertThat(outcome.action()).startsWith("no change");
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void hardBounceStopsAndSuppresses() {
    hookSent(ADA);
    clock.set(day(0).plusSeconds(60));

    reply(ADA, ReplyCategory.BOUNCE_HARD);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(ADA.email())).isTrue();
    assertThat(events(EventType.ADDRESS_SUPPRESSED))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("reason")).isEqualTo("BOUNCE_HARD"));
  }

  @Test
  void softBounceRetriesTheStepLaterAndStopsAtTheLimit() {
    engine = engine(ReplyPolicy.defaults().withSoftBounces(2, Duration.ofHours(6)));
    hookSent(ADA);
    clock.set(day(0).plusSeconds(60));

    ReplyOutcome first = reply(ADA, ReplyCategory.BOUNCE_SOFT);

    assertThat(first.action())
        .contains("retried at " + day(0).plusSeconds(60).plus(Duration.ofHours(6)));
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.ACTIVE);
    clock.set(day(0).plus(Duration.ofHours(7)));
    engine.runDue();
    assertThat(sender.sentTo(ADA.email())).hasSize(2);
    assertThat(store.isSuppressed(ADA.email())).isFalse();

    clock.set(day(0).plus(Duration.ofHours(8)));
    ReplyOutcome second = reply(ADA, ReplyCategory.BOUNCE_SOFT);

    assertThat(second.action()).contains("campaign STOPPED after 2 soft bounces");
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(ADA.email())).isFalse();
  }

  @Test
  void complaintStopsSuppressesAndRaisesAnAlert() {
    hookSent(ADA);
    clock.set(day(1));

    ReplyOutcome outcome = reply(ADA, ReplyCategory.COMPLAINT);

    assertThat(outcome.action()).isEqualTo("campaign STOPPED, address suppressed, alert raised");
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(ADA.email())).isTrue();
    assertThat(events(EventType.ALERT_RAISED))
        .singleElement()
        .satisfies(e -> assertThat(e.campaignId()).isEqualTo(campaignOf(ADA).id()));
  }

  @Test
  void autoReplyChangesNothing() {
    hookSent(ADA);
    clock.set(day(1));

    assertThat(reply(ADA, ReplyCategory.AUTO_REPLY).action()).isEqualTo("no change");
    runDays(2, 7);

    assertThat(sendDays(ADA)).containsExactly(0, 3, 7);
  }

  @Test
  void needsReviewPausesTheCampaignUntilAPersonResumesIt() {
    hookSent(ADA);
    clock.set(day(1));

    assertThat(reply(ADA, ReplyCategory.NEEDS_REVIEW).action())
        .isEqualTo("campaign PAUSED for review");
    runDays(2, 9);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaignOf(ADA).resumeAt()).isNull();
    assertThat(sendDays(ADA)).containsExactly(0);
    engine.resume(campaignOf(ADA).id());
    engine.runDue();
    assertThat(sendDays(ADA)).containsExactly(0, 9);
  }

  @Test
  void verdictBelowTheSensitivityGoesToAPerson() {
    engine = engine(ReplyPolicy.defaults().withMinConfidence(0.8));
    hookSent(ADA);
    clock.set(day(1));

    ReplyOutcome outcome = reply(ADA, ReplyCategory.NOT_INTERESTED, null, 0.7);

    assertThat(outcome.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(store.isSuppressed(ADA.email())).isFalse();
    assertThat(events(EventType.REPLY_CLASSIFIED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attribute("evidence"))
                    .contains("below 0.8")
                    .contains("NOT_INTERESTED"));
  }

  @Test
  void changedPolicyKeepsANotInterestedAddressMailableByOtherCampaigns() {
    engine =
        engine(
            ReplyPolicy.defaults()
                .withAction(
                    ReplyCategory.NOT_INTERESTED,
                    ReplyPolicy.Action.of(ReplyPolicy.Effect.RESPOND)));
    hookSent(ADA);
    clock.set(day(1));

    reply(ADA, ReplyCategory.NOT_INTERESTED);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(store.isSuppressed(ADA.email())).isFalse();
  }

  @Test
  void companyWideStopPausesTheOtherCampaignsAtTheLeadsDomainOnly() {
    engine = engine(ReplyPolicy.defaults().withCompanyWideStop(true));
    hookSent(ADA, CHARLES, GRACE);
    clock.set(day(1));

    ReplyOutcome outcome = reply(ADA, ReplyCategory.INTERESTED);

    assertThat(outcome.action()).endsWith("1 other campaign(s) at engines.example paused");
    assertThat(campaignOf(CHARLES).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaignOf(CHARLES).statusReason()).contains("company-wide stop");
    assertThat(campaignOf(GRACE).status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void withoutCompanyWideStopColleaguesCampaignsGoOn() {
    hookSent(ADA, CHARLES);
    clock.set(day(1));

    reply(ADA, ReplyCategory.INTERESTED);

    assertThat(campaignOf(CHARLES).status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void automaticMailDoesNotTriggerTheCompanyWideStop() {
    engine = engine(ReplyPolicy.defaults().withCompanyWideStop(true));
    hookSent(ADA, CHARLES);
    clock.set(day(1));

    reply(ADA, ReplyCategory.OUT_OF_OFFICE, LocalDate.of(2026, 3, 10), 0.95);

    assertThat(campaignOf(CHARLES).status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void replyWithoutThreadingIsMatchedToTheCampaignWhoseSubjectItCarries() {
    hookSent(ADA);
    // A second, later campaign to the same address (the first one completed).
    runDays(1, 7);
    Lead adaAgain = ADA.toBuilder().id("L-ada-b").build();
    engine.enrol(List.of(adaAgain));
    clock.set(day(8));
    engine.runDue();
    String firstSubject = store.findMessages(campaignOf(ADA).id()).get(2).subject();
    verdict.set(new ReplyClassification(ReplyCategory.INTERESTED, null, "scripted", 0.9));

    ReplyOutcome outcome =
        engine.receive(
            InboundReply.builder(ADA.email(), day(9))
                .messageId("<no-thread@engines.example>")
                .subject("AW: " + firstSubject)
                .text("Gerne.")
                .build());

    assertThat(outcome.campaignId()).isEqualTo(campaignOf(ADA).id());
  }

  @Test
  void bounceIsMatchedByTheReportsFinalRecipientWhenNothingElseMatches() {
    hookSent(ADA);
    verdict.set(new ReplyClassification(ReplyCategory.BOUNCE_HARD, null, "scripted", 1.0));

    ReplyOutcome outcome =
        engine.receive(
            InboundReply.builder("mailer-daemon@mx.example", day(0).plusSeconds(30))
                .messageId("<dsn@mx.example>")
                .subject("Undelivered Mail Returned to Sender")
                .header(InboundReply.DSN_FINAL_RECIPIENT, ADA.email())
                .header(InboundReply.DSN_STATUS, "5.1.1")
                .text("gone")
                .build());

    assertThat(outcome.campaignId()).isEqualTo(campaignOf(ADA).id());
    assertThat(store.isSuppressed(ADA.email())).isTrue();
  }

  @Test
  void policyWithoutAnActionForEveryCategoryIsRejectedNamingTheField() {
    Map<ReplyCategory, ReplyPolicy.Action> actions =
        new java.util.EnumMap<>(ReplyPolicy.defaultActions());
    actions.remove(ReplyCategory.COMPLAINT);

    assertThatThrownBy(
            () -> new ReplyPolicy(actions, 1.5, Duration.ZERO, 0, Duration.ofDays(1), false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("actions")
        .hasMessageContaining("COMPLAINT")
        .hasMessageContaining("minConfidence")
        .hasMessageContaining("outOfOfficeDefaultPause")
        .hasMessageContaining("maxSoftBounces");
  }

  @Test
  void businessDayAfterSkipsTheWeekend() {
    assertThat(ReplyPolicy.businessDayAfter(LocalDate.of(2026, 3, 5)))
        .isEqualTo(LocalDate.of(2026, 3, 6));
    assertThat(ReplyPolicy.businessDayAfter(LocalDate.of(2026, 3, 6)))
        .isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(ReplyPolicy.businessDayAfter(LocalDate.of(2026, 3, 7)))
        .isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(ReplyPolicy.businessDayAfter(LocalDate.of(2026, 3, 8)))
        .isEqualTo(LocalDate.of(2026, 3, 9));
  }
}
