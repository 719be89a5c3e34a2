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
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine runs the quality gates at enrolment, applies the failure policy and keeps the audit
 * trail.
 */
class GenerationQualityEngineTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@example.com")
          .firstName("Ada")
          .company("Analytical Engines")
          .industry("Computing")
          .companyDescription("Analytical Engines builds programmable calculating machines.")
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
  private static final MessageGenerator TEMPLATE = new TemplateMessageGenerator();

  /** What a model might write for Ada when it goes wrong: fails the brand gate. */
  private static final MessageGenerator BAD_FOR_ADA =
      r ->
          r.lead().id().equals(ADA.id())
              ? new GeneratedMessage(
                  "Hi",
                  "Hi {{first_name}}, act now!!",
                  null,
                  new GenerationInfo("openai", "hook-v1", "gpt-test", 300, 50, 1))
              : TEMPLATE.generate(r);

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  private CampaignEngineBuilder engine() {
    // calendar days at any hour: these tests are about the gates, not the business calendar
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
        .from(new Mailbox("hello@4runr.test", "4Runr"));
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private List<CampaignEvent> events(Lead lead, EventType type) {
    return store.findEvents(campaignOf(lead).id()).stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void campaignWhoseCopyFailsTheGatesIsHeldAndSendsNothingUntilApproved() {
    CampaignEngine e = engine().generator(BAD_FOR_ADA).build();

    EnrolmentReport report = e.enrol(List.of(ADA, GRACE));

    assertThat(report.enrolled()).isEqualTo(2);
    Campaign held = campaignOf(ADA);
    assertThat(held.status()).isEqualTo(CampaignStatus.HELD);
    assertThat(held.statusReason()).contains("held for review").contains("brand.placeholders");
    assertThat(events(ADA, EventType.CAMPAIGN_HELD))
        .singleElement()
        .satisfies(ev -> assertThat(ev.attribute("reason")).contains("gates failed 2 times"));
    assertThat(store.findMessages(held.id()))
        .allMatch(m -> m.status() == DeliveryStatus.PENDING && m.scheduledAt() == null);

    for (int d = 0; d <= 10; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      e.runDue();
    }
    assertThat(sender.sentTo(ADA.email())).isEmpty();
    assertThat(sender.sentTo(GRACE.email())).hasSize(3);

    Campaign approved = e.approve(held.id());

    assertThat(approved.status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(events(ADA, EventType.CAMPAIGN_APPROVED)).hasSize(1);
    e.runDue();
    assertThat(sender.sentTo(ADA.email())).hasSize(1);
  }

  @Test
  void everyVerdictAndTheAuditTrailAreKeptWithTheCampaign() {
    engine().generator(BAD_FOR_ADA).build().enrol(List.of(ADA));

    List<CampaignEvent> checked = events(ADA, EventType.MESSAGE_CHECKED);
    assertThat(checked).hasSize(3);
    List<CampaignMessage> messages = store.findMessages(campaignOf(ADA).id());
    for (int i = 0; i < 3; i++) {
      CampaignEvent ev = checked.get(i);
      assertThat(ev.messageId()).isEqualTo(messages.get(i).id());
      assertThat(ev.attributes())
          .containsEntry("step", messages.get(i).type().name())
          .containsEntry("stepIndex", String.valueOf(i))
          .containsEntry("passed", "false")
          .containsEntry("generator", "openai")
          .containsEntry("promptVersion", "hook-v1")
          .containsEntry("model", "gpt-test")
          .containsEntry("promptTokens", "600")
          .containsEntry("completionTokens", "100")
          .containsEntry("attempts", "2")
          .containsEntry("fallback", "hold")
          .containsKeys(
              "verdict.brand.banned-phrases",
              "verdict.brand.body-length",
              "verdict.progression.distinct",
              "verdict.uniqueness.recent");
      assertThat(ev.attribute("verdict.brand.placeholders"))
          .startsWith("FAIL 0.000 unresolved: {{first_name}}");
    }
    assertThat(events(ADA, EventType.CAMPAIGN_CREATED))
        .singleElement()
        .satisfies(ev -> assertThat(ev.attribute("tokens")).isEqualTo("2100"));
  }

  @Test
  void generatorFailureWithTheTemplatePolicySendsTheTemplateAndSaysSo() {
    MessageGenerator down =
        r -> {
          throw new GenerationException("OpenAI API: gave up after 5 calls: 503 overloaded");
        };
    CampaignEngine e = engine().generator(down).fallback(FallbackPolicy.TEMPLATE).build();

    e.enrol(List.of(ADA));
    e.runDue();

    assertThat(campaignOf(ADA).status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(sender.sentTo(ADA.email())).hasSize(1);
    assertThat(events(ADA, EventType.MESSAGE_CHECKED))
        .hasSize(3)
        .allSatisfy(
            ev ->
                assertThat(ev.attributes())
                    .containsEntry("fallback", "template")
                    .containsEntry("generator", "template")
                    .containsEntry("passed", "true")
                    .hasEntrySatisfying(
                        "fallbackReason", r -> assertThat(r).contains("503 overloaded")));
  }

  @Test
  void leadWithoutDescriptionOrServicesIsSkippedAndTheBatchGoesOn() {
    Lead bare =
        Lead.builder("L-bare", "bare@example.com")
            .firstName("Bo")
            .company("Bare Co")
            .emailConfidence(EmailConfidence.REAL)
            .build();

    EnrolmentReport report = engine().build().enrol(List.of(bare, ADA));

    assertThat(report.enrolled()).isEqualTo(1);
    assertThat(report.skips())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.leadId()).isEqualTo("L-bare");
              assertThat(s.reason()).isEqualTo(SkipReason.INSUFFICIENT_DATA);
              assertThat(s.detail()).contains("company_description").contains("top_services");
            });
    assertThat(store.findCampaignsByLead("L-bare")).isEmpty();
  }

  @Test
  void heldCampaignCanBeStoppedAndOnlyAHeldCampaignCanBeApproved() {
    CampaignEngine e = engine().generator(BAD_FOR_ADA).build();
    e.enrol(List.of(ADA, GRACE));

    Campaign stopped = e.stop(campaignOf(ADA).id(), "copy rejected by reviewer");

    assertThat(stopped.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(store.findMessages(stopped.id()))
        .allMatch(m -> m.status() == DeliveryStatus.CANCELLED);
    assertThatThrownBy(() -> e.approve(campaignOf(GRACE).id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not HELD");
  }

  @Test
  void heldLeadIsNotEnrolledTwice() {
    CampaignEngine e = engine().generator(BAD_FOR_ADA).build();
    e.enrol(List.of(ADA));

    EnrolmentReport again = e.enrol(List.of(ADA));

    assertThat(again.skips())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo(SkipReason.ALREADY_IN_CAMPAIGN));
  }
}
