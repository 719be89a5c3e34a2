package com.fourrunr.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The sends each mailbox and recipient domain made in the last 24 hours, as far as {@link SendLimits} need
 * them: at most the cap's number of instants per key, and keys idle for 24 hours are forgotten now and
 * then, so memory stays bounded by recent traffic. Thread-safe.
 */
final class SendLedger {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration HOUR = Duration.ofHours(1);

  private static final int SWEEP_EVERY = 1_024;

  private final SendLimits limits;
  private final RandomGenerator random;
  private long recorded;
  /** Per mailbox: the end of the gap after its last send (minimum gap plus the random spread drawn then). */
  private final Map<String, Instant> gapEnds = new HashMap<>();
  private final Map<String, Deque<Instant>> byMailbox = new HashMap<>();
  private final Map<String, Deque<Instant>> byDomain = new HashMap<>();

  SendLedger(SendLimits limits) {
    this(limits, new java.util.Random());
  }

  SendLedger(SendLimits limits, RandomGenerator random) {
    this.limits = limits;
    this.random = random;
  }

  /**
   * The earliest moment at or after {@code now} that every cap allows a send from {@code mailbox} to {@code
   * domain}. Reads only: asking about any moment changes nothing.
   */
  synchronized Instant nextAllowed(String mailbox, String domain, Instant now) {
    if (!limits.any()) {
      return now;
    }
    Instant at = now;
    List<Instant> m = window(byMailbox.get(key(mailbox)), now, DAY);
    if (!m.isEmpty()) {
      Instant gapEnd = gapEnds.get(key(mailbox));
      if (gapEnd != null) {
        at = latest(at, gapEnd);
      }
      if (limits.perMailboxPerDay() > 0 && m.size() >= limits.perMailboxPerDay()) {
        at = latest(at, m.get(m.size() - limits.perMailboxPerDay()).plus(DAY));
      }
      List<Instant> h = window(byMailbox.get(key(mailbox)), now, HOUR);
      if (limits.perMailboxPerHour() > 0 && h.size() >= limits.perMailboxPerHour()) {
        at = latest(at, h.get(h.size() - limits.perMailboxPerHour()).plus(HOUR));
      }
    }
    List<Instant> d = window(byDomain.get(key(domain)), now, DAY);
    if (limits.perDomainPerDay() > 0 && d.size() >= limits.perDomainPerDay()) {
      at = latest(at, d.get(d.size() - limits.perDomainPerDay()).plus(DAY));
    }
    return at;
  }

  /** Each mailbox's sends in the last day and hour against its caps, by address. */
  synchronized List<QueueStatus.MailboxUsage> usage(Instant now) {
    return usage(now, List.of());
  }

  /** As {@link #usage(Instant)}, listing each of {@code configured} too, at 0 when it sent nothing. */
  synchronized List<QueueStatus.MailboxUsage> usage(Instant now, List<String> configured) {
    List<QueueStatus.MailboxUsage> result = new ArrayList<>();
    Map<String, Deque<Instant>> all = new TreeMap<>(byMailbox);
    for (String mailbox : configured) {
      all.putIfAbsent(key(mailbox), new ArrayDeque<>());
    }
    for (Map.Entry<String, Deque<Instant>> e : all.entrySet()) {
      int lastDay = window(e.getValue(), now, DAY).size();
      int lastHour = window(e.getValue(), now, HOUR).size();
      result.add(new QueueStatus.MailboxUsage(e.getKey(), limits.perMailboxPerDay() > 0 ? lastDay : 0,
          limits.perMailboxPerDay(), limits.perMailboxPerHour() > 0 ? lastHour : 0, limits.perMailboxPerHour()));
    }
    return result;
  }

  /** Counts one accepted send. */
  synchronized void record(String mailbox, String domain, Instant at) {
    if (!limits.any()) {
      return;
    }
    if (++recorded % SWEEP_EVERY == 0) {
      sweep(at);
    }
    int keepMailbox = Math.max(1, Math.max(limits.perMailboxPerDay(), limits.perMailboxPerHour()));
    add(byMailbox.computeIfAbsent(key(mailbox), k -> new ArrayDeque<>()), at, keepMailbox);
    if (!limits.minimumGap().isZero() || !limits.gapSpread().isZero()) {
      long spread = limits.gapSpread().toMillis();
      Duration extra = spread > 0 ? Duration.ofMillis(random.nextLong(spread + 1)) : Duration.ZERO;
      gapEnds.put(key(mailbox), at.plus(limits.minimumGap()).plus(extra));
    }
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

  /** The sends after {@code now - length} up to {@code now}, oldest first; at most the cap's number. */
  private static List<Instant> window(@Nullable Deque<Instant> q, Instant now, Duration length) {
    List<Instant> in = new ArrayList<>();
    if (q != null) {
      Instant from = now.minus(length);
      for (Instant t : q) {
        if (t.isAfter(from) && !t.isAfter(now)) {
          in.add(t);
        }
      }
    }
    return in;
  }

  /** Forgets mailboxes and domains with no send in the last 24 hours, so memory follows recent traffic. */
  private void sweep(Instant at) {
    Instant from = at.minus(DAY);
    byMailbox.values().removeIf(q -> q.isEmpty() || !q.peekLast().isAfter(from));
    byDomain.values().removeIf(q -> q.isEmpty() || !q.peekLast().isAfter(from));
    gapEnds.values().removeIf(end -> end.isBefore(from));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
