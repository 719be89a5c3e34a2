package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timing objections and referrals through the engine with the rule-based classifier, on the
 * settable clock: "try me next quarter" ends the campaign without suppressing the address and
 * records the follow-up day; "talk to Maria" enrols Maria (when the builder says so), with each
 * campaign naming the other.
 */
class ReplyFollowUpsTest {
  /** Day 0: Monday 2 March 2026, 09:00 UTC. */
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .lastName("Lovelace")
          .company("Analytical Engines")
          .companyDomain("engines.example")
          .industry("Computing")
          .companyDescription("Analytical Engines builds programmable calculating machines.")
          .topServices("Engine design")
          .title("Head of Research")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  private CampaignEngine engine(boolean referralLeads) {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(FROM)
        .schedule(SendSchedule.calendarDays())
        .referralLeads(referralLeads)
        .build();
  }

  private ReplyOutcome reply(CampaignEngine engine, Lead lead, String text) {
    var hook = sender.sentTo(lead.email()).get(0);
    return engine.receive(
        InboundReply.builder(lead.email(), clock.instant())
            .messageId("<r-" + clock.instant().toEpochMilli() + "@engines.example>")
            .subject("Re: " + hook.subject())
            .inReplyTo(hook.messageId())
            .text(text)
            .build());
  }

  private List<CampaignEvent> events(EventType type) {
    return store.findEventsByType(type, null, 100);
  }

  private Campaign campaignOf(String leadId) {
    return store.findCampaignsByLead(leadId).get(0);
  }

