package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.IllegalTransitionException;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.RunReport;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with the in-memory fakes, driven day by day by a {@link SettableClock}. Nothing
 * sleeps: time moves only when a test moves the clock.
 */
class CampaignEngineEndToEndTest {

  /** Day 0: Monday 2 March 2026, 09:00 UTC. */
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  private static final Lead ADA =
      Lead.builder("L-ada", "ada@example.com")
          .firstName("Ada")
          .company("Analytical Engines")
          .industry("Computing")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();
  private static final Lead GRACE =
      Lead.builder("L-grace", "grace@navy.example")
          .firstName("Grace")
          .company("Navy Labs")
          .companyDescription("Navy Labs writes compilers for the fleet's computers.")
          .emailConfidence(EmailConfidence.PATTERN)
          .build();
  private static final Lead LINUS =
      Lead.builder("L-linus", "linus@example.org")
          .firstName("Linus")
          .emailConfidence(EmailConfidence.GUESS)
          .build();

  /** No confidence given: UNKNOWN. */
  private static final Lead KEN = Lead.builder("L-ken", "ken@example.net").firstName("Ken").build();

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final ScriptedReplySource inbox = new ScriptedReplySource(clock);
  private final List<CampaignEvent> heard = new ArrayList<>();
  private final List<ReplyOutcome> outcomes = new ArrayList<>();

  /** What the sender accepted, by the day of the run that sent it. */
  private final Map<Integer, List<OutgoingEmail>> sentOnDay = new TreeMap<>();

  private CampaignEngine engine;

  @BeforeEach
  void buildEngine() {
    engine = engineBuilder().build();
  }

  private CampaignEngineBuilder engineBuilder() {
    // These tests pin the engine's state machine to exact 24-hour days; the business-day schedule
    // (the
    // default) is tested in BusinessScheduleEngineTest.
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(sender)
        .replySource(inbox)
        .clock(clock)
        .from(FROM)
        .listener(heard::add);
  }

  private static Instant day(int n) {
    return DAY0.plus(Duration.ofDays(n));
  }

  /**
   * Each day from {@code first} to {@code last}: the clock moves to 09:00 of it, replies are read,
   * due mail sent.
   */
  private void runDays(int first, int last) {
    for (int d = first; d <= last; d++) {
      clock.set(day(d));
      outcomes.addAll(engine.pollReplies());
      int before = sender.sent().size();
      engine.runDue();
      List<OutgoingEmail> all = sender.sent();
      if (all.size() > before) {
        sentOnDay
            .computeIfAbsent(d, k -> new ArrayList<>())
            .addAll(all.subList(before, all.size()));
      }
    }
  }

  private Map<Integer, List<String>> sendDaysTo(String address) {
    Map<Integer, List<String>> days = new TreeMap<>();
    sentOnDay.forEach(
        (d, mails) ->
            mails.stream()
                .filter(m -> m.to().equals(address))
                .forEach(m -> days.computeIfAbsent(d, k -> new ArrayList<>()).add(m.subject())));
    return days;
  }

  private Campaign campaignOf(Lead lead) {
    List<Campaign> campaigns = store.findCampaignsByLead(lead.id());
    assertThat(campaigns).as("campaigns of %s", lead.id()).hasSize(1);
    return campaigns.get(0);
  }

  private List<CampaignMessage> messagesOf(Lead lead) {
    return store.findMessages(campaignOf(lead).id());
  }

  private List<EventType> eventTypesOf(Lead lead) {
    return store.findEvents(campaignOf(lead).id()).stream().map(CampaignEvent::type).toList();
  }

  private String hookMessageIdOf(Lead lead) {
    return sender.sentTo(lead.email()).get(0).messageId();
  }

  private static InboundReply.Builder replyFrom(Lead lead, Instant at, String messageId) {
    return InboundReply.builder(lead.email(), at)
        .messageId(messageId)
        .to(FROM.address())
        .source("script");
  }

  // ---------------------------------------------------------------------------------------------
  // The whole sequence

  @Test
  void hookGoesOutOnDayZeroProofOnDayThreeAndFomoOnDaySeven() {
    EnrolmentReport report = engine.enrol(List.of(ADA, GRACE, LINUS, KEN));

    assertThat(report.read()).isEqualTo(4);
    assertThat(report.enrolled()).isEqualTo(2);
    assertThat(report.skipped()).isEqualTo(2);
    assertThat(report.skippedByReason())
        .containsExactly(Map.entry(SkipReason.EMAIL_CONFIDENCE_TOO_LOW, 2));

    runDays(0, 10);

    for (Lead lead : List.of(ADA, GRACE)) {
      assertThat(sendDaysTo(lead.email()))
          .as("send days of %s", lead.id())
          .containsOnlyKeys(0, 3, 7);
      List<CampaignMessage> m = messagesOf(lead);
      assertThat(m)
          .extracting(CampaignMessage::type)
          .containsExactly(MessageType.HOOK, MessageType.PROOF, MessageType.FOMO);
      assertThat(m).extracting(CampaignMessage::status).containsOnly(DeliveryStatus.SENT);
      assertThat(m).extracting(CampaignMessage::sentAt).containsExactly(day(0), day(3), day(7));
      assertThat(m).extracting(CampaignMessage::attempts).containsOnly(1);
      assertThat(m)
          .extracting(CampaignMessage::providerResponse)
          .allSatisfy(r -> assertThat(r).startsWith("250"));
      Campaign c = campaignOf(lead);
      assertThat(c.status()).isEqualTo(CampaignStatus.COMPLETED);
      assertThat(c.updatedAt()).isEqualTo(day(7));
    }
    assertThat(sentOnDay).containsOnlyKeys(0, 3, 7);
    assertThat(sender.sent()).hasSize(6);
    assertThat(sender.attempts()).isEqualTo(6);
  }

