package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paused sending mailboxes: stored as {@link EventType#MAILBOX_PAUSED} and {@link
 * EventType#MAILBOX_RESUMED} events (so a pause survives a restart and reaches the other instances)
 * and read back from the store at most once a minute.
 */
final class MailboxPauses {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  /**
   * How often the paused mailboxes are read again from the store (other instances may change them).
   */
  private static final Duration MAILBOX_PAUSES_REREAD = Duration.ofMinutes(1);

  private final EngineContext ctx;
  private final CampaignStore store;
  private final Clock clock;
  private final Supplier<String> ids;
  private final int batchSize;

  /**
   * Paused sending mailboxes (address to reason), read from the store's MAILBOX_PAUSED/RESUMED
   * events.
   */
  private final Map<String, String> pausedMailboxes =
      new java.util.concurrent.ConcurrentHashMap<>();

  private volatile @Nullable Instant mailboxPausesReadAt;

  MailboxPauses(EngineContext ctx) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.ids = ctx.ids();
    this.batchSize = ctx.batchSize();
  }

  /** See {@link CampaignEngine#pauseMailbox}. */
  boolean pauseMailbox(String address, String reason) {
    String mailbox = mailboxKey(address);
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    readMailboxPauses(now, false);
    if (pausedMailboxes.containsKey(mailbox)) {
      return false;
    }
    CampaignEvent e =
        new CampaignEvent(
            ids.get(), now, null, null, null, new EventPayload.MailboxPaused(mailbox, reason));
    ctx.commitAndPublish(StoreChanges.builder().event(e), List.of(e));
    pausedMailboxes.put(mailbox, reason);
    log.warn("mailbox {} paused: {}", mailbox, reason);
    return true;
  }

  /** See {@link CampaignEngine#resumeMailbox}. */
  boolean resumeMailbox(String address, String reason) {
    String mailbox = mailboxKey(address);
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    readMailboxPauses(now, false);
    if (!pausedMailboxes.containsKey(mailbox)) {
      return false;
    }
    CampaignEvent e =
        new CampaignEvent(
            ids.get(), now, null, null, null, new EventPayload.MailboxResumed(mailbox, reason));
    ctx.commitAndPublish(StoreChanges.builder().event(e), List.of(e));
    pausedMailboxes.remove(mailbox);
    log.info("mailbox {} resumed: {}", mailbox, reason);
    return true;
  }

  /** The paused sending mailboxes, address to the reason given, as this instance last read them. */
  Map<String, String> pausedMailboxes() {
    readMailboxPauses(clock.instant(), false);
    return Map.copyOf(pausedMailboxes);
  }

  private static String mailboxKey(String address) {
    return Objects.requireNonNull(address, "address").strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** Why the mailbox is paused, or null when it sends. */
  @Nullable String mailboxPauseReason(String address, Instant now) {
    readMailboxPauses(now, false);
    return pausedMailboxes.get(mailboxKey(address));
  }

  /** Reads the mailbox pauses from the store when never read or last read over a minute ago. */
  private void readMailboxPauses(Instant now, boolean force) {
    Instant readAt = mailboxPausesReadAt;
    if (!force && readAt != null && now.isBefore(readAt.plus(MAILBOX_PAUSES_REREAD))) {
      return;
    }
    Map<String, CampaignEvent> latest = new java.util.HashMap<>();
    for (EventType type : List.of(EventType.MAILBOX_PAUSED, EventType.MAILBOX_RESUMED)) {
      String after = null;
      while (true) {
        List<CampaignEvent> page = store.findEventsByType(type, after, batchSize);
        for (CampaignEvent e : page) {
          // The later of pause and resume wins; a resume at the same instant as a pause wins.
          latest.merge(
              mailboxOf(e.payload()),
              e,
              (a, b) -> {
                int byTime = a.occurredAt().compareTo(b.occurredAt());
                if (byTime != 0) {
                  return byTime > 0 ? a : b;
                }
                return a.type() == EventType.MAILBOX_RESUMED ? a : b;
              });
        }
        if (page.size() < batchSize) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
    }
    Map<String, String> paused = new java.util.HashMap<>();
    latest.forEach(
        (mailbox, e) -> {
          if (e.payload() instanceof EventPayload.MailboxPaused pause) {
            paused.put(mailbox, pause.reason());
          }
        });
    pausedMailboxes.keySet().retainAll(paused.keySet());
    pausedMailboxes.putAll(paused);
    mailboxPausesReadAt = now;
  }

  private static String mailboxOf(EventPayload payload) {
    if (payload instanceof EventPayload.MailboxPaused p) {
      return p.mailbox();
    }
    return payload instanceof EventPayload.MailboxResumed p ? p.mailbox() : "";
  }
}
