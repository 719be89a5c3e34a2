package com.fourrunr.campaign;

/**
 * What an incoming mail is; what each does to the campaign is set by a {@link ReplyPolicy}
 * (defaults below).
 */
public enum ReplyCategory {
  /** A person wants to talk: the campaign is RESPONDED and the lead flagged for the team. */
  INTERESTED(true),
  /** A person declines: the campaign is RESPONDED and the address suppressed. */
  NOT_INTERESTED(true),
  /** An out-of-office answer: the campaign pauses until the business day after the return date. */
  OUT_OF_OFFICE(false),
  /** Another automatic answer (ticket receipt, "we got your mail"): no change. */
  AUTO_REPLY(false),
  /** A permanent delivery failure: the campaign stops and the address is suppressed. */
  BOUNCE_HARD(false),
  /** A passing delivery failure (mailbox full, greylisting): the step is sent again later. */
  BOUNCE_SOFT(false),
  /**
   * The person asks not to be written to again: the campaign stops and the address is suppressed.
   */
  UNSUBSCRIBE_REQUEST(true),
  /** Not the right person (or a referral to someone else): the campaign is RESPONDED. */
  WRONG_PERSON(true),
  /** A spam complaint: the campaign stops, the address is suppressed and an alert raised. */
  COMPLAINT(false),
  /** A person wrote, but what they mean is unclear: the campaign pauses until a person reads it. */
  NEEDS_REVIEW(true);

  private final boolean fromPerson;

  ReplyCategory(boolean fromPerson) {
    this.fromPerson = fromPerson;
  }

  /** Whether this kind of mail is written by a person (as opposed to a machine). */
  public boolean isFromPerson() {
    return fromPerson;
  }
}
