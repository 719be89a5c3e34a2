package com.fourrunr.campaign;

/**
 * Why a mail bounced, beside its {@link ReplyCategory#BOUNCE_HARD} or {@link
 * ReplyCategory#BOUNCE_SOFT} category (names after Sisimai's reasons where they meet). Whether a
 * bounce is hard or soft follows the reason: an unknown user or domain is always permanent; a full
 * mailbox, an expired delivery, a rate limit, a network failure, a block of the sending IP or a
 * spam filter always passing (the address itself is good); the others follow the status class
 * (5.x.x permanent, 4.x.x transient).
 *
 * <p>What the engine does with each is set by the {@link ReplyPolicy}: by default an unknown user
 * or domain suppresses the address, a passing reason sends the step again later, and a block or a
 * spam filter does not suppress the lead but counts against the sending mailbox's health (an alert,
 * and the mailbox paused after {@link ReplyPolicy#MAILBOX_BLOCKS_TO_PAUSE} such bounces).
 */
public enum BounceReason {
  /** The mailbox does not exist (RFC 3463 x.1.1, x.1.3, x.1.6; "user unknown"). */
  USER_UNKNOWN(Permanence.PERMANENT),
  /** The domain does not exist or has no mail server (x.1.2; "host not found"). */
  HOST_UNKNOWN(Permanence.PERMANENT),
  /** The mailbox or the mail system is full (x.2.2, x.3.1; "over quota"). */
  MAILBOX_FULL(Permanence.TRANSIENT),
  /** The message is larger than the recipient accepts (x.2.3, x.3.4). */
  MESSAGE_TOO_BIG(Permanence.TRANSIENT),
  /** The sending server gave up after retrying for its queue lifetime (x.4.7). */
  EXPIRED(Permanence.TRANSIENT),
  /** The sending IP or host is blocked (a block list, poor reputation). */
  BLOCKED(Permanence.TRANSIENT),
  /** The content was refused as spam or by a content filter. */
  SPAM_FILTERED(Permanence.TRANSIENT),
  /**
   * Refused by the recipient's policy (authentication, DMARC, relaying, sender rules; x.7.x,
   * x.6.x): a matter of the sender, not of the address, so passing (as Sisimai's policyviolation).
   */
  POLICY(Permanence.TRANSIENT),
  /** Too many messages or connections; greylisting (x.4.5, x.5.3). */
  RATE_LIMITED(Permanence.TRANSIENT),
  /** The mailbox exists but is disabled or suspended (x.2.1). */
  SUSPENDED(Permanence.BY_CLASS),
  /** The recipient's server could not be reached (x.4.1 to x.4.4, timeouts). */
  NETWORK(Permanence.TRANSIENT),
  /** A bounce whose reason could not be told. */
  UNDEFINED(Permanence.BY_CLASS);

  private enum Permanence {
    PERMANENT,
    TRANSIENT,
    BY_CLASS
  }

  private final Permanence permanence;

  BounceReason(Permanence permanence) {
    this.permanence = permanence;
  }

  /**
   * Whether a bounce for this reason is hard.
   *
   * @param permanentClass whether its status or SMTP code is permanent (5.x.x, 5xx); used only by
   *     the reasons that have no permanence of their own (POLICY, SUSPENDED, UNDEFINED)
   */
  public boolean isHard(boolean permanentClass) {
    return switch (permanence) {
      case PERMANENT -> true;
      case TRANSIENT -> false;
      case BY_CLASS -> permanentClass;
    };
  }

  /**
   * Whether the bounce says nothing against the address but something against the sender (its IP,
   * its reputation, its content): the lead is kept and the sending mailbox's health counts it.
   */
  public boolean isSenderProblem() {
    return this == BLOCKED || this == SPAM_FILTERED;
  }
}
