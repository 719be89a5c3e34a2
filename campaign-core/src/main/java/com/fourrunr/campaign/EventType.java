package com.fourrunr.campaign;

/** What a {@link CampaignEvent} records. */
public enum EventType {
  /** A lead passed the gates and its campaign was created. */
  CAMPAIGN_CREATED,
  /** A lead was not enrolled; attribute {@code reason}. */
  LEAD_SKIPPED,
  /** A message got its send time; attribute {@code scheduledAt}. */
  MESSAGE_SCHEDULED,
  /** The mail server accepted a message; attributes {@code messageId}, {@code step}. */
  MESSAGE_SENT,
  /** A send failed for a passing reason and will be tried again; attributes {@code error}, {@code retryAt}. */
  MESSAGE_RETRY_SCHEDULED,
  /** A message was given up; attribute {@code error}. */
  MESSAGE_FAILED,
  /** A message will not be sent; attribute {@code reason}. */
  MESSAGE_CANCELLED,
  /** A recipient opened a message (tracking). */
  MESSAGE_OPENED,
  /** A recipient clicked a link (tracking); attribute {@code url}. */
  LINK_CLICKED,
  /** The campaign was paused; attributes {@code reason}, optional {@code resumeAt}. */
  CAMPAIGN_PAUSED,
  /** The campaign was resumed. */
  CAMPAIGN_RESUMED,
  /** Every step was sent. */
  CAMPAIGN_COMPLETED,
  /** The person answered; attributes {@code category}, {@code step} (the step answered), {@code respondedAt}. */
  CAMPAIGN_RESPONDED,
  /** The campaign was ended early; attribute {@code reason}. */
  CAMPAIGN_STOPPED,
  /** A mail came in; attributes {@code replyId}, {@code from}. */
  REPLY_RECEIVED,
  /**
   * A mail was categorised and acted on; attributes {@code replyId}, {@code category}, {@code action}, {@code
   * evidence}, {@code confidence}, {@code receivedAt}, and when matched {@code step} (the step answered), for an
   * out-of-office with a date {@code returnDate}.
   */
  REPLY_CLASSIFIED,
  /** An address was put on the suppression list; attribute {@code reason}. */
  ADDRESS_SUPPRESSED,
  /**
   * A reply asks the team to follow the lead up (by default an INTERESTED answer); attributes {@code
   * replyId}, {@code category}, {@code step}.
   */
  LEAD_FLAGGED,
  /** Something needs a person at once (by default a spam complaint); attributes {@code replyId}, {@code
   * category}, {@code from}. */
  ALERT_RAISED
}
