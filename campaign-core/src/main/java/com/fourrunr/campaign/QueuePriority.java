package com.fourrunr.campaign;

import java.util.Comparator;

/**
 * The order in which due messages are taken from the queue, given to {@link
 * CampaignEngineBuilder#queuePriority(QueuePriority)}. Whatever the order, a step is never sent
 * before the previous step of its campaign was sent.
 */
public enum QueuePriority {
  /**
   * Follow-ups of running campaigns (any step after the first) before new first messages, then the
   * earliest scheduled first: a conversation already started is not kept waiting behind a wave of
   * new leads. The default.
   */
  FOLLOW_UPS_FIRST(Comparator.comparing((CampaignMessage m) -> m.stepIndex() == 0)),
  /** New first messages before follow-ups, then the earliest scheduled first. */
  FIRST_MESSAGES_FIRST(Comparator.comparing((CampaignMessage m) -> m.stepIndex() != 0)),
  /** The earliest scheduled first, whatever the step. */
  EARLIEST_FIRST(Comparator.comparing((CampaignMessage m) -> Boolean.FALSE));

  private final Comparator<CampaignMessage> order;

  QueuePriority(Comparator<CampaignMessage> first) {
    this.order =
        first
            .thenComparing(
                CampaignMessage::scheduledAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CampaignMessage::id);
  }

  /**
   * The order itself: the message to send first compares lowest (ties broken by scheduled time,
   * then id).
   */
  public Comparator<CampaignMessage> order() {
    return order;
  }
}
