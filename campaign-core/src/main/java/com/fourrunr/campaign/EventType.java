package com.fourrunr.campaign;

/**
 * What a {@link CampaignEvent} records. Each type's facts are the matching record of {@link
 * EventPayload} (for example {@link EventPayload.MessageSent} for {@link #MESSAGE_SENT}); the
 * attribute names below are the keys of its stored form.
 */
public enum EventType {
  /** A lead passed the gates and its campaign was created. */
  CAMPAIGN_CREATED,
  /** A lead was not enrolled; attribute {@code reason}. */
  LEAD_SKIPPED,
  /** A message got its send time; attribute {@code scheduledAt}. */
  MESSAGE_SCHEDULED,
  /** The mail server accepted a message; attributes {@code messageId}, {@code step}. */
  MESSAGE_SENT,
  /**
   * A send failed for a passing reason and will be tried again; attributes {@code error}, {@code
   * retryAt}.
   */
  MESSAGE_RETRY_SCHEDULED,
  /** A message was given up; attribute {@code error}. */
  MESSAGE_FAILED,
  /**
   * Every attempt of a message failed and it went to the dead-letter queue; attributes {@code
   * error}, {@code attempts}.
   */
  MESSAGE_DEAD_LETTERED,
  /**
   * A dead-lettered or uncertain message was scheduled again by an operator; attributes {@code
   * from}, {@code reason}.
   */
  MESSAGE_REPLAYED,
  /**
   * The mail server refused the recipient or the message during the send (SMTP 5xx): a synchronous
   * bounce; attributes {@code error}, {@code replyCode}.
   */
  MESSAGE_BOUNCED,
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
  /**
   * The person answered; attributes {@code category}, {@code step} (the step answered), {@code
   * respondedAt}.
   */
  CAMPAIGN_RESPONDED,
  /** The campaign was ended early; attribute {@code reason}. */
  CAMPAIGN_STOPPED,
  /** A mail came in; attributes {@code replyId}, {@code from}. */
  REPLY_RECEIVED,
  /**
   * A mail was categorised and acted on; attributes {@code replyId}, {@code category}, {@code
   * action}, {@code evidence}, {@code confidence}, {@code receivedAt}, and when matched {@code
   * step} (the step answered), for an out-of-office with a date {@code returnDate}.
   */
  REPLY_CLASSIFIED,
  /** An address was put on the suppression list; attribute {@code reason}. */
  ADDRESS_SUPPRESSED,
  /**
   * A message was written and checked by the quality gates: the audit trail of its generation.
   * Attributes {@code step} (the type, as in other events), {@code stepIndex} (from 0), {@code
   * passed}, {@code generator}, {@code promptVersion}, {@code model}, {@code promptTokens}, {@code
   * completionTokens}, {@code attempts}, {@code generatorCalls}, {@code fallback} ({@code none},
   * {@code template}, {@code hold}), {@code fallbackReason}, and one {@code verdict.<rule>} per
   * gate rule ({@code PASS 0.950 detail} or {@code FAIL ...}).
   */
  MESSAGE_CHECKED,
  /**
   * A new campaign's copy failed the quality gates; it waits for review; attribute {@code reason}.
   */
  CAMPAIGN_HELD,
  /** A held campaign was approved and its first step scheduled; attribute {@code reason}. */
  CAMPAIGN_APPROVED,
  /**
   * A reply asks the team to follow the lead up (by default an INTERESTED answer); attributes
   * {@code replyId}, {@code category}, {@code step}.
   */
  LEAD_FLAGGED,
  /**
   * Something needs a person at once (by default a spam complaint); attributes {@code replyId},
   * {@code category}, {@code from}.
   */
  ALERT_RAISED,
  /**
   * A task for a person on another channel was prepared (see {@link Channel}); attributes {@code
   * channel} ({@code LINKEDIN}), {@code taskKind} ({@code CONNECTION_NOTE} or {@code FOLLOW_UP}),
   * {@code taskId}, {@code account}, {@code dueAt}, {@code passed} (the quality gates) and {@code
   * verdicts} of failed rules.
   */
  CHANNEL_TASK_CREATED,
  /**
   * A channel task will not be done: the lead answered, opted out, bounced, was suppressed or the
   * campaign was paused or stopped; attributes {@code channel}, {@code taskKind}, {@code taskId},
   * {@code reason}.
   */
  CHANNEL_TASK_CANCELLED,
  /**
   * A person reported what came of a channel task; attributes {@code channel}, {@code taskKind},
   * {@code taskId}, {@code outcome} ({@code SENT}, {@code ACCEPTED}, {@code REPLIED}, {@code
   * DECLINED}).
   */
  CHANNEL_TASK_REPORTED,
  /**
   * A sending mailbox was paused (by an operator or an alert rule): nothing is sent from it until
   * it is resumed; attributes {@code mailbox}, {@code reason}.
   */
  MAILBOX_PAUSED,
  /** A paused sending mailbox was resumed; attributes {@code mailbox}, {@code reason}. */
  MAILBOX_RESUMED,
  /**
   * A person declined for now ("try me next quarter"): the campaign ended without suppressing the
   * address, and the lead may be written to again from a day; attributes {@code followUpAfter},
   * {@code category}, {@code reason}.
   */
  FOLLOW_UP_SCHEDULED,
  /**
   * A reply pointed to someone else and a new lead was enrolled for them (or refused by the gates):
   * on both campaigns, each naming the other; attributes {@code direction} ({@code referred_to} on
   * the original campaign, {@code referred_by} on the new one), {@code otherCampaignId}, {@code
   * otherLeadId}, {@code name}, {@code email}, {@code outcome}.
   */
  LEAD_REFERRED,
  /**
   * An operator took an entry off the suppression list (an address, or a whole domain written
   * {@code @domain}); attributes {@code email} (the entry), {@code reason}, {@code operator}.
   */
  SUPPRESSION_REMOVED,
  /**
   * An operator marked an uncertain message (left {@link DeliveryStatus#SENDING}) as sent after
   * checking the lead got it; nothing is sent. Attributes {@code step}, {@code messageId}, {@code
   * operator}, {@code reason}. A {@link #MESSAGE_SENT} event follows it.
   */
  MESSAGE_MARKED_SENT
}
