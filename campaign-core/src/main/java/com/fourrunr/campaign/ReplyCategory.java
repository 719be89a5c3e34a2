package com.fourrunr.campaign;

/** What an incoming mail is, and so what it does to the campaign. */
public enum ReplyCategory {
  /** A person wants to talk: the campaign is RESPONDED. */
  INTERESTED(true),
  /** A person declines: the campaign is RESPONDED and no further step is sent. */
  NOT_INTERESTED(true),
  /** An out-of-office answer: the campaign pauses until the return date when one is given. */
  OUT_OF_OFFICE(false),
  /** Another automatic answer (ticket receipt, "we got your mail"): no change. */
  AUTO_REPLY(false),
  /** A permanent delivery failure: the campaign stops and the address is suppressed. */
  BOUNCE_HARD(false),
  /** A passing delivery failure (mailbox full, greylisting): recorded, no change. */
  BOUNCE_SOFT(false),
  /** The person asks not to be written to again: the campaign stops and the address is suppressed. */
  UNSUBSCRIBE_REQUEST(true),
  /** Not the right person (or a referral to someone else): the campaign is RESPONDED. */
  WRONG_PERSON(true),
  /** A spam complaint: the campaign stops and the address is suppressed. */
  COMPLAINT(false),
  /** A person wrote, but what they mean is unclear: the campaign is RESPONDED and a person should read it. */
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
