package com.fourrunr.campaign.analytics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The A/B comparison of the variants of one step. The winner, if any, is the variant with the highest rate
 * when a two-proportion z-test finds it better than every other variant at level {@code alpha} (divided by
 * the number of comparisons, Bonferroni), and every variant has at least the minimum sample. Never chosen
 * on raw counts.
 *
 * @param sequence the sequence's name
 * @param step the step
 * @param outcome what the variants are judged on
 * @param variants each variant's figures, best rate first
 * @param winner the winning variant, or null
 * @param pValue the largest p-value of the best variant against the others (1 with fewer than 2 variants)
 * @param confidence {@code 1 - pValue}
 * @param alpha the significance level used (before the Bonferroni division)
 * @param verdict the result in plain words, with its evidence and sample sizes
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
    String verdict) {

  /** Freezes the variant list. */
  public VariantComparison {
    variants = List.copyOf(variants);
  }
}
