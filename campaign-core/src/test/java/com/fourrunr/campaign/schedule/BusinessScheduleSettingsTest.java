package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule's settings and its campaign-configuration entry points; every schedule here is built
 * inside its test.
 */
class BusinessScheduleSettingsTest {
  private static final Instant MONDAY_0800_UTC = Instant.parse("2026-03-02T08:00:00Z");
  private static final SchedulePolicy NO_JITTER = SchedulePolicy.builder().jitter(false).build();

  private static Lead lead(String id, String zone) {
    return Lead.builder(id, id.toLowerCase() + "@example.com").timezone(zone).build();
  }

  @Test
  void theBuilderNeedsAPolicyAndKeepsTheOneGiven() {
    assertThatThrownBy(() -> BusinessSchedule.builder().policy(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("policy");
    BusinessSchedule s = BusinessSchedule.builder().policy(NO_JITTER).build();
    assertThat(s.policy()).isSameAs(NO_JITTER);
    assertThat(BusinessSchedule.create().policy()).isEqualTo(SchedulePolicy.defaults());
    assertThat(s.toString()).startsWith("BusinessSchedule[").contains(NO_JITTER.toString());
  }

  @Test
  void theCampaignsOwnPolicyDecidesForConfiguredSends() {
    BusinessSchedule schedule = BusinessSchedule.builder().policy(NO_JITTER).build();
    SchedulePolicy late =
        SchedulePolicy.builder()
            .jitter(false)
            .window(java.time.LocalTime.of(14, 0), java.time.LocalTime.of(15, 0))
            .build();
    Sequence two =
        new Sequence(
            "two",
            List.of(new SequenceStep(MessageType.HOOK, 0), new SequenceStep(MessageType.PROOF, 2)));
    CampaignConfig config =
        CampaignConfig.defaults(new Mailbox("hello@4runr.com", "4Runr"))
            .withSequence(two)
            .withSchedule(late);
    Lead london = lead("L-1", "Europe/London");

    Instant first = schedule.firstSend(config, london, 0, MONDAY_0800_UTC);
    Instant second = schedule.nextSend(config, london, 1, first);

    assertThat(first).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
    assertThat(second).isEqualTo(Instant.parse("2026-03-04T14:00:00Z"));
    // The schedule's own policy (09:00-11:30) for the same lead without a configuration.
    assertThat(schedule.firstSend(london, new SequenceStep(MessageType.HOOK, 0), MONDAY_0800_UTC))
        .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(
            schedule.nextSend(
                london,
                new SequenceStep(MessageType.PROOF, 2),
                Instant.parse("2026-03-02T09:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
  }

  @Test
  void describeNamesTheZoneItsSourceAndAnyWarning() {
    BusinessSchedule schedule = BusinessSchedule.create();
    CampaignConfig config = CampaignConfig.defaults(new Mailbox("hello@4runr.com", "4Runr"));

    assertThat(schedule.describe(config, lead("L-1", "Asia/Tokyo")))
        .containsExactly(
            java.util.Map.entry("zone", "Asia/Tokyo"),
            java.util.Map.entry("zoneSource", "timezone"));
    assertThat(schedule.describe(config, Lead.builder("L-2", "l2@example.com").build()))
        .containsEntry("zone", "UTC")
        .containsEntry("zoneSource", "default")
        .containsKey("zoneWarning");
  }

  @Test
  void aResolutionWithAWarningIsAFallback() {
    assertThat(new ZoneResolution(ZoneId.of("UTC"), "default", "no location").isFallback())
        .isTrue();
    assertThat(new ZoneResolution(ZoneId.of("UTC"), "timezone", null).isFallback()).isFalse();
  }

  @Test
  void aPolicyWithoutAnyBusinessDayIsRefusedNamingTheLead() {
    SchedulePolicy weekendOnly =
        SchedulePolicy.builder()
            .jitter(false)
            .days(EnumSet.of(DayOfWeek.SATURDAY))
            .companyHolidays(
                java.util.stream.Stream.iterate(LocalDate.of(2026, 3, 7), d -> d.plusWeeks(1))
                    .limit(200)
                    .toList())
            .build();
    BusinessSchedule schedule = BusinessSchedule.builder().policy(weekendOnly).build();

    assertThatThrownBy(
            () ->
                schedule.firstSend(
                    lead("L-x", "UTC"), new SequenceStep(MessageType.HOOK, 0), MONDAY_0800_UTC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lead L-x")
        .hasMessageContaining("no business day within " + BusinessSchedule.MAX_SEARCH_DAYS);
  }

  @Test
  void jitterIsFixedByLeadAndStepAndStaysInsideTheWindow() {
    BusinessSchedule schedule = BusinessSchedule.create();
    Lead a = lead("L-a", "UTC");
    SequenceStep hook = new SequenceStep(MessageType.HOOK, 0);

    Instant first = schedule.firstSend(a, hook, MONDAY_0800_UTC);

    // The same lead and step always get the same minute; the window is 09:00-11:30.
    assertThat(BusinessSchedule.create().firstSend(a, hook, MONDAY_0800_UTC)).isEqualTo(first);
    assertThat(first)
        .isAfterOrEqualTo(Instant.parse("2026-03-02T09:00:00Z"))
        .isBefore(Instant.parse("2026-03-02T11:30:00Z"));
    // Different leads spread out over the window.
    java.util.Set<Instant> spread = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      spread.add(schedule.firstSend(lead("L-" + i, "UTC"), hook, MONDAY_0800_UTC));
    }
    assertThat(spread).hasSizeGreaterThan(15);
    assertThat(spread)
        .allSatisfy(
            t ->
                assertThat(t)
                    .isAfterOrEqualTo(Instant.parse("2026-03-02T09:00:00Z"))
                    .isBefore(Instant.parse("2026-03-02T11:30:00Z")));
  }
}
