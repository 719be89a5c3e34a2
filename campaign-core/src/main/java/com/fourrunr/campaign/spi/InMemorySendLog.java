package com.fourrunr.campaign.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link SendLog#inMemory()}: the last day's sends per key, keys idle for a day forgotten now and
 * then.
 */
final class InMemorySendLog implements SendLog {
  static final int MAX_PER_KEY = 100_000;
  private static final Duration DAY = Duration.ofHours(24);
  private static final int SWEEP_EVERY = 1_024;

  private final Map<String, Deque<MailboxSend>> byMailbox = new HashMap<>();
  private final Map<String, Deque<Instant>> byDomain = new HashMap<>();
  private long recorded;

  @Override
  public synchronized void record(
      String mailbox, String domain, Instant at, @Nullable Instant gapEnd) {
    if (++recorded % SWEEP_EVERY == 0) {
      Instant from = at.minus(DAY);
      byMailbox
          .values()
          .removeIf(
              q ->
                  q.isEmpty()
                      || (q.peekLast().at().isBefore(from)
                          && (q.peekLast().gapEnd() == null
                              || q.peekLast().gapEnd().isBefore(from))));
      byDomain.values().removeIf(q -> q.isEmpty() || q.peekLast().isBefore(from));
    }
    add(
        byMailbox.computeIfAbsent(mailbox, k -> new ArrayDeque<>()),
        new MailboxSend(at, gapEnd),
        at);
    add(byDomain.computeIfAbsent(domain, k -> new ArrayDeque<>()), at, at);
  }

  private static <T> void add(Deque<T> q, T entry, Instant at) {
    q.addLast(entry);
    // Keep the last day (and always the newest, whose gap may reach further), at most MAX_PER_KEY.
    Instant from = at.minus(DAY);
    while (q.size() > MAX_PER_KEY || (q.size() > 1 && timeOf(q.peekFirst()).isBefore(from))) {
      q.removeFirst();
    }
  }

  private static Instant timeOf(Object entry) {
    return entry instanceof MailboxSend s ? s.at() : (Instant) entry;
  }

  @Override
  public synchronized List<MailboxSend> recentByMailbox(String mailbox, Instant since, int limit) {
    return newest(byMailbox.get(mailbox), since, limit);
  }

  @Override
  public synchronized List<Instant> recentByDomain(String domain, Instant since, int limit) {
    return newest(byDomain.get(domain), since, limit);
  }

  private static <T> List<T> newest(@Nullable Deque<T> q, Instant since, int limit) {
    List<T> result = new ArrayList<>();
    if (q == null) {
      return result;
    }
    for (Iterator<T> it = q.descendingIterator(); it.hasNext() && result.size() < limit; ) {
      T entry = it.next();
      if (!timeOf(entry).isAfter(since)) {
        break;
      }
      result.add(entry);
    }
    return result;
  }
}
