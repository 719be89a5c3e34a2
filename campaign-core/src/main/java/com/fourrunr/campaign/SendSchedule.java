package com.fourrunr.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Decides when each step goes out. The engine calls the methods that take the campaign's {@link
 * CampaignConfig} (so a running campaign keeps the rules it started with); their defaults delegate
 * to the two-argument methods, so a simple implementation only writes those. The engine's default
 * is {@link com.fourrunr.campaign.schedule.BusinessSchedule} (business days, holidays, the lead's
 * time zone and send window); {@link #calendarDays()} sends the first step at enrolment and each
 * later step its {@link SequenceStep#daysAfterPrevious()} whole days after the previous step was
 * actually sent, at any hour. Implementations must be thread-safe and deterministic: the same input
 * gives the same instant.
 */
public interface SendSchedule {
  /** When the first step goes out for a lead enrolled at {@code enrolledAt}. */
  Instant firstSend(Lead lead, SequenceStep step, Instant enrolledAt);

  /**
   * When {@code step} goes out, given that the previous step was sent at {@code previousSentAt}.
   */
  Instant nextSend(Lead lead, SequenceStep step, Instant previousSentAt);

  /**
   * When step {@code stepIndex} (0 for the first) goes out for a lead enrolled at {@code
   * enrolledAt}, under the campaign's configuration. Default: {@link #firstSend(Lead, SequenceStep,
   * Instant)}.
   */
  default Instant firstSend(CampaignConfig config, Lead lead, int stepIndex, Instant enrolledAt) {
    return firstSend(lead, config.sequence().step(stepIndex), enrolledAt);
  }

  /**
   * When step {@code stepIndex} goes out, given that the previous step was actually sent at {@code
   * previousSentAt}. Default: {@link #nextSend(Lead, SequenceStep, Instant)}.
   */
  default Instant nextSend(
      CampaignConfig config, Lead lead, int stepIndex, Instant previousSentAt) {
    return nextSend(lead, config.sequence().step(stepIndex), previousSentAt);
  }

  /**
   * The first instant at or after {@code at} when a due message of step {@code stepIndex} may go
   * out: the engine asks before sending an overdue message and when a paused campaign resumes.
   * Default: {@code at} (any time is allowed).
   */
  default Instant earliestSend(CampaignConfig config, Lead lead, int stepIndex, Instant at) {
    return at;
  }

  /**
   * Facts about how this lead is scheduled, kept as attributes of its campaign's {@code
   * CAMPAIGN_CREATED} event (for example {@code zone} and a {@code zoneWarning}). Default: none.
   */
  default Map<String, String> describe(CampaignConfig config, Lead lead) {
    return Map.of();
  }

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
