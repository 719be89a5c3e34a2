package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Counts each sending mailbox's {@link MailboxSignal}s (sends, soft and hard bounces, blocks,
 * deferred sends, complaints) from the engine's events, over a rolling window. The mailbox of an
 * event is its campaign's sending address, read from the store once per campaign. Kept in memory:
 * at most {@link #MAX_PER_SERIES} times per mailbox and signal, none older than the retention.
 * Counts only the signals it is made for: an event that cannot carry one of them is passed over by
 * its type, before its payload is looked at or its campaign read. Thread-safe.
 */
final class MailboxTally implements CampaignListener {
  static final int MAX_PER_SERIES = 100_000;

  private final CampaignStore store;
  private final Duration retention;
  private final Map<String, Map<MailboxSignal, ArrayDeque<Instant>>> series = new HashMap<>();
  private final Map<String, String> mailboxOfCampaign = new HashMap<>();
  private final Set<MailboxSignal> counted;
  private final Set<EventType> types = EnumSet.noneOf(EventType.class);

  /** A tally of every signal. */
  MailboxTally(CampaignStore store, Duration retention) {
    this(store, retention, EnumSet.allOf(MailboxSignal.class));
  }

  /** A tally of the {@code counted} signals only; {@link #count} of another one is 0. */
  MailboxTally(CampaignStore store, Duration retention, Set<MailboxSignal> counted) {
    this.store = store;
    this.retention = retention;
    this.counted = EnumSet.copyOf(counted);
    for (MailboxSignal s : counted) {
      types.addAll(s.eventTypes());
    }
  }

  @Override
  public void onEvent(CampaignEvent event) {
    if (!types.contains(event.type())) {
      return;
    }
    MailboxSignal signal = MailboxSignal.of(event);
    if (signal == null || !counted.contains(signal)) {
      return;
    }
    String mailbox = mailboxOf(event.campaignId());
    if (mailbox != null) {
      record(mailbox, signal, event.occurredAt());
    }
  }

  /** Counts one signal of {@code mailbox} at {@code at}. */
  synchronized void record(String mailbox, MailboxSignal signal, Instant at) {
    ArrayDeque<Instant> times =
        series
            .computeIfAbsent(key(mailbox), m -> new EnumMap<>(MailboxSignal.class))
            .computeIfAbsent(signal, s -> new ArrayDeque<>());
    times.addLast(at);
    Instant oldest = at.minus(retention);
    while (times.size() > MAX_PER_SERIES || !times.peekFirst().isAfter(oldest)) {
      times.removeFirst();
      if (times.isEmpty()) {
        break;
      }
    }
  }

  /** How many {@code signal}s of {@code mailbox} occurred after {@code since}, up to now. */
  synchronized long count(String mailbox, MailboxSignal signal, Instant since) {
    Map<MailboxSignal, ArrayDeque<Instant>> byMailbox = series.get(key(mailbox));
    ArrayDeque<Instant> times = byMailbox == null ? null : byMailbox.get(signal);
    if (times == null) {
      return 0;
    }
    long n = 0;
    for (var it = times.descendingIterator(); it.hasNext(); ) {
      if (!it.next().isAfter(since)) {
        break;
      }
      n++;
    }
    return n;
  }

  private @Nullable String mailboxOf(@Nullable String campaignId) {
    if (campaignId == null) {
      return null;
    }
    synchronized (this) {
      String known = mailboxOfCampaign.get(campaignId);
      if (known != null) {
        return known;
      }
    }
    String mailbox =
        store.findCampaign(campaignId).map(c -> key(c.config().from().address())).orElse(null);
    if (mailbox != null) {
      synchronized (this) {
        if (mailboxOfCampaign.size() > MAX_PER_SERIES) {
          mailboxOfCampaign.clear();
        }
        mailboxOfCampaign.put(campaignId, mailbox);
      }
    }
    return mailbox;
  }

  private static String key(String mailbox) {
    return mailbox.strip().toLowerCase(Locale.ROOT);
  }
}
