package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.SendLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link SendLimits} to the sends kept in a {@link SendLog}: when may a mailbox next send
 * to a domain, and each mailbox's use of its caps. Thread-safe as far as its log is.
 */
final class SendLedger {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration HOUR = Duration.ofHours(1);

  private final SendLimits limits;
  private final RandomGenerator random;
  private final SendLog log;

  /** Mailboxes this engine sent from, for {@link #usage}. */
  private final Set<String> seen = new ConcurrentSkipListSet<>();

  SendLedger(SendLimits limits) {
    this(limits, new java.util.Random(), SendLog.inMemory());
  }

  SendLedger(SendLimits limits, RandomGenerator random) {
    this(limits, random, SendLog.inMemory());
  }

  /** Each mailbox's warm-up cap, or null when no warm-up is set. */
  private final @Nullable WarmUpCaps warmUp;

  SendLedger(SendLimits limits, RandomGenerator random, SendLog log) {
    this(limits, random, log, null);
  }

  /** Each mailbox's health, slowing it when a throttle is set; null: none. */
  private final @Nullable MailboxHealth health;

  SendLedger(SendLimits limits, RandomGenerator random, SendLog log, @Nullable WarmUpCaps warmUp) {
    this(limits, random, log, warmUp, null);
  }

  SendLedger(
      SendLimits limits,
      RandomGenerator random,
      SendLog log,
      @Nullable WarmUpCaps warmUp,
      @Nullable MailboxHealth health) {
    this.limits = limits;
    this.random = random;
    this.log = log;
    this.warmUp = warmUp;
    this.health = health;
  }

  /**
   * The day cap of {@code mailbox} at {@code now}: the lower of {@link
   * SendLimits#perMailboxPerDay()} and its warm-up cap; 0 when neither applies.
   */
  int dayCap(String mailbox, Instant now) {
    int cap = limits.perMailboxPerDay();
    if (warmUp != null) {
      int w = warmUp.capFor(mailbox, now);
      cap = cap == 0 ? w : Math.min(cap, w);
    }
    if (health != null) {
      double factor = health.factor(mailbox, now);
      if (factor < 1.0) {
        // without a cap, the mailbox's own pace over the last day is what is slowed
        int base = cap > 0 ? cap : log.countByMailbox(key(mailbox), now.minus(DAY), now);
        cap = Math.max(1, (int) Math.floor(base * factor));
      }
    }
    return cap;
  }

  /**
   * Whether {@code mailbox} may still send today: it sent fewer than its {@link #dayCap} over the
   * last 24 hours, or no day cap applies.
   */
  boolean hasRoom(String mailbox, Instant now) {
    int cap = dayCap(mailbox, now);
    return cap == 0 || log.countByMailbox(key(mailbox), now.minus(DAY), now) < cap;
  }

  /**
   * Whether any cap or gap is set (a send limit, a warm-up, a health throttle), so that each send
   * must be counted before the next is checked.
   */
  boolean limits() {
    return limits.any() || warmUp != null || health != null;
  }

  /**
   * The earliest moment at or after {@code now} that every cap allows a send from {@code mailbox}
   * to {@code domain}. Reads only: asking about any moment changes nothing.
   */
  Instant nextAllowed(String mailbox, String domain, Instant now) {
    if (!limits.any() && warmUp == null && health == null) {
      return now;
    }
    Instant at = now;
    int perDay = dayCap(mailbox, now);
    int keep = Math.max(1, Math.max(perDay, limits.perMailboxPerHour()));
    List<SendLog.MailboxSend> m =
        upTo(log.recentByMailbox(key(mailbox), now.minus(DAY), keep), now);
    if (!m.isEmpty()) {
      Instant gapEnd = m.get(0).gapEnd();
      if (gapEnd != null) {
        at = latest(at, gapEnd);
      }
      if (perDay > 0 && m.size() >= perDay) {
        at = latest(at, m.get(perDay - 1).at().plus(DAY));
      }
      if (limits.perMailboxPerHour() > 0) {
        List<SendLog.MailboxSend> h =
            m.stream().filter(s -> s.at().isAfter(now.minus(HOUR))).toList();
        if (h.size() >= limits.perMailboxPerHour()) {
          at = latest(at, h.get(limits.perMailboxPerHour() - 1).at().plus(HOUR));
        }
      }
    }
    if (limits.perDomainPerDay() > 0) {
      List<Instant> d =
          log.recentByDomain(key(domain), now.minus(DAY), limits.perDomainPerDay()).stream()
              .filter(t -> !t.isAfter(now))
              .toList();
      if (d.size() >= limits.perDomainPerDay()) {
        at = latest(at, d.get(limits.perDomainPerDay() - 1).plus(DAY));
      }
    }
    return at;
  }

  /** The sends at or before {@code now} (a clock set back sees no future sends), newest first. */
  private static List<SendLog.MailboxSend> upTo(List<SendLog.MailboxSend> sends, Instant now) {
    return sends.stream().filter(s -> !s.at().isAfter(now)).toList();
  }

  /** Each mailbox's sends in the last day and hour against its caps, by address. */
  List<QueueStatus.MailboxUsage> usage(Instant now) {
    return usage(now, List.of());
  }

  /** As {@link #usage(Instant)}, for {@code configured} and every mailbox this engine sent from. */
  List<QueueStatus.MailboxUsage> usage(Instant now, List<String> configured) {
    Set<String> mailboxes = new TreeSet<>(seen);
    configured.forEach(m -> mailboxes.add(key(m)));
    List<QueueStatus.MailboxUsage> result = new ArrayList<>();
    for (String mailbox : mailboxes) {
      // The day's sends are counted whether or not a cap applies (shown up to the cap when there is
      // one);
      // the hour's only against an hour cap, as before.
      int day = log.countByMailbox(mailbox, now.minus(DAY), now);
      int dayCap = dayCap(mailbox, now);
      if (dayCap > 0) {
        day = Math.min(day, dayCap);
      }
      int hour =
          limits.perMailboxPerHour() > 0
              ? Math.min(
                  log.countByMailbox(mailbox, now.minus(HOUR), now), limits.perMailboxPerHour())
              : 0;
      result.add(
          new QueueStatus.MailboxUsage(mailbox, day, dayCap, hour, limits.perMailboxPerHour()));
    }
    return result;
  }

  /** Counts one accepted send, drawing the random spread of the gap after it. */
  void record(String mailbox, String domain, Instant at) {
    // Recorded even without caps: the queue status counts each mailbox's sends of the last day.
    seen.add(key(mailbox));
    Instant gapEnd = null;
    if (!limits.minimumGap().isZero() || !limits.gapSpread().isZero()) {
      long spread = limits.gapSpread().toMillis();
      long extra;
      synchronized (random) {
        extra = spread > 0 ? random.nextLong(spread + 1) : 0L;
      }
      gapEnd = at.plus(limits.minimumGap()).plusMillis(extra);
    }
    log.record(key(mailbox), key(domain), at, gapEnd);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
