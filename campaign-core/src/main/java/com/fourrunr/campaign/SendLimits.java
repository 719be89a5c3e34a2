package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.SendLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sending caps that defer, never drop: a message that would break one waits until the next moment
 * all of them allow it. Given to {@link CampaignEngineBuilder#sendLimits(SendLimits)}; 0 means no
 * cap.
 *
 * <p>Counted over rolling windows (the last 24 hours, the last hour) of messages the mail server
 * accepted, per sending mailbox and per recipient domain, from the engine's {@link SendLog}. With
 * the default {@link SendLog#inMemory()} the counts are each engine's: after a restart an instance
 * starts counting afresh, and instances sharing a store count apart; with a log in the database
 * ({@code JdbcSendLog}) they survive restarts and are shared.
 *
 * @param perMailboxPerDay at most this many sends per sending mailbox in any 24 hours; 0: no cap
 * @param perMailboxPerHour at most this many per sending mailbox in any hour; 0: no cap
 * @param minimumGap at least this long between two sends of one mailbox; zero: none
 * @param perDomainPerDay at most this many sends to one recipient domain in any 24 hours (one
 *     company does not get a burst); 0: no cap
 * @param gapSpread a random extra wait of zero to this long added to the minimum gap after each
 *     send, so a mailbox does not send like a metronome; drawn once per send from the engine's
 *     {@link CampaignEngineBuilder#random random generator}; zero: none
 */
public record SendLimits(
    int perMailboxPerDay,
    int perMailboxPerHour,
    Duration minimumGap,
    int perDomainPerDay,
    Duration gapSpread) {
  /** No caps at all. */
  public static final SendLimits NONE = new SendLimits(0, 0, Duration.ZERO, 0);

  /** Caps without a random spread of the minimum gap. */
  public SendLimits(
      int perMailboxPerDay, int perMailboxPerHour, Duration minimumGap, int perDomainPerDay) {
    this(perMailboxPerDay, perMailboxPerHour, minimumGap, perDomainPerDay, Duration.ZERO);
  }

  /**
   * These caps with a random spread of zero to {@code gapSpread} added to the minimum gap after
   * each send.
   */
  public SendLimits withGapSpread(Duration gapSpread) {
    return new SendLimits(
        perMailboxPerDay, perMailboxPerHour, minimumGap, perDomainPerDay, gapSpread);
  }

  /** Checks every field, listing each problem. */
  public SendLimits {
    List<FieldError> errors = new ArrayList<>();
    if (perMailboxPerDay < 0) {
      errors.add(new FieldError("perMailboxPerDay", perMailboxPerDay + " is negative"));
    }
    if (perMailboxPerHour < 0) {
      errors.add(new FieldError("perMailboxPerHour", perMailboxPerHour + " is negative"));
    }
    if (minimumGap == null
        || minimumGap.isNegative()
        || minimumGap.compareTo(Duration.ofHours(1)) > 0) {
      errors.add(new FieldError("minimumGap", minimumGap + " is not between 0 and 1 hour"));
    }
    if (perDomainPerDay < 0) {
      errors.add(new FieldError("perDomainPerDay", perDomainPerDay + " is negative"));
    }
    if (gapSpread == null
        || gapSpread.isNegative()
        || gapSpread.compareTo(Duration.ofHours(1)) > 0) {
      errors.add(new FieldError("gapSpread", gapSpread + " is not between 0 and 1 hour"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("SendLimits", errors);
    }
  }

  /** Whether any cap is set. */
  public boolean any() {
    return perMailboxPerDay > 0
        || perMailboxPerHour > 0
        || !minimumGap.isZero()
        || perDomainPerDay > 0
        || !gapSpread.isZero();
  }
}
