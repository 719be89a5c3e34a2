package com.fourrunr.campaign.quality;

/**
 * What happens when the generator fails after its own retries, or its output fails the gates twice.
 * Either way the audit trail of the message says which policy applied and why.
 */
public enum FallbackPolicy {
  /** Write the step with the fallback generator (the template generator by default) instead. */
  TEMPLATE,
  /**
   * Keep what was written and hold the campaign for a person to review; nothing is sent until
   * approved.
   */
  HOLD
}