  @Test
  void timingObjectionEndsTheCampaignKeepsTheAddressAndRecordsTheFollowUpDay() {
    CampaignEngine engine = engine(false);
    engine.enrol(List.of(ADA));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofDays(1)));

    ReplyOutcome outcome =
        reply(engine, ADA, "Not right now - we're busy until June. Try me again then.");

    assertThat(outcome.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(outcome.action()).startsWith("campaign RESPONDED").contains("follow-up after ");
    assertThat(outcome.action()).doesNotContain("suppressed");
    assertThat(store.isSuppressed(ADA.email())).isFalse();
    assertThat(campaignOf(ADA.id()).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(events(EventType.FOLLOW_UP_SCHEDULED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.campaignId()).isEqualTo(campaignOf(ADA.id()).id());
              EventPayload.FollowUpScheduled p = (EventPayload.FollowUpScheduled) e.payload();
              assertThat(p.followUpAfter()).isEqualTo(LocalDate.of(2026, 6, 1));
              assertThat(p.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
            });
    // Nothing more is sent to her: the campaign ended.
    int sent = sender.sentTo(ADA.email()).size();
    clock.set(DAY0.plus(Duration.ofDays(30)));
    engine.runDue();
    assertThat(sender.sentTo(ADA.email())).hasSize(sent);
  }

  @Test
  void plainRefusalStillSuppressesTheAddress() {
    CampaignEngine engine = engine(false);
    engine.enrol(List.of(ADA));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofDays(1)));

    ReplyOutcome outcome = reply(engine, ADA, "Not interested, thanks.");

    assertThat(outcome.action()).isEqualTo("campaign RESPONDED, address suppressed");
    assertThat(store.isSuppressed(ADA.email())).isTrue();
    assertThat(events(EventType.FOLLOW_UP_SCHEDULED)).isEmpty();
  }

  @Test
  void referralIsEnrolledAtTheSameCompanyAndBothCampaignsNameEachOther() {
    CampaignEngine engine = engine(true);
    engine.enrol(List.of(ADA));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofDays(1)));

    ReplyOutcome outcome =
        reply(
            engine,
            ADA,
            "I'm not the right person for this. Please talk to Maria Lopez,"
                + " maria.lopez@engines.example, she runs procurement.");

    assertThat(outcome.category()).isEqualTo(ReplyCategory.WRONG_PERSON);
    assertThat(outcome.action()).contains("referral enrolled");
    List<Campaign> marias = store.findCampaignsByLead("L-ada-ref-maria.lopez@engines.example");
    assertThat(marias).singleElement();
    Campaign maria = marias.get(0);
    Lead mariaLead = store.findLead(maria.leadId()).orElseThrow();
    assertThat(mariaLead.email()).isEqualTo("maria.lopez@engines.example");
    assertThat(mariaLead.firstName()).isEqualTo("Maria");
    assertThat(mariaLead.company()).isEqualTo("Analytical Engines");
    Campaign adas = campaignOf(ADA.id());
    assertThat(events(EventType.LEAD_REFERRED))
        .hasSize(2)
        .anySatisfy(
            e -> {
              assertThat(e.campaignId()).isEqualTo(adas.id());
              EventPayload.LeadReferred p = (EventPayload.LeadReferred) e.payload();
              assertThat(p.direction()).isEqualTo("referred_to");
              assertThat(p.otherCampaignId()).isEqualTo(maria.id());
              assertThat(p.email()).isEqualTo("maria.lopez@engines.example");
            })
        .anySatisfy(
            e -> {
              assertThat(e.campaignId()).isEqualTo(maria.id());
              EventPayload.LeadReferred p = (EventPayload.LeadReferred) e.payload();
              assertThat(p.direction()).isEqualTo("referred_by");
              assertThat(p.otherCampaignId()).isEqualTo(adas.id());
              assertThat(p.otherLeadId()).isEqualTo(ADA.id());
            });
    // Maria's Hook goes out through the normal schedule.
    engine.runDue();
    assertThat(sender.sentTo("maria.lopez@engines.example")).isNotEmpty();
  }

  @Test
  void referralIsOffByDefault() {
    CampaignEngine engine = engine(false);
    engine.enrol(List.of(ADA));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofDays(1)));

    ReplyOutcome outcome =
        reply(
            engine, ADA, "Wrong person - please talk to Maria Lopez, maria.lopez@engines.example.");

    assertThat(outcome.category()).isEqualTo(ReplyCategory.WRONG_PERSON);
    assertThat(store.findCampaignsByLead("L-ada-ref-maria.lopez@engines.example")).isEmpty();
    assertThat(events(EventType.LEAD_REFERRED)).isEmpty();
  }

  @Test
  void suppressedReferralIsNotEnrolledAndTheRefusalIsRecorded() {
    CampaignEngine engine = engine(true);
    engine.enrol(List.of(ADA));
    engine.runDue();
    store.commit(
        StoreChanges.builder()
            .suppression(new Suppression("maria.lopez@engines.example", "asked us before", DAY0))
            .build());
    clock.set(DAY0.plus(Duration.ofDays(1)));

    ReplyOutcome outcome =
        reply(
            engine, ADA, "Wrong person - please talk to Maria Lopez, maria.lopez@engines.example.");

    assertThat(outcome.action()).contains("referral not enrolled");
    assertThat(store.findCampaignsByLead("L-ada-ref-maria.lopez@engines.example")).isEmpty();
    assertThat(events(EventType.LEAD_REFERRED))
        .singleElement()
        .satisfies(
            e -> {
              EventPayload.LeadReferred p = (EventPayload.LeadReferred) e.payload();
              assertThat(p.otherCampaignId()).isEmpty();
              assertThat(p.outcome()).startsWith("not enrolled");
            });
  }

  @Test
  void referralOutsideTheCompanyDomainIsNotEnrolled() {
    CampaignEngine engine = engine(true);
    engine.enrol(List.of(ADA));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofDays(1)));

    ReplyOutcome outcome =
        reply(engine, ADA, "Wrong person - please talk to Maria Lopez, maria@elsewhere.example.");

    assertThat(outcome.action()).contains("referral not enrolled: elsewhere.example");
    assertThat(sender.sentTo("maria@elsewhere.example")).isEmpty();
  }
}
