package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SchedulePolicy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine with its default schedule, {@code BusinessSchedule}: windows, late sends, pause and
 * resume.
 */
class BusinessScheduleEngineTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  /** 09:00-11:30 Monday to Friday, no spreading, so times can be asserted exactly. */
  private static final SchedulePolicy EXACT = SchedulePolicy.builder().jitter(false).build();

  private static final Lead NY =
      Lead.builder("L-ny", "ny@example.com")
          .firstName("Nia")
          .company("Hudson Freight")
          .companyDescription("Hudson Freight runs barge freight on the Hudson.")
          .topServices("Barge freight")
          .timezone(NEW_YORK)
          .country("US")
          .region("NY")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final SettableClock clock = new SettableClock(ny("2026-03-02T09:00")); // Monday
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  private static Instant ny(String local) {
    return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
  }

  private CampaignEngine engine(SchedulePolicy policy) {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .from(FROM)
        .clock(clock)
        .schedulePolicy(policy)
        .build();
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private List<CampaignMessage> messagesOf(Lead lead) {
    return store.findMessages(campaignOf(lead).id()).stream()
        .sorted(Comparator.comparingInt(CampaignMessage::stepIndex))
        .toList();
  }

  @Test
  void defaultEngineSendsOnTheLeadsNextBusinessDayInsideTheWindow() {
    clock.set(ny("2026-03-07T10:00")); // Saturday
    CampaignEngine engine =
        CampaignEngine.builder().store(store).sender(sender).from(FROM).clock(clock).build();
    engine.enrol(List.of(NY));
    Instant hookAt = messagesOf(NY).get(0).scheduledAt();
    LocalDateTime local = LocalDateTime.ofInstant(hookAt, NEW_YORK);
    assertThat(local.toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 9));
    assertThat(local.toLocalTime())
        .isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(11, 29, 59));
    assertThat(engine.runDue().sent()).isZero();
  }

  @Test
  void overdueSendOutsideTheWindowWaitsForTheNextWindow() {
    CampaignEngine engine = engine(EXACT);
    engine.enrol(List.of(NY));
    assertThat(messagesOf(NY).get(0).scheduledAt()).isEqualTo(ny("2026-03-02T09:00"));

    clock.set(ny("2026-03-02T15:00")); // the engine was down all morning
    assertThat(engine.runDue().sent()).isZero();
    CampaignMessage hook = messagesOf(NY).get(0);
    assertThat(hook.status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(hook.scheduledAt()).isEqualTo(ny("2026-03-03T09:00"));
    assertThat(store.findEventsByType(EventType.MESSAGE_SCHEDULED, null, 10))
        .anySatisfy(e -> assertThat(e.attribute("reason")).isEqualTo("outside the send window"));
    assertThat(sender.sent()).isEmpty();

    clock.set(ny("2026-03-03T09:05"));
    assertThat(engine.runDue().sent()).isEqualTo(1);
    assertThat(messagesOf(NY).get(0).sentAt()).isEqualTo(ny("2026-03-03T09:05"));
  }

  @Test
  void overdueSendInsideTheWindowGoesOutAtOnceAndTheNextStepKeepsItsSpacingFromTheActualSend() {
    CampaignEngine engine = engine(EXACT);
    engine.enrol(List.of(NY));
    clock.set(ny("2026-03-02T11:00"));
    assertThat(engine.runDue().sent()).isEqualTo(1);

    CampaignMessage hook = messagesOf(NY).get(0);
    assertThat(hook.scheduledAt()).isEqualTo(ny("2026-03-02T09:00"));
    assertThat(hook.sentAt()).isEqualTo(ny("2026-03-02T11:00"));
    // Proof: 3 business days after the Hook's actual send, Thursday 5 March.
    assertThat(messagesOf(NY).get(1).scheduledAt()).isEqualTo(ny("2026-03-05T09:00"));
  }

  @Test
  void resumeAfterALongPauseSendsInTheNextWindowAndKeepsTheSpacingOfLaterSteps() {
    CampaignEngine engine = engine(EXACT);
    engine.enrol(List.of(NY));
    engine.runDue(); // Hook, Monday 2 March 09:00
    Campaign campaign = campaignOf(NY);
    clock.set(ny("2026-03-03T10:00"));
    engine.pause(campaign.id(), "operator");

    clock.set(ny("2026-03-20T18:00")); // a Friday evening, long after the Proof fell due
    assertThat(engine.runDue().sent()).isZero();
    engine.resume(campaign.id());
    CampaignMessage proof = messagesOf(NY).get(1);
    // Not at once (outside the window), not back to back: the next window, Monday 23 March.
    assertThat(proof.scheduledAt()).isEqualTo(ny("2026-03-23T09:00"));
    assertThat(engine.runDue().sent()).isZero();

    clock.set(ny("2026-03-23T09:00"));
    assertThat(engine.runDue().sent()).isEqualTo(1);
    // FOMO: 4 business days after the Proof's actual send.
    assertThat(messagesOf(NY).get(2).scheduledAt()).isEqualTo(ny("2026-03-27T09:00"));
    clock.set(ny("2026-03-27T09:30"));
    engine.runDue();
    assertThat(campaignOf(NY).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(sender.sentTo(NY.email())).hasSize(3);
  }

  @Test
  void pausedCampaignSendsNothingUntilResumed() {
    CampaignEngine engine = engine(EXACT);
    engine.enrol(List.of(NY));
    engine.pause(campaignOf(NY).id(), "operator");
    clock.set(ny("2026-03-02T10:00"));
    assertThat(engine.runDue().sent()).isZero();
    engine.resume(campaignOf(NY).id());
    // Resumed inside the window: the overdue Hook goes out at once.
    assertThat(messagesOf(NY).get(0).scheduledAt()).isEqualTo(ny("2026-03-02T10:00"));
    assertThat(engine.runDue().sent()).isEqualTo(1);
  }

  @Test
  void unresolvedZoneFallsBackWithAWarningKeptOnTheCampaign() {
    Lead somewhereInUs =
        Lead.builder("L-us", "us@example.com")
            .country("US")
            .emailConfidence(EmailConfidence.REAL)
            .company("Prairie Mills")
            .companyDescription("Prairie Mills grinds flour.")
            .build();
    CampaignEngine engine =
        engine(SchedulePolicy.builder().companyZone(ZoneId.of("America/Chicago")).build());
    engine.enrol(List.of(somewhereInUs, NY));

    List<CampaignEvent> created = store.findEventsByType(EventType.CAMPAIGN_CREATED, null, 10);
    assertThat(created)
        .filteredOn(e -> "L-us".equals(e.leadId()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("zone")).isEqualTo("America/Chicago");
              assertThat(e.attribute("zoneSource")).isEqualTo("company default");
              assertThat(e.attribute("zoneWarning"))
                  .contains("US has")
                  .contains("time zones, give the region or city");
            });
    assertThat(created)
        .filteredOn(e -> "L-ny".equals(e.leadId()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("zone")).isEqualTo("America/New_York");
              assertThat(e.attributes()).doesNotContainKey("zoneWarning");
            });
  }

  @Test
  void runningCampaignsKeepTheirPolicyWhenTheEngineConfigurationChanges() {
    SchedulePolicy mornings = SchedulePolicy.builder().window("09:00-10:00").jitter(false).build();
    SchedulePolicy afternoons =
        SchedulePolicy.builder().window("14:00-15:00").jitter(false).build();
    engine(mornings).enrol(List.of(NY));
    engine(mornings).runDue(); // Hook Monday 09:00

    Lead other = NY.toBuilder().id("L-ny2").email("ny2@example.com").build();
    CampaignEngine changed = engine(afternoons);
    changed.enrol(List.of(other));
    assertThat(messagesOf(other).get(0).scheduledAt()).isEqualTo(ny("2026-03-02T14:00"));
    clock.set(ny("2026-03-05T09:00"));
    changed.runDue();

    // The first campaign still follows its morning window; the new one the afternoon window, so its
    // overdue Hook waits for Thursday afternoon.
    assertThat(campaignOf(NY).config().schedule()).isEqualTo(mornings);
    assertThat(messagesOf(NY).get(1).sentAt()).isEqualTo(ny("2026-03-05T09:00"));
    assertThat(messagesOf(other).get(0).scheduledAt()).isEqualTo(ny("2026-03-05T14:00"));
  }
}
