package com.fourrunr.campaign.ops;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignListener;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.MailboxSignal;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Recent activity per sending mailbox, counted from the engine's events over rolling windows:
 * sends, failures, hard and soft bounces, blocks, complaints, replies, generation failures. {@link
 * HealthMonitor}, the {@link AlertRule}s and {@link CampaignMetrics} read it. Register it with
 * {@code CampaignEngine.builder().listener(activity)}.
 *
 * <p>Kept in memory, for {@link #DEFAULT_RETENTION} and at most {@link #MAX_PER_SERIES} timestamps
 * per mailbox and kind (the oldest go first): bounded whatever the volume. A restart starts
 * counting afresh. Thread-safe. The mailbox of an event is its campaign's sending address, read
 * from the store once per campaign and cached.
 */
public final class CampaignActivity implements CampaignListener {
  /** How long timestamps are kept by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** The most timestamps kept per mailbox and kind. */
  public static final int MAX_PER_SERIES = 200_000;

  /**
   * The mailbox name used for events whose campaign is unknown (an unmatched bounce, a skipped
   * lead).
   */
  public static final String UNKNOWN_MAILBOX = "";

  private static final int CAMPAIGN_CACHE = 10_000;

  /** What is counted. */
  public enum Kind {
    /** The mail server accepted a message (MESSAGE_SENT). */
    SENT,
    /** A message was given up (MESSAGE_FAILED). */
    FAILED,
    /** A send failed and will be tried again (MESSAGE_RETRY_SCHEDULED). */
    RETRY,
    /** A message went to the dead-letter queue (MESSAGE_DEAD_LETTERED). */
    DEAD_LETTERED,
    /**
     * A hard bounce: refused during the send (MESSAGE_BOUNCED) or a bounce mail (BOUNCE_HARD
     * reply).
     */
    BOUNCED,
    /** A spam complaint (COMPLAINT reply). */
    COMPLAINT,
    /** An answer from a person (a reply whose category is from a person). */
    REPLY,
    /** A lead's copy could not be written (LEAD_SKIPPED with reason GENERATION_FAILED). */
    GENERATION_FAILED,
    /** A message was written by the fallback or held (MESSAGE_CHECKED with a fallback). */
    GENERATION_FALLBACK,
    /**
     * A soft bounce not for a sender problem ({@link MailboxSignal#SOFT_BOUNCE}: a BOUNCE_SOFT
     * reply, for example a full mailbox, 4.2.2).
     */
    SOFT_BOUNCED,
    /**
     * A bounce for a sender problem ({@link MailboxSignal#BLOCK}: the sending IP blocked, the
     * content filtered as spam). One that bounced hard is counted as {@link #BOUNCED} only.
     */
    BLOCKED
  }

  private final CampaignStore store;
  private final Clock clock;
  private final Duration retention;
  private final Map<String, Map<Kind, ArrayDeque<Instant>>> series = new HashMap<>();
  private final Map<String, SendAttempts> attempts = new HashMap<>();
  private final Map<String, String> mailboxOfCampaign =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CAMPAIGN_CACHE;
        }
      };

  private CampaignActivity(CampaignStore store, Clock clock, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
  }

  /** Activity judged on {@code clock} (use the engine's), kept for {@link #DEFAULT_RETENTION}. */
  public static CampaignActivity create(CampaignStore store, Clock clock) {
    return new CampaignActivity(store, clock, DEFAULT_RETENTION);
  }

  /** Activity kept for {@code retention}: at least the longest window asked for. */
  public static CampaignActivity create(CampaignStore store, Clock clock, Duration retention) {
    return new CampaignActivity(store, clock, retention);
  }

  @Override
  public void onEvent(CampaignEvent event) {
    Kind kind = kindOf(event);
    if (kind == null) {
      return;
    }
    String mailbox = mailboxOf(event.campaignId());
    record(mailbox, kind, event.occurredAt());
    recordAttempt(mailbox, event, kind);
  }

  /**
   * The kind of a reply: a hard bounce (also one for a sender problem) is {@link Kind#BOUNCED}, a
   * block {@link Kind#BLOCKED}, a soft bounce {@link Kind#SOFT_BOUNCED}, as {@link MailboxSignal}
   * tells.
   */
  private static @Nullable Kind replyKind(CampaignEvent e) {
    ReplyCategory c = e.payload().category();
    if (c == ReplyCategory.BOUNCE_HARD) {
      return Kind.BOUNCED;
    }
    MailboxSignal signal = MailboxSignal.of(e);
    if (signal == MailboxSignal.BLOCK) {
      return Kind.BLOCKED;
    }
    if (signal == MailboxSignal.SOFT_BOUNCE) {
      return Kind.SOFT_BOUNCED;
    }
    return replyKind(c);
  }

  /**
   * The outcome of a mailbox's recent send attempts, or an empty state when it attempted none since
   * this activity started.
   */
  public synchronized SendAttempts attempts(String mailbox) {
    return attempts.getOrDefault(mailbox, SendAttempts.NONE);
  }

  /**
   * The outcome of a mailbox's recent send attempts: a run of failures with nothing accepted in
   * between says its mail server is unreachable or refuses it.
   *
   * @param consecutiveFailures attempts that failed (retried, dead-lettered or given up without a
   *     refusal of the recipient) since the last the server accepted
   * @param lastSuccess when the server last accepted a message, or null
   * @param lastFailure when an attempt last failed, or null
   * @param lastError the error of the last failed attempt (as the sender reported it, without
   *     secrets), or empty
   */
  public record SendAttempts(
      int consecutiveFailures,
      @Nullable Instant lastSuccess,
      @Nullable Instant lastFailure,
      String lastError) {
    static final SendAttempts NONE = new SendAttempts(0, null, null, "");
  }

  private synchronized void recordAttempt(String mailbox, CampaignEvent event, Kind kind) {
    SendAttempts a = attempts.getOrDefault(mailbox, SendAttempts.NONE);
    switch (kind) {
      case SENT ->
          attempts.put(
              mailbox, new SendAttempts(0, event.occurredAt(), a.lastFailure(), a.lastError()));
      case RETRY, DEAD_LETTERED, FAILED -> {
        // A refusal of the recipient or the message (permanent) shows the server answering: not
        // counted.
        if (event.payload() instanceof EventPayload.MessageFailed failed && failed.permanent()) {
          return;
        }
        attempts.put(
            mailbox,
            new SendAttempts(
                a.consecutiveFailures() + 1,
                a.lastSuccess(),
                event.occurredAt(),
                errorOf(event.payload())));
      }
      default -> {}
    }
  }

  /** Counts one occurrence by hand (for sources that are not engine events). */
  public synchronized void record(String mailbox, Kind kind, Instant at) {
    ArrayDeque<Instant> times =
        series
            .computeIfAbsent(mailbox, m -> new EnumMap<>(Kind.class))
            .computeIfAbsent(kind, k -> new ArrayDeque<>());
    times.addLast(at);
    prune(times, clock.instant());
  }

  /**
   * How many of {@code kind} occurred in the last {@code window} (by the clock).
   *
   * @param mailbox the sending address, or null for all mailboxes together
   */
  public synchronized long count(Kind kind, @Nullable String mailbox, Duration window) {
    Instant since = clock.instant().minus(window);
    long n = 0;
    for (Map.Entry<String, Map<Kind, ArrayDeque<Instant>>> e : series.entrySet()) {
      if (mailbox != null && !e.getKey().equals(mailbox)) {
        continue;
      }
      ArrayDeque<Instant> times = e.getValue().get(kind);
      if (times == null) {
        continue;
      }
      for (var it = times.descendingIterator(); it.hasNext(); ) {
        if (it.next().isBefore(since)) {
          break;
        }
        n++;
      }
    }
    return n;
  }

  /**
   * {@code count(numerator) / count(denominator)} over the window, or 0 when nothing of the
   * denominator occurred.
   */
  public double rate(Kind numerator, Kind denominator, @Nullable String mailbox, Duration window) {
    long d = count(denominator, mailbox, window);
    return d == 0 ? 0.0 : (double) count(numerator, mailbox, window) / d;
  }

  /**
   * Hard bounces per send attempt over the window: {@link Kind#BOUNCED} over {@link Kind#SENT} plus
   * {@link Kind#FAILED} (a send refused with a bounce is a failed one); 0 when nothing was sent.
   */
  public double bounceRate(@Nullable String mailbox, Duration window) {
    long attempts = count(Kind.SENT, mailbox, window) + count(Kind.FAILED, mailbox, window);
    return attempts == 0 ? 0.0 : (double) count(Kind.BOUNCED, mailbox, window) / attempts;
  }

  /** The sending mailboxes seen so far, in order (the unknown mailbox left out). */
  public synchronized Set<String> mailboxes() {
    Set<String> all = new TreeSet<>(series.keySet());
    all.remove(UNKNOWN_MAILBOX);
    return all;
  }

  private void prune(ArrayDeque<Instant> times, Instant now) {
    Instant oldest = now.minus(retention);
    while (!times.isEmpty()
        && (times.size() > MAX_PER_SERIES || times.peekFirst().isBefore(oldest))) {
      times.removeFirst();
    }
  }

  private static @Nullable Kind kindOf(CampaignEvent e) {
    return switch (e.type()) {
      case MESSAGE_SENT -> Kind.SENT;
      case MESSAGE_FAILED -> Kind.FAILED;
      case MESSAGE_RETRY_SCHEDULED -> Kind.RETRY;
      case MESSAGE_DEAD_LETTERED -> Kind.DEAD_LETTERED;
      case MESSAGE_BOUNCED -> Kind.BOUNCED;
      case LEAD_SKIPPED ->
          e.payload() instanceof EventPayload.LeadSkipped skipped
                  && SkipReason.GENERATION_FAILED.name().equals(skipped.reason())
              ? Kind.GENERATION_FAILED
              : null;
      case MESSAGE_CHECKED -> {
        String fallback =
            e.payload() instanceof EventPayload.MessageChecked checked ? checked.fallback() : "";
        yield fallback.isEmpty() || "none".equals(fallback) ? null : Kind.GENERATION_FALLBACK;
      }
      case REPLY_CLASSIFIED -> replyKind(e);
      default -> null;
    };
  }

  /** The error of a failed, retried or dead-lettered send, or empty. */
  private static String errorOf(EventPayload payload) {
    if (payload instanceof EventPayload.MessageFailed p) {
      return p.error();
    }
    if (payload instanceof EventPayload.MessageRetryScheduled p) {
      return p.error();
    }
    return payload instanceof EventPayload.MessageDeadLettered p ? p.error() : "";
  }

  private static @Nullable Kind replyKind(@Nullable ReplyCategory c) {
    if (c == null) {
      return null;
    }
    if (c == ReplyCategory.BOUNCE_HARD) {
      return Kind.BOUNCED;
    }
    if (c == ReplyCategory.COMPLAINT) {
      return Kind.COMPLAINT;
    }
    return c.isFromPerson() ? Kind.REPLY : null;
  }

  /** The sending address of a campaign, cached; {@link #UNKNOWN_MAILBOX} when unknown. */
  String mailboxOf(@Nullable String campaignId) {
    if (campaignId == null) {
      return UNKNOWN_MAILBOX;
    }
    synchronized (mailboxOfCampaign) {
      String cached = mailboxOfCampaign.get(campaignId);
      if (cached != null) {
        return cached;
      }
    }
    String mailbox =
        store
            .findCampaign(campaignId)
            .map(Campaign::config)
            .map(c -> c.from().address())
            .orElse(UNKNOWN_MAILBOX);
    synchronized (mailboxOfCampaign) {
      mailboxOfCampaign.put(campaignId, mailbox);
    }
    return mailbox;
  }
}
