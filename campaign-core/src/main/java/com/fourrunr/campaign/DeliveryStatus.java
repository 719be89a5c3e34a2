package com.fourrunr.campaign;

/** Where one message stands on its way out. */
public enum DeliveryStatus {
  /**
   * Written, waiting for the previous step (or for a paused campaign to resume): no send time yet.
   */
  PENDING,
  /** Has a send time; goes out when it is due. */
  SCHEDULED,
  /**
   * Handed to the sender, with its Message-ID stored first. A message left in this status by a
   * crash is not sent again by itself: whether the server took it is unknown.
   */
  SENDING,
  /** Accepted by the mail server. */
  SENT,
  /** Given up: a permanent refusal, or every attempt used. */
  FAILED,
  /** Will not be sent: the campaign ended before it. */
  CANCELLED,
  /**
   * Every attempt failed for passing reasons and the engine keeps dead letters ({@code
   * CampaignEngineBuilder#deadLetterQueue(boolean)}): set aside with its reason in {@code
   * lastError}, its campaign waiting on it, until an operator replays it ({@code
   * CampaignEngine#replayDeadLetter}).
   */
  DEAD_LETTERED;

  /** Whether the message can still go out. */
  public boolean isOutstanding() {
    return this == PENDING || this == SCHEDULED;
  }
}
