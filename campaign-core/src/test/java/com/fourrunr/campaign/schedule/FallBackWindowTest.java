package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SequenceStep;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * A send window that starts inside the hour a fall-back transition repeats. In New York on Sunday 1
 * November 2026 the clocks go from 01:59:59 EDT back to 01:00 EST, so 01:00-01:59 happens twice.
 * With a window of 01:30-03:00 local time, an instant in the second pass of 01:00-01:29 (EST) is
 * before the window: the send waits for 01:30 on the later offset, never goes out at 01:10 local.
 */
class FallBackWindowTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final BusinessSchedule SCHEDULE =
      BusinessSchedule.builder()
          .policy(
              SchedulePolicy.builder()
                  .jitter(false)
                  .countryHolidays(false)
                  .days(EnumSet.allOf(DayOfWeek.class))
                  .window(LocalTime.of(1, 30), LocalTime.of(3, 0))
                  .build())
          .build();
  private static final Lead LEAD =
      Lead.builder("L-ny", "ny@example.com").timezone("America/New_York").build();
  private static final SequenceStep FIRST = new SequenceStep(MessageType.HOOK, 0);

  /** 01:10 EST, the second pass of the repeated hour (06:10 UTC). */
  private static final Instant SECOND_PASS_0110 = Instant.parse("2026-11-01T06:10:00Z");

  /** 01:30 EST, the window's start on the later offset (06:30 UTC). */
  private static final Instant START_ON_LATER_OFFSET = Instant.parse("2026-11-01T06:30:00Z");

  @Test
  void enrolledInTheSecondPassBeforeTheStartTimeSendsAtTheStartTimeOnTheLaterOffset() {
    Instant send = SCHEDULE.firstSend(LEAD, FIRST, SECOND_PASS_0110);

    assertThat(send).isEqualTo(START_ON_LATER_OFFSET);
    assertThat(send.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(1, 30));
  }

  @Test
  void enrolledInTheFirstPassBeforeTheStartTimeSendsAtTheFirstStartTime() {
    // 01:10 EDT (05:10 UTC): the window opens at 01:30 EDT, 05:30 UTC.
    assertThat(SCHEDULE.firstSend(LEAD, FIRST, Instant.parse("2026-11-01T05:10:00Z")))
        .isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
  }

  @Test
  void enrolledInTheSecondPassAfterTheStartTimeSendsAtOnce() {
    // 01:45 EST (06:45 UTC) is inside the window.
    Instant at = Instant.parse("2026-11-01T06:45:00Z");
    assertThat(SCHEDULE.firstSend(LEAD, FIRST, at)).isEqualTo(at);
  }
}
