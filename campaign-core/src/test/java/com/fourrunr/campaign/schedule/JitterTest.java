package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Where in the window a jittered send falls: at the fraction SplitMix64 makes of the lead id's
 * {@link String#hashCode()} and the step, the same on every JVM. The reference is the JDK's own
 * SplitMix64, {@link SplittableRandom}: its {@code nextDouble()} from seed {@code s} is the
 * finalised {@code s + 0x9E3779B97F4A7C15} to 53 bits.
 */
class JitterTest {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final BusinessSchedule SCHEDULE = BusinessSchedule.create();
  private static final SchedulePolicy ALL_DAY_EVERY_DAY =
      SchedulePolicy.builder()
          .window("09:00-17:00")
          .days("MON-SUN")
          .intervalUnit(IntervalUnit.CALENDAR_DAYS)
          .countryHolidays(false)
          .jitter(true)
          .build();
  private static final Sequence THREE_DAILY_STEPS =
      new Sequence(
          "daily",
          List.of(
              new SequenceStep(MessageType.HOOK, 0),
              new SequenceStep(MessageType.PROOF, 1),
              new SequenceStep(MessageType.FOMO, 1)));

  /** The fraction of the window SplitMix64 gives lead {@code id}'s step {@code stepIndex}. */
  private static double splitMix64Fraction(String id, int stepIndex) {
    long seed = id.hashCode() * GOLDEN_GAMMA + stepIndex;
    return new SplittableRandom(seed - GOLDEN_GAMMA).nextDouble();
  }

  @Test
  void eachStepFallsAtItsSplitMix64FractionOfTheWindow() {
    long window = 8 * 3600;
    // Enrolled on Monday 2 March 2026 before the window (UTC): one send a day from that day on.
    Instant enrolled = Instant.parse("2026-03-02T06:00:00Z");
    for (String id : List.of("L-1", "L-2", "lead-42", "ACME-0001", "x", "Zoë")) {
      Lead lead = Lead.builder(id, "a@example.com").timezone("UTC").build();
      String leadId = lead.id();
      List<PlannedSend> plan = SCHEDULE.plan(lead, THREE_DAILY_STEPS, enrolled, ALL_DAY_EVERY_DAY);
      for (int step = 0; step < 3; step++) {
        long seconds = (long) (splitMix64Fraction(leadId, step) * window);
        assertThat(plan.get(step).localSendAt())
            .as("lead %s step %d", leadId, step + 1)
            .isEqualTo(LocalDateTime.parse("2026-03-02T09:00").plusDays(step).plusSeconds(seconds));
      }
    }
  }

  @Test
  void withoutJitterEveryStepOpensTheWindow() {
    Lead lead = Lead.builder("L-1", "a@example.com").timezone("UTC").build();
    List<PlannedSend> plan =
        SCHEDULE.plan(
            lead,
            THREE_DAILY_STEPS,
            Instant.parse("2026-03-02T06:00:00Z"),
            ALL_DAY_EVERY_DAY.toBuilder().jitter(false).build());
    assertThat(plan)
        .extracting(PlannedSend::localSendAt)
        .containsExactly(
            LocalDateTime.parse("2026-03-02T09:00"),
            LocalDateTime.parse("2026-03-03T09:00"),
            LocalDateTime.parse("2026-03-04T09:00"));
  }
}
