package com.fourrunr.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sends each mailbox and recipient domain made in the last 24 hours, as far as {@link SendLimits} need
 * them: at most the cap's number of instants per key, so memory stays bounded. Thread-safe.
 */
final class SendLedger {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration HOUR = Duration.ofHours(1);

  private final SendLimits limits;
  private final Map<String, Deque<Instant>> byMailbox = new HashMap<>();
  private final Map<String, Deque<Instant>> byDomain = new HashMap<>();

  SendLedger(SendLimits limits) {
    this.limits = limits;
  }

  /** The earliest moment at or after {@code now} that every cap allows a send from {@code mailbox} to {@code domain}. */
  synchronized Instant nextAllowed(String mailbox, String domain, Instant now) {
    if (!limits.any()) {
      return now;
    }
    Instant at = now;
    Deque<Instant> m = prune(byMailbox.get(key(mailbox)), now);
    if (m != null && !m.isEmpty()) {
      if (!limits.minimumGap().isZero()) {
        at = latest(at, m.peekLast().plus(limits.minimumGap()));
      }
      if (limits.perMailboxPerDay() > 0 && m.size() >= limits.perMailboxPerDay()) {
        at = latest(at, nth(m, m.size() - limits.perMailboxPerDay()).plus(DAY));
      }
      if (limits.perMailboxPerHour() > 0) {
        int inHour = 0;
        for (Instant t : m) {
          if (t.isAfter(now.minus(HOUR))) {
            inHour++;
          }
        }
        if (inHour >= limits.perMailboxPerHour()) {
          at = latest(at, nth(m, m.size() - limits.perMailboxPerHour()).plus(HOUR));
        }
      }
    }
    Deque<Instant> d = prune(byDomain.get(key(domain)), now);
    if (limits.perDomainPerDay() > 0 && d != null && d.size() >= limits.perDomainPerDay()) {
      at = latest(at, nth(d, d.size() - limits.perDomainPerDay()).plus(DAY));
    }
    return at;
  }

  /** Each mailbox's sends in the last day and hour against its caps, by address. */
  synchronized List<QueueStatus.MailboxUsage> usage(Instant now) {
    List<QueueStatus.MailboxUsage> result = new ArrayList<>();
    for (Map.Entry<String, Deque<Instant>> e : new TreeMap<>(byMailbox).entrySet()) {
      Deque<Instant> q = prune(e.getValue(), now);
      int lastHour = 0;
      for (Instant t : q) {
        if (t.isAfter(now.minus(HOUR))) {
          lastHour++;
        }
      }
      result.add(new QueueStatus.MailboxUsage(e.getKey(), limits.perMailboxPerDay() > 0 ? q.size() : 0,
          limits.perMailboxPerDay(), limits.perMailboxPerHour() > 0 ? lastHour : 0, limits.perMailboxPerHour()));
    }
    return result;
  }

  /** Counts one accepted send. */
  synchronized void record(String mailbox, String domain, Instant at) {
    if (!limits.any()) {
      return;
    }
    int keepMailbox = Math.max(1, Math.max(limits.perMailboxPerDay(), limits.perMailboxPerHour()));
    add(byMailbox.computeIfAbsent(key(mailbox), k -> new ArrayDeque<>()), at, keepMailbox);
    if (limits.perDomainPerDay() > 0) {
      add(byDomain.computeIfAbsent(key(domain), k -> new ArrayDeque<>()), at, limits.perDomainPerDay());
    }
  }

  private static void add(Deque<Instant> q, Instant at, int keep) {
    q.addLast(at);
    while (q.size() > keep) {
      q.removeFirst();
    }
  }

  private static Deque<Instant> prune(Deque<Instant> q, Instant now) {
    if (q != null) {
      while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(DAY))) {
        q.removeFirst();
      }
    }
    return q;
  }

  private static Instant nth(Deque<Instant> q, int index) {
    int i = 0;
    for (Instant t : q) {
      if (i++ == index) {
        return t;
      }
    }
    throw new IllegalStateException("index " + index + " beyond " + q.size());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
