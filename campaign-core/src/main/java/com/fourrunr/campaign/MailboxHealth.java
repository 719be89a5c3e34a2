package com.fourrunr.campaign;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the bounces that speak against a sending mailbox rather than the address (its IP blocked,
 * its content filtered as spam; {@link BounceReason#isSenderProblem()}) and pauses the mailbox
 * through {@link MailboxPauses} at the {@link ReplyPolicy#MAILBOX_BLOCKS_TO_PAUSE}th within {@link
 * ReplyPolicy#MAILBOX_BLOCK_WINDOW}. The count is this instance's, in memory (each bounce is also
 * stored with its reason in its {@link EventType#REPLY_CLASSIFIED} event and raises an alert); the
 * pause itself is stored. Thread-safe.
 */
final class MailboxHealth {
  private final MailboxPauses pauses;
  private final Map<String, Deque<Instant>> blocks = new ConcurrentHashMap<>();

  MailboxHealth(MailboxPauses pauses) {
    this.pauses = pauses;
  }

  /**
   * Records a bounce against the mailbox; returns what was done, for the reply's action (empty, or
   * ", mailbox ... paused").
   */
  String blocked(String mailbox, BounceReason reason, Instant now) {
    String key = mailbox.strip().toLowerCase(Locale.ROOT);
    int count;
    Deque<Instant> times = blocks.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      Instant since = now.minus(ReplyPolicy.MAILBOX_BLOCK_WINDOW);
      while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
        times.pollFirst();
      }
      times.addLast(now);
      count = times.size();
    }
    String counted = ", counted against mailbox " + key + " (" + count + " " + reason + ")";
    if (count >= ReplyPolicy.MAILBOX_BLOCKS_TO_PAUSE
        && pauses.pauseMailbox(
            key,
            count
                + " bounces for a blocked sender or spam filter within "
                + ReplyPolicy.MAILBOX_BLOCK_WINDOW
                + " (last: "
                + reason
                + ")")) {
      return counted + ", mailbox paused";
    }
    return counted;
  }
}
