package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.SendLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The send queue as {@link CampaignEngine#queueStatus()} sees it.
 *
 * @param at when it was taken (the engine's clock)
 * @param counts the messages per state, from the store
 * @param oldestDueAge how long the longest-waiting due message has been due, or null when none is
 *     due
 * @param mailboxes each sending mailbox's recent sends against its caps, from the engine's {@link
 *     SendLog}
 */
public record QueueStatus(
    Instant at, QueueCounts counts, @Nullable Duration oldestDueAge, List<MailboxUsage> mailboxes) {
  /** Freezes the list. */
  public QueueStatus {
    mailboxes = List.copyOf(mailboxes);
  }

  /**
   * One sending mailbox's use of its caps ({@link SendLimits}), counted from the engine's {@link
   * SendLog} (with the default in-memory log: since this engine started). The day's sends are
   * counted whether or not a cap is set; the hour's only when an hour cap is set (0 otherwise).
   *
   * @param mailbox the sending address
   * @param sentLastDay sends in the last 24 hours (up to the day cap)
   * @param perDayCap the day cap, 0 for none
   * @param sentLastHour sends in the last hour (up to the hour cap), 0 without an hour cap
   * @param perHourCap the hour cap, 0 for none
   */
  public record MailboxUsage(
      String mailbox, int sentLastDay, int perDayCap, int sentLastHour, int perHourCap) {}
}
