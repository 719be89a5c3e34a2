package com.fourrunr.campaign.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a reply source's recent polls worked: a source that survives a failed poll (logs it and
 * returns nothing, as the IMAP source does) records each outcome here, and {@link
 * HealthMonitor.Builder#replyIntake} reads it, so a poll that keeps failing is not taken for an
 * empty mailbox. Times come from the clock given. Thread-safe.
 */
public final class PollHealth {
  private final Clock clock;
  private @Nullable Instant lastSuccess;
  private @Nullable Instant lastFailure;
  private int consecutiveFailures;
  private String lastError = "";

  private PollHealth(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A record with no poll yet, timed by {@code clock}. */
  public static PollHealth create(Clock clock) {
    return new PollHealth(clock);
  }

  /** A poll that reached the source (whether or not it found mail). */
  public synchronized void success() {
    lastSuccess = clock.instant();
    consecutiveFailures = 0;
  }

  /**
   * A poll that could not reach or read the source.
   *
   * @param error what failed, short and without secrets (an exception's class and a few words)
   */
  public synchronized void failure(String error) {
    lastFailure = clock.instant();
    consecutiveFailures++;
    lastError = Objects.requireNonNull(error, "error");
  }

  /** The state now. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(lastSuccess, lastFailure, consecutiveFailures, lastError);
  }

  /**
   * The outcome of the recent polls.
   *
   * @param lastSuccess the last poll that worked, or null for none yet
   * @param lastFailure the last poll that failed, or null for none yet
   * @param consecutiveFailures the polls that failed since the last that worked
   * @param lastError what the last failed poll reported, or empty
   */
  public record Snapshot(
      @Nullable Instant lastSuccess,
      @Nullable Instant lastFailure,
      int consecutiveFailures,
      String lastError) {
    /** Checks the error is present. */
    public Snapshot {
      Objects.requireNonNull(lastError, "lastError");
    }

    /** Whether the last poll failed. */
    public boolean failing() {
      return consecutiveFailures > 0;
    }

    /**
     * The worse of two sources' states, for a source made of several: a failing one wins (the one
     * failing longest), and of two working ones the one whose last success is older.
     */
    public Snapshot worse(Snapshot other) {
      if (failing() != other.failing()) {
        return failing() ? this : other;
      }
      if (failing()) {
        return consecutiveFailures >= other.consecutiveFailures ? this : other;
      }
      if (lastSuccess == null || other.lastSuccess == null) {
        return lastSuccess == null ? this : other;
      }
      return lastSuccess.isBefore(other.lastSuccess) ? this : other;
    }
  }
}
