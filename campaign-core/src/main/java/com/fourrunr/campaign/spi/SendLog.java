package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.SendLimits;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The recent sends {@link SendLimits} are counted from: each send the mail server accepted, by
 * sending mailbox and by recipient domain. Given to {@link CampaignEngineBuilder#sendLog(SendLog)}.
 *
 * <p>{@link #inMemory()} (the default) counts per engine instance: after a restart an instance
 * counts afresh, and instances count apart. A log kept in the campaign database ({@code
 * JdbcSendLog} in {@code campaign-adapters-jdbc}) survives restarts and is shared by every instance
 * using that database.
 *
 * <p>Implementations must be thread-safe. Mailbox addresses and domains are given lower-cased.
 * Entries older than a day may be forgotten.
 */
public interface SendLog {
  /**
   * One send of a mailbox.
   *
   * @param at when the server accepted it
   * @param gapEnd the earliest moment the mailbox may send again after it (minimum gap plus the
   *     random spread drawn for it), or null when no gap applies
   */
  record MailboxSend(Instant at, @Nullable Instant gapEnd) {}

  /** Records one accepted send of {@code mailbox} to a recipient in {@code domain}. */
  void record(String mailbox, String domain, Instant at, @Nullable Instant gapEnd);

  /** Up to {@code limit} sends of {@code mailbox} after {@code since}, the newest first. */
  List<MailboxSend> recentByMailbox(String mailbox, Instant since, int limit);

  /**
   * How many sends of {@code mailbox} there were after {@code since} and at or before {@code
   * until}. The default reads them through {@link #recentByMailbox}; a log in a database counts
   * them there.
   */
  default int countByMailbox(String mailbox, Instant since, Instant until) {
    return (int)
        recentByMailbox(mailbox, since, Integer.MAX_VALUE).stream()
            .filter(s -> !s.at().isAfter(until))
            .count();
  }

  /**
   * Up to {@code limit} send times to recipients in {@code domain} after {@code since}, the newest
   * first.
   */
  List<Instant> recentByDomain(String domain, Instant since, int limit);

  /**
   * A log in this engine's memory, bounded: sends older than a day are dropped, and at most {@value
   * InMemorySendLog#MAX_PER_KEY} are kept per mailbox and per domain.
   */
  static SendLog inMemory() {
    return new InMemorySendLog();
  }
}
