package com.fourrunr.campaign;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an engine event says about the health of the mailbox that sent the campaign: the one
 * definition that the engine's mailbox health (the {@link HealthThrottle} and the pause after
 * {@link ReplyPolicy#MAILBOX_BLOCKS_TO_PAUSE} blocks) and the alert rules' {@code CampaignActivity}
 * both count.
 */
public enum MailboxSignal {
  /** The mail server accepted a message ({@link EventType#MESSAGE_SENT}). */
  SENT,
  /**
   * A soft bounce: a bounce mail or report whose delivery failed for now (4.x.x, a full mailbox, an
   * expired delivery), not for a sender problem.
   */
  SOFT_BOUNCE,
  /**
   * A hard bounce: refused during the send ({@link EventType#MESSAGE_BOUNCED}) or a permanent
   * bounce mail (an unknown user or domain), not for a sender problem.
   */
  HARD_BOUNCE,
  /**
   * A bounce for a sender problem ({@link BounceReason#isSenderProblem()}: the sending IP blocked,
   * the content filtered as spam), hard or soft.
   */
  BLOCK,
  /**
   * The mail server refused a send for now and it will be tried again ({@link
   * EventType#MESSAGE_RETRY_SCHEDULED}, other than the retry after a soft bounce).
   */
  DEFERRED,
  /** A spam complaint (a {@link ReplyCategory#COMPLAINT} reply). */
  COMPLAINT;

  /** The signal of {@code event}, or null when it says nothing about its mailbox's health. */
  public static @Nullable MailboxSignal of(CampaignEvent event) {
    EventPayload payload = event.payload();
    return switch (event.type()) {
      case MESSAGE_SENT -> SENT;
      case MESSAGE_BOUNCED -> HARD_BOUNCE;
      case MESSAGE_RETRY_SCHEDULED ->
          payload instanceof EventPayload.MessageRetryScheduled r
                  && !r.error().startsWith("soft bounce")
              ? DEFERRED
              : null;
      case REPLY_CLASSIFIED -> ofReply(payload);
      default -> null;
    };
  }

  private static @Nullable MailboxSignal ofReply(EventPayload payload) {
    ReplyCategory category = payload.category();
    if (category == ReplyCategory.COMPLAINT) {
      return COMPLAINT;
    }
    if (category != ReplyCategory.BOUNCE_SOFT && category != ReplyCategory.BOUNCE_HARD) {
      return null;
    }
    BounceReason reason =
        payload instanceof EventPayload.ReplyClassified classified ? classified.reason() : null;
    if (reason != null && reason.isSenderProblem()) {
      return BLOCK;
    }
    return category == ReplyCategory.BOUNCE_SOFT ? SOFT_BOUNCE : HARD_BOUNCE;
  }

  /** The event types that may carry this signal (what {@link #of} looks at first). */
  Set<EventType> eventTypes() {
    return switch (this) {
      case SENT -> EnumSet.of(EventType.MESSAGE_SENT);
      case HARD_BOUNCE -> EnumSet.of(EventType.MESSAGE_BOUNCED, EventType.REPLY_CLASSIFIED);
      case DEFERRED -> EnumSet.of(EventType.MESSAGE_RETRY_SCHEDULED);
      case SOFT_BOUNCE, BLOCK, COMPLAINT -> EnumSet.of(EventType.REPLY_CLASSIFIED);
    };
  }

  /** Whether the signal counts as trouble for the {@link HealthThrottle}. */
  boolean slows() {
    return this == SOFT_BOUNCE || this == BLOCK || this == DEFERRED || this == COMPLAINT;
  }
}
