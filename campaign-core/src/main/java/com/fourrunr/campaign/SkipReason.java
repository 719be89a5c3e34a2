package com.fourrunr.campaign;

/** Why a lead was not enrolled. */
public enum SkipReason {
  /** The record did not make a valid lead. */
  INVALID_LEAD,
  /** The address is a GUESS or UNKNOWN: only REAL and PATTERN addresses are mailed. */
  EMAIL_CONFIDENCE_TOO_LOW,
  /** The lead is already engaged with 4Runr or must not be contacted. */
  ENGAGEMENT_STATUS,
  /** The address is on the suppression list. */
  SUPPRESSED,
  /** The lead already has an active or paused campaign. */
  ALREADY_IN_CAMPAIGN,
  /** No acceptable message could be written for the lead. */
  GENERATION_FAILED,
  /** The lead has no company description and no services: nothing to personalise the copy with. */
  INSUFFICIENT_DATA,
  /**
   * The address's domain takes no mail: a null MX (RFC 7505), or neither MX nor address records.
   */
  DOMAIN_NO_MAIL,
  /** The address's domain does not exist (NXDOMAIN). */
  DOMAIN_NOT_FOUND,
  /** The address is at a known disposable-mail domain (skipped by policy). */
  DISPOSABLE_ADDRESS,
  /** The address is a role address such as {@code info@} or {@code sales@} (skipped by policy). */
  ROLE_ADDRESS
}
