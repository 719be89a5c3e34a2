package com.fourrunr.campaign;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides when each step goes out. The default, {@link #calendarDays()}, sends the first step at
 * enrolment and each later step its {@link SequenceStep#daysAfterPrevious()} days after the previous step
 * was actually sent. Business days, holidays, time zones and send windows plug in here.
 */
public interface SendSchedule {
  /** When the first step goes out for a lead enrolled at {@code enrolledAt}. */
  Instant firstSend(Lead lead, SequenceStep step, Instant enrolledAt);

  /** When {@code step} goes out, given that the previous step was sent at {@code previousSentAt}. */
  Instant nextSend(Lead lead, SequenceStep step, Instant previousSentAt);

  /** Whole days of 24 hours after the previous send, with no window or calendar. */
  static SendSchedule calendarDays() {
    return new SendSchedule() {
      @Override
      public Instant firstSend(Lead lead, SequenceStep step, Instant enrolledAt) {
        return enrolledAt.plus(Duration.ofDays(step.daysAfterPrevious()));
      }

      @Override
      public Instant nextSend(Lead lead, SequenceStep step, Instant previousSentAt) {
        return previousSentAt.plus(Duration.ofDays(step.daysAfterPrevious()));
      }

      @Override
      public String toString() {
        return "SendSchedule.calendarDays()";
      }
    };
  }
}