  @Test
  void sentMailCarriesTheStoredTextAndAddresses() {
    engine.enrol(List.of(ADA));
    runDays(0, 10);

    List<OutgoingEmail> mails = sender.sentTo(ADA.email());
    List<CampaignMessage> stored = messagesOf(ADA);
    assertThat(mails).hasSize(3);
    for (int i = 0; i < 3; i++) {
      OutgoingEmail mail = mails.get(i);
      CampaignMessage m = stored.get(i);
      assertThat(mail.from()).isEqualTo(FROM);
      assertThat(mail.to()).isEqualTo("ada@example.com");
      assertThat(mail.subject()).isEqualTo(m.subject());
      assertThat(mail.textBody())
          .isEqualTo(m.textBody())
          .contains("Ada")
          .contains("Analytical Engines");
      assertThat(mail.messageId()).isEqualTo(m.messageId()).matches("<[^<>@\\s]+@4runr\\.test>");
      assertThat(store.findMessageByMessageId(mail.messageId())).contains(m);
    }
    assertThat(mails).extracting(OutgoingEmail::messageId).doesNotHaveDuplicates();
  }

  @Test
  void followUpsThreadUnderTheEarlierMessageIds() {
    engine.enrol(List.of(ADA));
    runDays(0, 10);

    List<OutgoingEmail> mails = sender.sentTo(ADA.email());
    OutgoingEmail hook = mails.get(0);
    OutgoingEmail proof = mails.get(1);
    OutgoingEmail fomo = mails.get(2);

    assertThat(hook.inReplyTo()).isNull();
    assertThat(hook.references()).isEmpty();
    assertThat(proof.inReplyTo()).isEqualTo(hook.messageId());
    assertThat(proof.references()).containsExactly(hook.messageId());
    assertThat(fomo.inReplyTo()).isEqualTo(proof.messageId());
    assertThat(fomo.references()).containsExactly(hook.messageId(), proof.messageId());
  }

  @Test
  void guessAndUnknownAddressesAreSkippedWithTheirReasonAndAnEvent() {
    EnrolmentReport report = engine.enrol(List.of(LINUS, ADA, KEN));

    assertThat(report.skips())
        .extracting(s -> s.leadId() + ":" + s.reason())
        .containsExactly("L-linus:EMAIL_CONFIDENCE_TOO_LOW", "L-ken:EMAIL_CONFIDENCE_TOO_LOW");
    assertThat(report.skips()).allSatisfy(s -> assertThat(s.detail()).contains("email_confidence"));
    assertThat(report.skipsTruncated()).isFalse();

    List<CampaignEvent> skipped = store.findEventsByType(EventType.LEAD_SKIPPED, null, 10);
    assertThat(skipped).extracting(CampaignEvent::leadId).containsExactly("L-linus", "L-ken");
    assertThat(skipped)
        .allSatisfy(
            e -> {
              assertThat(e.attribute("reason")).isEqualTo("EMAIL_CONFIDENCE_TOO_LOW");
              assertThat(e.campaignId()).isNull();
              assertThat(e.occurredAt()).isEqualTo(DAY0);
            });
    assertThat(heard).filteredOn(e -> e.type() == EventType.LEAD_SKIPPED).hasSize(2);
    assertThat(store.findCampaignsByLead("L-linus")).isEmpty();
    assertThat(store.findCampaignsByLead("L-ken")).isEmpty();

    runDays(0, 10);
    assertThat(sender.sentTo(LINUS.email())).isEmpty();
    assertThat(sender.sentTo(KEN.email())).isEmpty();
  }

  @Test
  void enrolmentFromACsvFileSkipsBadRowsWithTheirRowAndField(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("leads.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "id,email,first_name,company,top_services,email_confidence,engagement_status",
            "L-1,ada@example.com,Ada,Analytical Engines,Engine design,Real,",
            "L-2,not-an-address,Grace,Navy,Compilers,Real,",
            "L-3,linus@example.org,Linus,Kernel,Kernels,Guess,",
            "L-4,ken@example.net,Ken,Bell Labs,Unix,Pattern,Engaged",
            "L-5,dennis@example.net,Dennis,Bell Labs,C compilers,Pattern,do not contact",
            "L-6,bjarne@example.net,Bjarne,Bell Labs,C++ tooling,pattern,contacted",
            ""));

    EnrolmentReport report = engine.enrol(CsvLeadSource.of(csv));

    assertThat(report.read()).isEqualTo(6);
    assertThat(report.enrolled()).isEqualTo(2);
    assertThat(report.skips())
        .extracting(Skip::location, Skip::reason)
        .containsExactly(
            tuple("row 3", SkipReason.INVALID_LEAD),
            tuple("row 4", SkipReason.EMAIL_CONFIDENCE_TOO_LOW),
            tuple("row 5", SkipReason.ENGAGEMENT_STATUS),
            tuple("row 6", SkipReason.ENGAGEMENT_STATUS));
    assertThat(report.skips().get(0).detail()).startsWith("email: ").contains("not-an-address");
    assertThat(report.skips().get(0).leadId()).isNull();

