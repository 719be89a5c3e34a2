package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each sending mailbox's recent sends and trouble (soft bounces, retries after a refusal,
 * complaints), from the engine's events, for the {@link HealthThrottle}. Bounded: at most {@link
 * #MAX_PER_SERIES} times kept per mailbox and kind. Thread-safe.
 */
final class MailboxThrottle implements CampaignListener {
  static final int MAX_PER_SERIES = 100_000;

  private final HealthThrottle throttle;
  private final CampaignStore store;
  private final Map<String, ArrayDeque<Instant>> sends = new HashMap<>();
  private final Map<String, ArrayDeque<Instant>> trouble = new HashMap<>();
  private final Map<String, String> mailboxOfCampaign = new HashMap<>();

  MailboxThrottle(HealthThrottle throttle, CampaignStore store) {
    this.throttle = throttle;
    this.store = store;
  }

  @Override
  public void onEvent(CampaignEvent event) {
    boolean sent = event.type() == EventType.MESSAGE_SENT;
    ReplyCategory c = event.payload().category();
    boolean bad =
        isBlock(event)
            || (event.type() == EventType.REPLY_CLASSIFIED
                && (c == ReplyCategory.BOUNCE_SOFT || c == ReplyCategory.COMPLAINT));
    if (!sent && !bad) {
      return;
    }
    String mailbox = mailboxOf(event.campaignId());
    if (mailbox == null) {
      return;
    }
    synchronized (this) {
      ArrayDeque<Instant> series =
          (sent ? sends : trouble).computeIfAbsent(mailbox, m -> new ArrayDeque<>());
      series.addLast(event.occurredAt());
      if (series.size() > MAX_PER_SERIES) {
        series.removeFirst();
      }
    }
  }

  /**
   * A send the server refused for now (a retry after a send failure); a retry after a soft bounce
   * is counted by its classified reply instead.
   */
  private static boolean isBlock(CampaignEvent event) {
    return event.payload() instanceof EventPayload.MessageRetryScheduled r
        && !r.error().startsWith("soft bounce");
  }

  /** The share of its day cap {@code mailbox} gets at {@code now}: 1, 1/2 or 1/4. */
  synchronized double factor(String mailbox, Instant now) {
    String key = mailbox.toLowerCase(Locale.ROOT);
    Instant since = now.minus(throttle.window());
    return throttle.factor(count(sends.get(key), since), count(trouble.get(key), since));
  }

  private static long count(@Nullable ArrayDeque<Instant> series, Instant since) {
    if (series == null) {
      return 0;
    }
    while (!series.isEmpty() && !series.peekFirst().isAfter(since)) {
      series.removeFirst();
    }
    return series.size();
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
        store
            .findCampaign(campaignId)
            .map(c -> c.config().from().address().toLowerCase(Locale.ROOT))
            .orElse(null);
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
}
