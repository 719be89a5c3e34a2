package com.fourrunr.campaign.analytics;

/**
 * One variant's figures in an A/B comparison.
 *
 * @param variant the variant's name
 * @param delivered the sample size: delivered messages (for a whole-sequence comparison: leads
 *     enrolled)
 * @param successes the outcome's count among them (positive replies by default)
 * @param rate successes / delivered
 * @param low the lower end of the Wilson score interval of the rate at level {@code 1 - alpha} (an
 *     interval for this variant's rate alone, read once; the lift has its own always-valid
 *     interval)
 * @param high its upper end
 * @param sent messages sent (delivered plus bounced)
 * @param bounced messages that bounced, per variant so that a content block shows
 * @param unsubscribed unsubscribe requests after its messages
 * @param complaints spam complaints about its messages
 */
public record VariantStats(
    String variant,
    long delivered,
    long successes,
    double rate,
    double low,
    double high,
    long sent,
    long bounced,
    long unsubscribed,
    long complaints) {

  /** The figures without the guardrail counts (all 0, sent = delivered), as in earlier versions. */
  public VariantStats(
      String variant, long delivered, long successes, double rate, double low, double high) {
    this(variant, delivered, successes, rate, low, high, delivered, 0, 0, 0);
  }

  /** bounced / sent. */
  public double bounceRate() {
    return Metrics.ratio(bounced, sent);
  }

  /** (unsubscribed + complaints) / delivered: the negative replies a variant provokes. */
  public double negativeRate() {
    return Metrics.ratio(unsubscribed + complaints, delivered);
  }
}
