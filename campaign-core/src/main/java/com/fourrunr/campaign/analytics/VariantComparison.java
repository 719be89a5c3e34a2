package com.fourrunr.campaign.analytics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The A/B comparison of the variants of one step, decided by an always-valid sequential test so
 * that the report may be read at any time (see {@code docs/analytics.md}). The winner, if any, is
 * the variant with the highest rate when the always-valid p-value against every other variant,
 * corrected for the number of variants (Bonferroni) and for the experiments of the report (Holm),
 * is at most alpha, every variant has the minimum sample and the counts are not small, and no
 * guardrail of the winner tripped. Never chosen on raw counts.
 *
 * @param sequence the sequence's name
 * @param step the step
 * @param outcome what the variants are judged on
 * @param variants each variant's figures, best rate first
 * @param winner the winning variant, or null
 * @param pValue the fixed-sample p-value (largest of the leader against the others): Fisher's exact
 *     test where counts are small, else the z-test ({@link #pValueMethod()}); valid only if read
 *     once at a sample size fixed in advance, shown for information (1 with fewer than 2 variants)
 * @param confidence {@code 1 - pValue}; kept for compatibility of the JSON export. It is NOT the
 *     probability that the leader is better, and the reports no longer show it
 * @param alpha the significance level used
 * @param verdict the result in plain words, with its evidence and sample sizes
 * @param decision keep going, winner, or no difference worth the wait
 * @param pValueMethod {@code fisher-exact} or {@code z-test}: how {@link #pValue()} was computed
 * @param alwaysValidPValue the always-valid p-value of the leader against the others, times the
 *     number of other variants (Bonferroni), capped at 1: valid however often the report is read
 * @param adjustedPValue that p-value after Holm's correction across the experiments of the report:
 *     the one compared with alpha
 * @param lift the leader's rate minus the runner-up's
 * @param liftLow the lower end of the always-valid interval of that difference at level {@code 1 -
 *     alpha}
 * @param liftHigh its upper end
 * @param plan the planned sample per variant
 * @param remainingPerArm delivered messages the smallest variant still needs to reach the plan (0
 *     once reached): the most the experiment can still take
 * @param daysRemaining how long that takes at the send rate (given, or estimated from send times);
 *     NaN when unknown
 * @param scope {@code step} (messages of the step) or {@code sequence} (timing variants: leads
 *     enrolled in each variant, each counted once, on the outcome of the whole sequence)
 * @param guardrails the negative outcomes watched per variant
 */
public record VariantComparison(
    String sequence,
    String step,
    Outcome outcome,
    List<VariantStats> variants,
    @Nullable String winner,
    double pValue,
    double confidence,
    double alpha,
    String verdict,
    Decision decision,
    String pValueMethod,
    double alwaysValidPValue,
    double adjustedPValue,
    double lift,
    double liftLow,
    double liftHigh,
    SamplePlan plan,
    long remainingPerArm,
    double daysRemaining,
    String scope,
    List<Guardrail> guardrails) {

  /** Scope of a comparison of a step's messages. */
  public static final String STEP = "step";

  /** Scope of a comparison of leads on the whole sequence's outcome (timing variants). */
  public static final String SEQUENCE = "sequence";

  /** Freezes the lists. */
  public VariantComparison {
    variants = List.copyOf(variants);
    guardrails = List.copyOf(guardrails);
  }

  /** Whether a winner is declared. */
  public boolean hasWinner() {
    return winner != null;
  }
}
