package com.fourrunr.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a campaign is created with. Each campaign keeps the configuration it started with, so
 * changing the engine's configuration later changes new campaigns only.
 *
 * @param sequence the steps to send
 * @param from the mailbox the campaign sends from
 * @param maxAttempts how many times one message is tried before it fails (at least 1)
 * @param retryBackoff the wait before the first retry; each further retry waits twice as long
 * @param schedule when mail may go out: interval unit, send window and days, spreading, holidays
 *     and fallback time zones, read by the {@link SendSchedule}
 */
public record CampaignConfig(
    Sequence sequence,
    Mailbox from,
    int maxAttempts,
    Duration retryBackoff,
    SchedulePolicy schedule) {
  /** Default attempts per message. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default wait before the first retry. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMinutes(5);

  /** Checks every field, listing each problem. */
  public CampaignConfig {
    List<FieldError> errors = new ArrayList<>();
    if (sequence == null) {
      errors.add(new FieldError("sequence", "is required"));
    }
    if (from == null) {
      errors.add(new FieldError("from", "is required"));
    }
    if (maxAttempts < 1 || maxAttempts > 50) {
      errors.add(new FieldError("maxAttempts", maxAttempts + " is not between 1 and 50"));
    }
    if (retryBackoff == null || retryBackoff.isNegative() || retryBackoff.isZero()) {
      errors.add(new FieldError("retryBackoff", "must be a positive duration"));
    }
    if (schedule == null) {
      errors.add(new FieldError("schedule", "is required"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("CampaignConfig", errors);
    }
  }

  /** A configuration with {@link SchedulePolicy#defaults()}. */
  public CampaignConfig(Sequence sequence, Mailbox from, int maxAttempts, Duration retryBackoff) {
    this(sequence, from, maxAttempts, retryBackoff, SchedulePolicy.defaults());
  }

  /** The default Hook/Proof/FOMO sequence from the given mailbox, with default retries. */
  public static CampaignConfig defaults(Mailbox from) {
    return new CampaignConfig(
        Sequence.hookProofFomo(),
        Objects.requireNonNull(from, "from"),
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_RETRY_BACKOFF,
        SchedulePolicy.defaults());
  }

  /** This configuration with another sequence. */
  public CampaignConfig withSequence(Sequence sequence) {
    return new CampaignConfig(sequence, from, maxAttempts, retryBackoff, schedule);
  }

  /** This configuration sending from another mailbox. */
  public CampaignConfig withFrom(Mailbox from) {
    return new CampaignConfig(sequence, from, maxAttempts, retryBackoff, schedule);
  }

  /** This configuration with another schedule policy. */
  public CampaignConfig withSchedule(SchedulePolicy schedule) {
    return new CampaignConfig(sequence, from, maxAttempts, retryBackoff, schedule);
  }
}
