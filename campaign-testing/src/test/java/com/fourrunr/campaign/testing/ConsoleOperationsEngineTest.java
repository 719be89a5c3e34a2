package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.StepEdit;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine operations behind the console's review and operations pages: domain suppression at
 * enrolment and at send time, suppression removal, a held campaign's copy edited and approved, an
 * operator's category for a mail kept for review, and an uncertain send marked sent.
 */
class ConsoleOperationsEngineTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final MessageGenerator TEMPLATE = new TemplateMessageGenerator();

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final List<CampaignEvent> heard = new ArrayList<>();

  private static Lead lead(String name, String domain) {
    return Lead.builder("L-" + name, name + "@" + domain)
        .firstName(name)
        .company(name + " Works")
        .companyDescription(name + " Works makes " + name + " instruments by hand.")
        .topServices(name + " instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  private CampaignEngineBuilder engine(Sender s) {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(s)
        .clock(clock)
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .listener(heard::add);
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private List<CampaignEvent> events(EventType type) {
    return heard.stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void aSuppressedDomainSkipsEnrolmentWithItsReasonAndStopsAScheduledSend() {
    CampaignEngine engine = engine(sender).build();
    Lead ada = lead("ada", "acme.example");
    engine.enrol(List.of(ada));
    assertThat(store.findMessages(campaignOf(ada).id()).get(0).status())
        .isEqualTo(DeliveryStatus.SCHEDULED);

    assertThat(engine.suppress("@ACME.example", "asked for no mail", "ana")).isTrue();
    assertThat(engine.suppress("acme.example", "again", "ana")).as("already listed").isFalse();

    EnrolmentReport report = engine.enrol(List.of(lead("bob", "acme.example")));
    assertThat(report.enrolled()).isZero();
    assertThat(report.skippedByReason()).containsEntry(SkipReason.SUPPRESSED, 1);
    assertThat(report.skips().get(0).detail()).contains("bob@acme.example").contains("suppressed");

    engine.runDue();
    assertThat(sender.sent()).isEmpty();
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(events(EventType.ADDRESS_SUPPRESSED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("email")).isEqualTo("@acme.example");
              assertThat(e.attribute("reason")).contains("asked for no mail").contains("ana");
            });
    assertThat(engine.suppressions("acme", null, 10)).hasSize(1);
    assertThatThrownBy(() -> engine.suppress("not a domain", "x", "ana"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a domain");
  }

  @Test
  void removingAnEntryRecordsAnEventAndLetsTheAddressBeEnrolledAgain() {
    CampaignEngine engine = engine(sender).build();
    engine.suppress("ada@acme.example", "bounced", "ana");
    assertThat(engine.enrol(List.of(lead("ada", "acme.example"))).enrolled()).isZero();

    assertThat(engine.removeSuppression("Ada@Acme.example", "address works again", "ana")).isTrue();
    assertThat(engine.removeSuppression("ada@acme.example", "twice", "ana")).isFalse();

    assertThat(events(EventType.SUPPRESSION_REMOVED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("email")).isEqualTo("ada@acme.example");
              assertThat(e.attribute("operator")).isEqualTo("ana");
              assertThat(e.attribute("reason")).isEqualTo("address works again");
            });
    assertThat(engine.enrol(List.of(lead("ada", "acme.example"))).enrolled()).isEqualTo(1);
  }

  /** Fails the brand gate for every lead: each campaign is held. */
  private static final MessageGenerator BAD =
      r ->
          new GeneratedMessage(
              "Hi",
              "Hi {{first_name}}, act now!!",
              null,
              new GenerationInfo("openai", "hook-v1", "gpt-test", 300, 50, 1));

  @Test
  void editedCopyMustPassTheGatesAndIsWhatIsSent() {
    Lead ada = lead("ada", "acme.example");
    CampaignEngine engine = engine(sender).generator(BAD).build();
    engine.enrol(List.of(ada));
    Campaign held = campaignOf(ada);
    assertThat(held.status()).isEqualTo(CampaignStatus.HELD);

    // still failing copy is refused with the failed rules, and nothing changes
    assertThatThrownBy(
            () ->
                engine.reviseAndApprove(
                    held.id(), List.of(new StepEdit(0, "Hi", "Hi {{first_name}}")), "ana"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("step 1")
        .hasMessageContaining("brand.");
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.HELD);

    GeneratedMessage good =
        TEMPLATE.generate(new GenerationRequest(ada, engine.config().sequence(), 0, List.of()));
    String subject = "A question about Ada Works instruments";
    Campaign approved =
        engine.reviseAndApprove(
            held.id(), List.of(new StepEdit(0, subject, good.textBody())), "ana");

    assertThat(approved.status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(approved.statusReason()).contains("ana").contains("edited");
    CampaignMessage first = store.findMessages(held.id()).get(0);
    assertThat(first.subject()).isEqualTo(subject);
    assertThat(first.htmlBody()).isNull();
    assertThat(first.status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(events(EventType.MESSAGE_CHECKED))
        .filteredOn(e -> "operator:ana".equals(e.attribute("generator")))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("passed")).isEqualTo("true"));
    engine.runDue();
    assertThat(sender.sentTo(ada.email()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.subject()).isEqualTo(subject);
              assertThat(m.textBody()).isEqualTo(good.textBody().strip());
            });
  }

  private ReplyOutcome replyNeedingReview(CampaignEngine engine, Lead lead) {
    String hook = sender.sentTo(lead.email()).get(0).messageId();
    return engine.receive(
        InboundReply.builder(lead.email(), clock.instant())
            .messageId("<review-1@acme.example>")
            .subject("Re: hello")
            .inReplyTo(hook)
            .text("hmm, maybe take me off this")
            .build(),
        new ReplyClassification(ReplyCategory.NEEDS_REVIEW, null, "unsure", 0.4));
  }

  @Test
  void anOperatorsCategoryForAMailKeptForReviewActsAsThePolicySaysOnce() {
    Lead ada = lead("ada", "acme.example");
    CampaignEngine engine = engine(sender).build();
    engine.enrol(List.of(ada));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofHours(5)));
    ReplyOutcome kept = replyNeedingReview(engine, ada);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(engine.replies(ReplyCategory.NEEDS_REVIEW, null, 10))
        .extracting(StoredReply::id)
        .containsExactly(kept.replyId());

    ReplyOutcome chosen =
        engine.classifyReply(kept.replyId(), ReplyCategory.UNSUBSCRIBE_REQUEST, "ana");

    assertThat(chosen.category()).isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.isSuppressed(ada.email())).isTrue();
    assertThat(engine.replies(ReplyCategory.NEEDS_REVIEW, null, 10)).isEmpty();
    assertThat(events(EventType.REPLY_CLASSIFIED))
        .last()
        .satisfies(
            e -> {
              assertThat(e.attribute("category")).isEqualTo("UNSUBSCRIBE_REQUEST");
              assertThat(e.attribute("evidence")).contains("operator ana");
            });
    int before = heard.size();
    assertThat(
            engine.classifyReply(kept.replyId(), ReplyCategory.UNSUBSCRIBE_REQUEST, "ana").action())
        .startsWith("already classified");
    assertThat(heard).hasSize(before);
    assertThatThrownBy(() -> engine.classifyReply(kept.replyId(), ReplyCategory.INTERESTED, "ana"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCategoryThatDoesNotEndTheCampaignResumesTheOnePausedForReview() {
    Lead ada = lead("ada", "acme.example");
    CampaignEngine engine = engine(sender).build();
    engine.enrol(List.of(ada));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofHours(5)));
    ReplyOutcome kept = replyNeedingReview(engine, ada);

    engine.classifyReply(kept.replyId(), ReplyCategory.AUTO_REPLY, "ana");

    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.ACTIVE);
    clock.set(DAY0.plus(Duration.ofDays(10)));
    engine.runDue();
    assertThat(sender.sentTo(ada.email())).hasSizeGreaterThan(1);
  }

  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void anUncertainSendMarkedSentIsNeverSentAgainAndTheCampaignGoesOn() {
    Lead ada = lead("ada", "acme.example");
    Sender crashing =
        email -> {
          sender.send(email);
          throw new SimulatedCrash();
        };
    CampaignEngine before = engine(crashing).build();
    before.enrol(List.of(ada));
    assertThatThrownBy(before::runDue).isInstanceOf(SimulatedCrash.class);
    String messageId = sender.sent().get(0).messageId();
    CampaignEngine engine = engine(sender).build();
    assertThat(engine.uncertainMessages(null, 10)).hasSize(1);

    CampaignMessage marked = engine.markUncertainSent(messageId, "ana", "lead replied to it");

    assertThat(marked.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(engine.uncertainMessages(null, 10)).isEmpty();
    assertThat(sender.sent()).hasSize(1);
    assertThat(events(EventType.MESSAGE_MARKED_SENT))
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("operator")).isEqualTo("ana"));
    assertThat(store.findMessages(campaignOf(ada).id()).get(1).status())
        .isEqualTo(DeliveryStatus.SCHEDULED);
    assertThatThrownBy(() -> engine.markUncertainSent(messageId, "ana", "again"))
        .isInstanceOf(IllegalStateException.class);
    for (int d = 0; d <= 12; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      engine.runDue();
    }
    assertThat(sender.sent()).extracting(m -> m.messageId()).doesNotHaveDuplicates().hasSize(3);
  }
}
