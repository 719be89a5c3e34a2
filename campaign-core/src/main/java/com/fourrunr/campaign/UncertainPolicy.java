package com.fourrunr.campaign;

/**
 * What may happen to an uncertain message: one left {@link DeliveryStatus#SENDING} by a crash
 * between the mail server's acceptance and the record of the send, so whether the lead got it is
 * unknown. The engine never sends such a message again by itself; it lists them ({@link
 * CampaignEngine#uncertainMessages}) for a person to review.
 */
public enum UncertainPolicy {
  /**
   * Never send an uncertain message again: a duplicate is worse than a missing step (the default).
   */
  NEVER_RESEND,
  /**
   * Send it again when an operator asks, after review ({@link CampaignEngine#resendUncertain}),
   * under the same Message-ID so a receiving system can recognise a duplicate.
   */
  RESEND_AFTER_REVIEW
}
