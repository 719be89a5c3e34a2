package com.fourrunr.campaign.analytics;

/**
 * A negative outcome watched in an experiment, for one variant against the other variants together:
 * the unsubscribe-and-complaint rate over delivered messages ({@link #NEGATIVE_REPLIES}) or the
 * bounce rate over sent messages ({@link #BOUNCES}). It trips, and the variant should be stopped
 * (it cannot win), when the variant's rate is higher and the always-valid p-value is at most alpha.
 *
 * @param variant the variant watched
 * @param metric {@link #NEGATIVE_REPLIES} or {@link #BOUNCES}
 * @param rate the variant's rate
 * @param othersRate the rate of the other variants together
 * @param pValue the always-valid p-value of the difference (two-sided)
 * @param tripped whether the variant does worse, beyond chance: stop it
 */
public record Guardrail(
    String variant, String metric, double rate, double othersRate, double pValue, boolean tripped) {
  /** Unsubscribe requests and spam complaints per delivered message. */
  public static final String NEGATIVE_REPLIES = "unsubscribes_and_complaints";

  /** Bounces per sent message (a content block shows as bounces of one variant). */
  public static final String BOUNCES = "bounces";

  /**
   * The smallest difference in a guardrail's rate worth detecting: the mixing scale of its test.
   */
  static final double MINIMUM_DIFFERENCE = 0.01;
}