    runDays(0, 0);
    assertThat(sender.sent())
        .extracting(OutgoingEmail::to)
        .containsExactlyInAnyOrder("ada@example.com", "bjarne@example.net");
  }

  @Test
  void leadAlreadyInAnOpenCampaignIsNotEnrolledTwice() {
    engine.enrol(List.of(ADA));
    EnrolmentReport again = engine.enrol(List.of(ADA));

    assertThat(again.enrolled()).isZero();
    assertThat(again.skips())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo(SkipReason.ALREADY_IN_CAMPAIGN));
    assertThat(store.findCampaignsByLead(ADA.id())).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Replies

  @Test
  void interestedReplyAfterTheHookEndsTheCampaignAndCancelsTheRest() {
    engine.enrol(List.of(ADA, GRACE));
    runDays(0, 0);
    String hookId = hookMessageIdOf(ADA);
    inbox.add(
        replyFrom(ADA, day(1).minus(Duration.ofHours(3)), "<reply-1@example.com>")
            .subject("Re: " + sender.sentTo(ADA.email()).get(0).subject())
            .inReplyTo(hookId)
            .references(List.of(hookId))
            .text(
                "Interested - let's talk next week.\n\nOn Mon, 2 Mar 2026, 4Runr wrote:\n> Hi Ada,")
            .build());

    runDays(1, 10);

    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0);
    Campaign ada = campaignOf(ADA);
    assertThat(ada.status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(ada.statusReason()).contains("INTERESTED");
    assertThat(messagesOf(ADA))
        .extracting(CampaignMessage::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(eventTypesOf(ADA))
        .containsSubsequence(
            EventType.REPLY_CLASSIFIED,
            EventType.CAMPAIGN_RESPONDED,
            EventType.MESSAGE_CANCELLED,
            EventType.MESSAGE_CANCELLED)
        .doesNotContain(EventType.CAMPAIGN_COMPLETED);

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.duplicate()).isFalse();
              assertThat(o.category()).isEqualTo(ReplyCategory.INTERESTED);
              assertThat(o.campaignId()).isEqualTo(ada.id());
              assertThat(o.action()).isEqualTo("campaign RESPONDED, lead flagged");
            });
    assertThat(store.findEventsByType(EventType.LEAD_FLAGGED, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("step")).isEqualTo("Hook"));
    StoredReply stored = store.findReply("<reply-1@example.com>").orElseThrow();
    assertThat(stored.campaignId()).isEqualTo(ada.id());
    assertThat(stored.category()).isEqualTo(ReplyCategory.INTERESTED);

    // The other lead is not affected.
    assertThat(sendDaysTo(GRACE.email())).containsOnlyKeys(0, 3, 7);
    assertThat(campaignOf(GRACE).status()).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void replyWithoutThreadingHeadersIsMatchedByTheSendersAddress() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    inbox.add(
        replyFrom(ADA, day(1), "<fresh@example.com>")
            .subject("Your note")
            .text("No thanks.")
            .build());

    runDays(1, 10);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(outcomes)
        .singleElement()
        .extracting(ReplyOutcome::category)
        .isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0);
  }

  @Test
  void mailFromAStrangerIsKeptUnmatched() {
    engine.enrol(List.of(ADA));
    inbox.add(
        InboundReply.builder("someone@else.example", day(1))
            .messageId("<s@else.example>")
            .text("Interested!")
            .build());

    runDays(0, 10);

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.campaignId()).isNull();
              assertThat(o.action()).isEqualTo("unmatched");
            });
    assertThat(store.findReply("<s@else.example>"))
        .hasValueSatisfying(r -> assertThat(r.campaignId()).isNull());
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void hardBounceStopsTheCampaignAndSuppressesTheAddress() {
    engine.enrol(List.of(ADA, GRACE));
    runDays(0, 0);
    String hookId = hookMessageIdOf(ADA);
    inbox.add(
        InboundReply.builder("MAILER-DAEMON@mx.example.com", day(1))
            .messageId("<dsn-1@mx.example.com>")
            .subject("Undelivered Mail Returned to Sender")
            .text(
                String.join(
                    "\n",
                    "I'm sorry to have to inform you that your message could not be delivered.",
                    "",
                    "Final-Recipient: rfc822; ada@example.com",
                    "Action: failed",
                    "Status: 5.1.1",
                    "Diagnostic-Code: smtp; 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown",
                    "",
                    "Message-ID: " + hookId,
                    "Subject: whatever"))
            .build());

    runDays(1, 10);

    Campaign ada = campaignOf(ADA);
    assertThat(ada.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(ada.statusReason()).contains("BOUNCE_HARD");
    assertThat(store.isSuppressed("ada@example.com")).isTrue();
    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0);
    assertThat(messagesOf(ADA))
        .extracting(CampaignMessage::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(eventTypesOf(ADA))
        .contains(EventType.ADDRESS_SUPPRESSED, EventType.CAMPAIGN_STOPPED);
    assertThat(store.findEventsByType(EventType.ADDRESS_SUPPRESSED, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("reason")).isEqualTo("BOUNCE_HARD"));
    assertThat(outcomes)
        .singleElement()
        .extracting(ReplyOutcome::category)
        .isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(campaignOf(GRACE).status()).isEqualTo(CampaignStatus.COMPLETED);

    // A suppressed address is never enrolled again.
    EnrolmentReport again = engine.enrol(List.of(ADA));
    assertThat(again.skippedByReason()).containsExactly(Map.entry(SkipReason.SUPPRESSED, 1));
  }

  @Test
  void softBounceSendsTheBouncedStepAgainAfterTheRetryDelay() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    inbox.add(
        InboundReply.builder("mailer-daemon@mx.example.com", day(1))
            .messageId("<dsn-2@mx.example.com>")
            .subject("Delayed Mail")
            .text("Action: delayed\nStatus: 4.2.2\n\nMessage-ID: " + hookMessageIdOf(ADA))
            .build());

    runDays(1, 10);

    assertThat(outcomes)
        .singleElement()
        .extracting(ReplyOutcome::category)
        .isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(store.isSuppressed(ADA.email())).isFalse();
    // The Hook again a day later, then the Proof and the FOMO at their distances from it.
    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0, 2, 5, 9);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void unsubscribeStopsTheCampaignAndSuppressesTheAddress() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    String hookId = hookMessageIdOf(ADA);
    inbox.add(
        replyFrom(ADA, day(2), "<unsub@example.com>")
            .inReplyTo(hookId)
            .text("Please remove me from your list.")
            .build());

    runDays(1, 10);

    Campaign ada = campaignOf(ADA);
    assertThat(ada.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(ada.statusReason()).contains("UNSUBSCRIBE_REQUEST");
    assertThat(store.isSuppressed("ADA@example.com")).isTrue();
    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0);
    assertThat(messagesOf(ADA))
        .extracting(CampaignMessage::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(store.findEventsByType(EventType.ADDRESS_SUPPRESSED, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("reason")).isEqualTo("UNSUBSCRIBE_REQUEST"));
  }

  @Test
  void outOfOfficeWithReturnDatePausesUntilThenAndResumesByItself() {
    Lead ny = ADA.toBuilder().timezone("America/New_York").build();
    engine.enrol(List.of(ny));
    runDays(0, 0);
    inbox.add(
        replyFrom(ny, day(1), "<ooo@example.com>")
            .header("Auto-Submitted", "auto-replied")
            .subject("Automatic reply: Out of office")
            .inReplyTo(hookMessageIdOf(ny))
            .text("I am on vacation and will be back on March 8.")
            .build());

    runDays(1, 5);

    // Back on Sunday 8 March: the campaign resumes on the business day after, at midnight of Monday
    // 9 March
    // in New York (EDT since 8 March), 04:00 UTC.
    Instant resumeAt = Instant.parse("2026-03-09T04:00:00Z");
    Campaign paused = campaignOf(ny);
    assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(paused.resumeAt()).isEqualTo(resumeAt);
    assertThat(sendDaysTo(ny.email())).containsOnlyKeys(0);
    assertThat(messagesOf(ny).get(1).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(store.findEventsByType(EventType.CAMPAIGN_PAUSED, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("resumeAt")).isEqualTo(resumeAt.toString()));

    clock.set(resumeAt.minusSeconds(1));
    assertThat(engine.runDue()).isEqualTo(new RunReport(0, 0, 0, 0, false));
    assertThat(campaignOf(ny).status()).isEqualTo(CampaignStatus.PAUSED);

    clock.set(resumeAt);
    RunReport resumed = engine.runDue();

    assertThat(resumed.resumed()).isEqualTo(1);
    assertThat(resumed.sent()).isEqualTo(1);
    assertThat(campaignOf(ny).status()).isEqualTo(CampaignStatus.ACTIVE);
    CampaignMessage proof = messagesOf(ny).get(1);
    assertThat(proof.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(proof.sentAt()).isEqualTo(resumeAt);
    assertThat(messagesOf(ny).get(2).scheduledAt()).isEqualTo(resumeAt.plus(Duration.ofDays(4)));

    runDays(7, 11);

    assertThat(messagesOf(ny).get(2).sentAt()).isEqualTo(day(11));
    assertThat(campaignOf(ny).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(sender.sentTo(ny.email())).hasSize(3);
  }

  @Test
  void outOfOfficeWithoutReturnDatePausesForTheDefaultDelay() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    inbox.add(
        replyFrom(ADA, day(1), "<ooo2@example.com>")
            .header("Auto-Submitted", "auto-replied")
            .inReplyTo(hookMessageIdOf(ADA))
            .text("I am out of the office.")
            .build());

    runDays(1, 12);

    assertThat(outcomes)
        .singleElement()
        .extracting(ReplyOutcome::category)
        .isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    // Paused for ReplyPolicy.DEFAULT_OUT_OF_OFFICE_PAUSE (7 days): the Proof due on day 3 goes on
    // day 8.
    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0, 8, 12);
  }

  @Test
  void duplicateReplyIsNotActedOnTwice() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    InboundReply reply =
        replyFrom(ADA, day(1), "<dup@example.com>")
            .inReplyTo(hookMessageIdOf(ADA))
            .text("Interested, let's talk.")
            .build();
    inbox.add(reply);
    inbox.add(reply);
    // The same mail fetched again later, under the same Message-ID.
    inbox.add(
        replyFrom(ADA, day(2), "<dup@example.com>")
            .inReplyTo(hookMessageIdOf(ADA))
            .text("Interested, let's talk.")
            .build());

    runDays(1, 10);

    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0).duplicate()).isFalse();
    assertThat(outcomes.subList(1, 3))
        .allSatisfy(
            o -> {
              assertThat(o.duplicate()).isTrue();
              assertThat(o.replyId()).isEqualTo("<dup@example.com>");
              assertThat(o.category()).isNull();
            });
    assertThat(store.replies())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.category()).isEqualTo(ReplyCategory.INTERESTED);
              assertThat(r.action()).isEqualTo("campaign RESPONDED, lead flagged");
            });
    assertThat(store.findEventsByType(EventType.REPLY_RECEIVED, null, 10)).hasSize(1);
    assertThat(store.findEventsByType(EventType.REPLY_CLASSIFIED, null, 10)).hasSize(1);
    assertThat(store.findEventsByType(EventType.CAMPAIGN_RESPONDED, null, 10)).hasSize(1);
    assertThat(campaignOf(ADA).version()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Sending safety

  @Test
  void runDueTwiceAtTheSameInstantSendsNothingTwice() {
    engine.enrol(List.of(ADA, GRACE));

    RunReport first = engine.runDue();
    RunReport second = engine.runDue();

    assertThat(first.sent()).isEqualTo(2);
    assertThat(second).isEqualTo(new RunReport(0, 0, 0, 0, false));
    assertThat(sender.sent()).hasSize(2);
    assertThat(sender.attempts()).isEqualTo(2);

    clock.set(day(3));
    assertThat(engine.runDue().sent()).isEqualTo(2);
    assertThat(engine.runDue().sent()).isZero();
    assertThat(sender.sent()).hasSize(4);
  }

  @Test
  void runDueStopsAtItsLimitAndSaysMoreIsDue() {
    // L-3 is a copy of Ada, so its copy repeats hers: the uniqueness gate would hold it for review.
    engine =
        engineBuilder()
            .maxMessagesPerRun(2)
            .batchSize(1)
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .build();
    Lead l3 = ADA.toBuilder().id("L-3").email("three@example.com").build();
    engine.enrol(List.of(ADA, GRACE, l3));

    RunReport first = engine.runDue();
    RunReport second = engine.runDue();

    assertThat(first.sent()).isEqualTo(2);
    assertThat(first.moreDue()).isTrue();
    assertThat(second.sent()).isEqualTo(1);
    assertThat(second.moreDue()).isFalse();
    assertThat(sender.sent()).extracting(OutgoingEmail::to).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void messageLeftSendingIsNeverSentAgain() {
    engine.enrol(List.of(ADA, GRACE));
    CampaignMessage hook = messagesOf(ADA).get(0);
    assertThat(hook.status()).isEqualTo(DeliveryStatus.SCHEDULED);
    // As a crash between storing the Message-ID and hearing from the server would leave it.
    store.commit(StoreChanges.builder().message(hook.withSending("<crashed@4runr.test>")).build());

    runDays(0, 10);

    assertThat(sender.sentTo(ADA.email())).isEmpty();
    CampaignMessage stuck = messagesOf(ADA).get(0);
    assertThat(stuck.status()).isEqualTo(DeliveryStatus.SENDING);
    assertThat(stuck.messageId()).isEqualTo("<crashed@4runr.test>");
    assertThat(stuck.attempts()).isEqualTo(1);
    assertThat(messagesOf(ADA).get(1).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(sender.sentTo(GRACE.email())).hasSize(3);
    assertThat(sender.attempts()).isEqualTo(3);
  }

  @Test
  void pausedCampaignSendsNothingUntilResumed() {
    engine.enrol(List.of(ADA));
    Campaign paused = engine.pause(campaignOf(ADA).id(), "operator asked");

    assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(paused.resumeAt()).isNull();

    runDays(0, 4);

    assertThat(sender.sent()).isEmpty();
    assertThat(messagesOf(ADA).get(0).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.PAUSED);

    Campaign active = engine.resume(campaignOf(ADA).id());
    assertThat(active.status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(messagesOf(ADA).get(0).scheduledAt()).isEqualTo(day(4));
    RunReport report = engine.runDue();

    assertThat(report.sent()).isEqualTo(1);
    assertThat(messagesOf(ADA).get(0).sentAt()).isEqualTo(day(4));

    runDays(5, 12);

    assertThat(messagesOf(ADA))
        .extracting(CampaignMessage::sentAt)
        .containsExactly(day(4), day(7), day(11));
    assertThat(eventTypesOf(ADA))
        .containsSubsequence(EventType.CAMPAIGN_PAUSED, EventType.CAMPAIGN_RESUMED);
  }

  @Test
  void pauseBetweenStepsHoldsTheNextStepAndResumeSendsItWhenDue() {
    engine.enrol(List.of(ADA));
    runDays(0, 1);
    engine.pause(campaignOf(ADA).id(), "holiday season");

    runDays(2, 5);
    assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0);

    clock.set(day(5).plus(Duration.ofHours(2)));
    engine.resume(campaignOf(ADA).id());
    engine.runDue();

    // Proof was due on day 3: it goes at once on resuming, and FOMO four days after that.
    CampaignMessage proof = messagesOf(ADA).get(1);
    assertThat(proof.sentAt()).isEqualTo(day(5).plus(Duration.ofHours(2)));
    assertThat(messagesOf(ADA).get(2).scheduledAt()).isEqualTo(day(9).plus(Duration.ofHours(2)));
  }

  @Test
  void pauseOfAPausedCampaignAndResumeOfAnActiveOneAreRefused() {
    engine.enrol(List.of(ADA));
    String id = campaignOf(ADA).id();

    assertThatThrownBy(() -> engine.resume(id)).isInstanceOf(IllegalTransitionException.class);
    engine.pause(id, "once");
    assertThatThrownBy(() -> engine.pause(id, "twice"))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> engine.pause("no-such-campaign", "x"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactly("campaignId"));
  }

  @Test
  void stoppedCampaignCancelsItsRemainingMessages() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);

    engine.stop(campaignOf(ADA).id(), "operator: wrong segment");
    runDays(1, 10);

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(messagesOf(ADA))
        .extracting(CampaignMessage::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(sender.sent()).hasSize(1);
  }

  @Test
  void transientSendFailureIsRetriedWithBackoffUnderTheSameMessageId() {
    engine.enrol(List.of(ADA));
    sender.failNext(SendException.transientFailure("421 4.7.0 try again later", 421));
    sender.failNext(SendException.transientFailure("421 4.7.0 try again later", 421));

    RunReport first = engine.runDue();

    assertThat(first.retrying()).isEqualTo(1);
    assertThat(first.sent()).isZero();
    CampaignMessage afterOne = messagesOf(ADA).get(0);
    assertThat(afterOne.status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(afterOne.attempts()).isEqualTo(1);
    assertThat(afterOne.lastError()).contains("421");
    assertThat(afterOne.scheduledAt()).isEqualTo(DAY0.plus(Duration.ofMinutes(5)));
    String messageId = afterOne.messageId();
    assertThat(messageId).isNotNull();
    assertThat(store.findEventsByType(EventType.MESSAGE_RETRY_SCHEDULED, null, 10))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attribute("retryAt"))
                    .isEqualTo(DAY0.plus(Duration.ofMinutes(5)).toString()));

    clock.set(DAY0.plus(Duration.ofMinutes(5)).minusSeconds(1));
    assertThat(engine.runDue()).isEqualTo(new RunReport(0, 0, 0, 0, false));
    assertThat(sender.attempts()).isEqualTo(1);

    clock.set(DAY0.plus(Duration.ofMinutes(5)));
    assertThat(engine.runDue().retrying()).isEqualTo(1);
    CampaignMessage afterTwo = messagesOf(ADA).get(0);
    assertThat(afterTwo.attempts()).isEqualTo(2);
    // The wait doubles: 5 minutes, then 10.
    assertThat(afterTwo.scheduledAt()).isEqualTo(DAY0.plus(Duration.ofMinutes(15)));

    clock.set(DAY0.plus(Duration.ofMinutes(15)));
    RunReport third = engine.runDue();

    assertThat(third.sent()).isEqualTo(1);
    CampaignMessage sent = messagesOf(ADA).get(0);
    assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(sent.sentAt()).isEqualTo(DAY0.plus(Duration.ofMinutes(15)));
    assertThat(sent.messageId()).isEqualTo(messageId);
    assertThat(sender.sent())
        .singleElement()
        .extracting(OutgoingEmail::messageId)
        .isEqualTo(messageId);
    assertThat(sender.attempts()).isEqualTo(3);
    assertThat(messagesOf(ADA).get(1).scheduledAt())
        .isEqualTo(DAY0.plus(Duration.ofMinutes(15)).plus(Duration.ofDays(3)));
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void transientFailuresUsingEveryAttemptFailTheMessageAndStopTheCampaign() {
    engine.enrol(List.of(ADA));
    for (int i = 0; i < 3; i++) {
      sender.failNext(SendException.transientFailure("451 4.3.0 local error", 451));
    }

    engine.runDue();
    clock.set(DAY0.plus(Duration.ofMinutes(5)));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofMinutes(15)));
    RunReport last = engine.runDue();

    assertThat(last.failed()).isEqualTo(1);
    assertThat(messagesOf(ADA))
        .extracting(CampaignMessage::status)
        .containsExactly(DeliveryStatus.FAILED, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(campaignOf(ADA).statusReason()).contains("3 attempts");
    assertThat(store.isSuppressed(ADA.email())).isFalse();

    runDays(1, 10);
    assertThat(sender.attempts()).isEqualTo(3);
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void permanentRefusalStopsTheCampaignAndSuppressesTheAddress() {
    engine.enrol(List.of(ADA, GRACE));
    sender.failNext(SendException.permanentFailure("550 5.1.1 user unknown", 550));

    RunReport report = engine.runDue();

    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.sent()).isEqualTo(1);
    Campaign failed =
        store.findCampaignsByLead(ADA.id()).get(0).status() == CampaignStatus.STOPPED
            ? campaignOf(ADA)
            : campaignOf(GRACE);
    Lead failedLead = failed.leadId().equals(ADA.id()) ? ADA : GRACE;
    Lead okLead = failedLead == ADA ? GRACE : ADA;
    assertThat(failed.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(failed.statusReason()).contains("refused").contains("550");
    assertThat(messagesOf(failedLead))
        .extracting(CampaignMessage::status)
        .containsExactly(DeliveryStatus.FAILED, DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED);
    assertThat(messagesOf(failedLead).get(0).lastError()).contains("550");
    assertThat(store.isSuppressed(failedLead.email())).isTrue();
    assertThat(eventTypesOf(failedLead))
        .containsSubsequence(
            EventType.MESSAGE_FAILED, EventType.ADDRESS_SUPPRESSED, EventType.CAMPAIGN_STOPPED);

    runDays(1, 10);

    assertThat(sender.sentTo(failedLead.email())).isEmpty();
    assertThat(sender.sentTo(okLead.email())).hasSize(3);
    assertThat(sender.attempts()).isEqualTo(4);
  }

  @Test
  void senderThatThrowsUncheckedIsTreatedAsPassingFailure() {
    AtomicInteger calls = new AtomicInteger();
    CampaignEngine flaky =
        engineBuilder()
            .sender(
                email -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("connection reset");
                  }
                  return sender.send(email);
                })
            .build();
    flaky.enrol(List.of(ADA));

    assertThat(flaky.runDue().retrying()).isEqualTo(1);
    clock.set(DAY0.plus(Duration.ofMinutes(5)));
    assertThat(flaky.runDue().sent()).isEqualTo(1);
    assertThat(sender.sent()).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Listeners

  @Test
  void listenerReceivesEveryStoredEventInOrder() {
    engine.enrol(List.of(ADA, GRACE, LINUS));
    runDays(0, 0);
    inbox.add(
        replyFrom(GRACE, day(1), "<g@navy.example>")
            .inReplyTo(hookMessageIdOf(GRACE))
            .text("Not interested, thanks.")
            .build());

    runDays(1, 10);

    assertThat(heard).isEqualTo(store.events());
    assertThat(heard).extracting(CampaignEvent::id).doesNotHaveDuplicates();
    for (int i = 1; i < heard.size(); i++) {
      assertThat(heard.get(i).occurredAt()).isAfterOrEqualTo(heard.get(i - 1).occurredAt());
    }
    String ada = campaignOf(ADA).id();
    assertThat(heard.stream().filter(e -> ada.equals(e.campaignId())).map(CampaignEvent::type))
        .containsExactly(
            EventType.CAMPAIGN_CREATED,
            EventType.MESSAGE_CHECKED,
            EventType.MESSAGE_SCHEDULED,
            EventType.MESSAGE_CHECKED,
            EventType.MESSAGE_CHECKED,
            EventType.MESSAGE_SENT,
            EventType.MESSAGE_SCHEDULED,
            EventType.MESSAGE_SENT,
            EventType.MESSAGE_SCHEDULED,
            EventType.MESSAGE_SENT,
            EventType.CAMPAIGN_COMPLETED);
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.MESSAGE_SENT && ada.equals(e.campaignId()))
        .extracting(e -> e.attribute("messageId"))
        .containsExactlyElementsOf(
            sender.sentTo(ADA.email()).stream().map(OutgoingEmail::messageId).toList());
  }

  @Test
  void throwingListenerDoesNotBreakTheEngineOrTheOtherListeners() {
    AtomicInteger thrown = new AtomicInteger();
    List<CampaignEvent> second = new ArrayList<>();
    engine =
        engineBuilder()
            .listener(
                e -> {
                  thrown.incrementAndGet();
                  throw new IllegalStateException("listener bug");
                })
            .listener(second::add)
            .build();

    engine.enrol(List.of(ADA, LINUS));
    runDays(0, 10);

    assertThat(sender.sentTo(ADA.email())).hasSize(3);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(second).isEqualTo(store.events());
    assertThat(heard).isEqualTo(store.events());
    assertThat(thrown.get()).isEqualTo(store.events().size());
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration

  @Test
  void builderWithoutStoreSenderAndFromListsAllThreeErrors() {
    assertThatThrownBy(() -> CampaignEngine.builder().build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .containsExactlyInAnyOrder("store", "sender", "from");
              assertThat(e.subject()).isEqualTo("CampaignEngine");
              assertThat(e.getMessage()).contains("store").contains("sender").contains("from");
            });
  }

  @Test
  void builderReportsBadNumbersTogetherWithMissingParts() {
    assertThatThrownBy(
            () -> CampaignEngine.builder().store(store).batchSize(0).maxMessagesPerRun(0).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("sender", "from", "batchSize", "maxMessagesPerRun"));
  }

  @Test
  void pollingWithoutAReplySourceIsRefused() {
    CampaignEngine noInbox =
        CampaignEngine.builder().store(store).sender(sender).from(FROM).clock(clock).build();

    assertThatThrownBy(noInbox::pollReplies)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ReplySource");
  }

  @Nested
  class SequencesOfOtherLengths {

    @Test
    void twoStepSequenceSendsBothStepsThenCompletes() {
      engine =
          engineBuilder()
              .sequence(
                  new Sequence(
                      "short",
                      List.of(
                          new SequenceStep(MessageType.HOOK, 0),
                          new SequenceStep(MessageType.FOMO, 2))))
              .build();
      engine.enrol(List.of(ADA));

      runDays(0, 10);

      assertThat(messagesOf(ADA))
          .extracting(CampaignMessage::type)
          .containsExactly(MessageType.HOOK, MessageType.FOMO);
      assertThat(messagesOf(ADA))
          .extracting(CampaignMessage::sentAt)
          .containsExactly(day(0), day(2));
      assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0, 2);
      assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.COMPLETED);
      assertThat(campaignOf(ADA).config().sequence().size()).isEqualTo(2);
    }

    @Test
    void fiveStepSequenceSendsEveryStepOnItsDayThenCompletes() {
      MessageType nudge = new MessageType("Nudge");
      MessageType breakup = new MessageType("Breakup");
      engine =
          engineBuilder()
              .sequence(
                  new Sequence(
                      "long",
                      List.of(
                          new SequenceStep(MessageType.HOOK, 0),
                          new SequenceStep(MessageType.PROOF, 2),
                          new SequenceStep(nudge, 3),
                          new SequenceStep(MessageType.FOMO, 2),
                          new SequenceStep(breakup, 5))))
              .build();
      engine.enrol(List.of(ADA));

      runDays(0, 14);

      List<CampaignMessage> m = messagesOf(ADA);
      assertThat(m)
          .extracting(CampaignMessage::type)
          .containsExactly(MessageType.HOOK, MessageType.PROOF, nudge, MessageType.FOMO, breakup);
      assertThat(m)
          .extracting(CampaignMessage::sentAt)
          .containsExactly(day(0), day(2), day(5), day(7), day(12));
      assertThat(sendDaysTo(ADA.email())).containsOnlyKeys(0, 2, 5, 7, 12);
      assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.COMPLETED);
      OutgoingEmail last = sender.sentTo(ADA.email()).get(4);
      assertThat(last.references())
          .containsExactlyElementsOf(
              m.subList(0, 4).stream().map(CampaignMessage::messageId).toList());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generation failures

  @Test
  void generatorFailingForOneLeadSkipsOnlyThatLead() {
    MessageGenerator templates = new TemplateMessageGenerator();
    MessageGenerator failsForGrace =
        request -> {
          if (request.lead().id().equals(GRACE.id()) && request.stepIndex() == 1) {
            throw new GenerationException("model refused the Proof");
          }
          return templates.generate(request);
        };
    // ada2 is a copy of Ada, so its copy repeats hers: the uniqueness gate would hold it for
    // review.
    engine =
        engineBuilder()
            .generator(failsForGrace)
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .build();

    Lead ada2 = ADA.toBuilder().id("L-ada2").email("ada2@example.com").build();
    EnrolmentReport report = engine.enrol(List.of(ADA, GRACE, ada2));

    assertThat(report.enrolled()).isEqualTo(2);
    assertThat(report.skips())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.leadId()).isEqualTo(GRACE.id());
              assertThat(s.reason()).isEqualTo(SkipReason.GENERATION_FAILED);
              assertThat(s.detail())
                  .contains("step 2")
                  .contains("Proof")
                  .contains("model refused the Proof");
            });
    assertThat(store.findEventsByType(EventType.LEAD_SKIPPED, null, 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.leadId()).isEqualTo(GRACE.id());
              assertThat(e.attribute("reason")).isEqualTo("GENERATION_FAILED");
            });
    assertThat(store.findCampaignsByLead(GRACE.id())).isEmpty();
    assertThat(store.findLead(GRACE.id())).isEmpty();

    runDays(0, 10);

    assertThat(sender.sentTo(ADA.email())).hasSize(3);
    assertThat(sender.sentTo("ada2@example.com")).hasSize(3);
    assertThat(sender.sentTo(GRACE.email())).isEmpty();
  }

  @Test
  void generatorReturningAnUnacceptableMessageSkipsThatLead() {
    MessageGenerator templates = new TemplateMessageGenerator();
    MessageGenerator badSubjectForAda =
        request ->
            request.lead().id().equals(ADA.id())
                ? new GeneratedMessage("Two\nlines", "Body", null)
                : templates.generate(request);
    engine = engineBuilder().generator(badSubjectForAda).build();

    EnrolmentReport report = engine.enrol(List.of(ADA, GRACE));

    assertThat(report.skippedByReason())
        .containsExactly(Map.entry(SkipReason.GENERATION_FAILED, 1));
    assertThat(report.skips().get(0).detail()).contains("subject");
    assertThat(report.enrolled()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Robustness

  @Test
  void replyStoredButNotActedOnIsFinishedWhenReceivedAgain() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    InboundReply reply =
        replyFrom(ADA, day(1), "<half@example.com>")
            .inReplyTo(hookMessageIdOf(ADA))
            .text("Interested, let's talk.")
            .build();
    // A crash after the mail was stored and before it was categorised leaves it without a category.
    store.commit(
        StoreChanges.builder()
            .reply(new StoredReply("<half@example.com>", reply, null, null, ""))
            .build());

    ReplyOutcome outcome = engine.receive(reply);

    assertThat(outcome.duplicate()).isFalse();
    assertThat(outcome.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(store.replies())
        .singleElement()
        .satisfies(r -> assertThat(r.category()).isEqualTo(ReplyCategory.INTERESTED));
  }

  @Test
  void classifierThatThrowsPausesTheCampaignForReviewInsteadOfLosingTheReply() {
    engine =
        engineBuilder()
            .classifier(
                r -> {
                  throw new IllegalStateException("model unavailable");
                })
            .build();
    engine.enrol(List.of(ADA));
    runDays(0, 0);

    ReplyOutcome outcome =
        engine.receive(
            replyFrom(ADA, day(1), "<odd@example.com>")
                .inReplyTo(hookMessageIdOf(ADA))
                .text("Let's talk")
                .build());

    assertThat(outcome.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaignOf(ADA).resumeAt()).isNull();
    assertThat(store.findEventsByType(EventType.REPLY_CLASSIFIED, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("evidence")).contains("classifier failed"));
  }

  @Test
  void dueMessagesWithoutACampaignAreFailedAndDoNotBlockTheQueue() {
    engine = engineBuilder().batchSize(1).build();
    CampaignMessage orphan =
        CampaignMessage.pending(
                "m-orphan", "c-gone", "L-gone", 0, MessageType.HOOK, "Subject", "Body", null)
            .withScheduled(DAY0.minus(Duration.ofHours(1)));
    store.commit(StoreChanges.builder().message(orphan).build());
    engine.enrol(List.of(ADA));

    RunReport run = engine.runDue();

    assertThat(run.failed()).isEqualTo(1);
    assertThat(run.sent()).isEqualTo(1);
    assertThat(sender.sentTo(ADA.email())).hasSize(1);
    assertThat(store.findDueMessages(day(30), 10))
        .extracting(CampaignMessage::id)
        .doesNotContain("m-orphan");
  }

  @Test
  void campaignPausedWhileItsMessageIsOnTheWayRecordsTheSendAndHoldsTheNextStep() {
    AtomicInteger sends = new AtomicInteger();
    CampaignEngine[] self = new CampaignEngine[1];
    engine =
        engineBuilder()
            .sender(
                email -> {
                  if (sends.incrementAndGet() == 1) {
                    // an operator pauses the campaign while the server is accepting the Hook
                    self[0].pause(campaignOf(ADA).id(), "operator");
                  }
                  return sender.send(email);
                })
            .build();
    self[0] = engine;
    engine.enrol(List.of(ADA));

    runDays(0, 5);

    List<CampaignMessage> messages = messagesOf(ADA);
    assertThat(messages.get(0).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(messages.get(1).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(messages.get(1).scheduledAt()).isEqualTo(day(3));
    assertThat(sender.sentTo(ADA.email())).hasSize(1);

    engine.resume(campaignOf(ADA).id());
    runDays(5, 5);
    assertThat(sender.sentTo(ADA.email())).hasSize(2);
  }

  @Test
  void campaignStoppedWhileItsLastStepIsOnTheWayStaysStopped() {
    CampaignEngine[] self = new CampaignEngine[1];
    engine =
        engineBuilder()
            .sequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))))
            .sender(
                email -> {
                  self[0].stop(campaignOf(ADA).id(), "operator");
                  return sender.send(email);
                })
            .build();
    self[0] = engine;
    engine.enrol(List.of(ADA));

    runDays(0, 0);

    assertThat(messagesOf(ADA).get(0).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(eventTypesOf(ADA)).doesNotContain(EventType.CAMPAIGN_COMPLETED);
  }

  @Test
  void configurationChangesReachNewCampaignsOnly() {
    engine.enrol(List.of(ADA));
    runDays(0, 0);
    // The host restarts with a two-step sequence: Ada keeps her three steps, Grace gets two.
    engine =
        engineBuilder()
            .sequence(
                new Sequence(
                    "short",
                    List.of(
                        new SequenceStep(MessageType.HOOK, 0),
                        new SequenceStep(MessageType.FOMO, 2))))
            .build();
    engine.enrol(List.of(GRACE));

    runDays(1, 10);

    assertThat(campaignOf(ADA).config().sequence().size()).isEqualTo(3);
    assertThat(sender.sentTo(ADA.email())).hasSize(3);
    assertThat(sender.sentTo(GRACE.email())).hasSize(2);
  }

  @Test
  void runnerTickSendsWhatIsDueAndReadsReplies() {
    engine.enrol(List.of(ADA));
    com.fourrunr.campaign.CampaignRunner runner =
        com.fourrunr.campaign.CampaignRunner.create(engine, Duration.ofSeconds(30), true);

    runner.tick();
    inbox.add(
        replyFrom(ADA, DAY0, "<r@example.com>")
            .inReplyTo(hookMessageIdOf(ADA))
            .text("Interested")
            .build());
    runner.tick();

    assertThat(sender.sentTo(ADA.email())).hasSize(1);
    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(runner.isRunning()).isFalse();
  }

  @Test
  void runnerStartsOnlyWhenToldAndStopsOnClose() {
    com.fourrunr.campaign.CampaignRunner runner =
        com.fourrunr.campaign.CampaignRunner.create(engine, Duration.ofHours(1), false);
    assertThat(runner.isRunning()).isFalse();
    runner.start();
    assertThat(runner.isRunning()).isTrue();
    assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class);
    runner.close();
    assertThat(runner.isRunning()).isFalse();
  }

  @Test
  void runnerRefusesBadSettings() {
    CampaignEngine noInbox =
        CampaignEngine.builder().store(store).sender(sender).from(FROM).clock(clock).build();
    assertThatThrownBy(
            () ->
                com.fourrunr.campaign.CampaignRunner.create(noInbox, Duration.ofSeconds(30), true))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("pollReplies"));
    assertThatThrownBy(
            () -> com.fourrunr.campaign.CampaignRunner.create(engine, Duration.ofMillis(10), false))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("interval"));
  }

  @Test
  void sendIsRecordedEvenWhenTheNextStepCannotBeScheduledAndAPersonIsAlerted() {
    com.fourrunr.campaign.SendSchedule brokenAfterTheFirst =
        new com.fourrunr.campaign.SendSchedule() {
          @Override
          public Instant firstSend(Lead lead, SequenceStep step, Instant enrolledAt) {
            return enrolledAt;
          }

          @Override
          public Instant nextSend(Lead lead, SequenceStep step, Instant previousSentAt) {
            throw new IllegalStateException("no business day in the next 3 years");
          }
        };
    engine = engineBuilder().schedule(brokenAfterTheFirst).build();
    engine.enrol(List.of(ADA));

    runDays(0, 10);

    List<CampaignMessage> messages = messagesOf(ADA);
    assertThat(messages.get(0).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(messages.get(1).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(sender.sentTo(ADA.email())).hasSize(1);
    assertThat(store.findEventsByType(EventType.ALERT_RAISED, null, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("reason")).contains("could not be scheduled"));
  }
}
