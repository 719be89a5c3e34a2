package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.Experiment;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A/B comparisons: which variant of a step does better, by a two-proportion z-test on the reply (or
 * positive-reply) rate over delivered messages, with Wilson confidence intervals; and the optional
 * promotion of a winner to new campaigns.
 *
 * <p>The best variant (highest rate) wins when every variant has at least {@link
 * AnalyticsOptions#minSample()} delivered messages and the z-test finds it better than each other variant
 * at level {@code alpha / (k - 1)} for {@code k} variants (Bonferroni). Otherwise there is no winner, and the
 * verdict says why. A variant is never chosen on raw counts.
 */
public final class AbTest {
  private AbTest() {}

  /** Compares the variants of one step; {@code byVariant} maps each variant's name to its metrics. */
  public static VariantComparison compare(String sequence, String step, Map<String, Metrics> byVariant,
      AnalyticsOptions options) {
    Outcome outcome = options.outcome();
    double alpha = options.alpha();
    List<VariantStats> stats = new ArrayList<>();
    byVariant.forEach((name, m) -> {
      long n = m.delivered();
      long x = outcome.successes(m);
      double[] ci = Proportions.wilson(x, n, alpha);
      stats.add(new VariantStats(name, n, x, Metrics.ratio(x, n), ci[0], ci[1]));
    });
    stats.sort(Comparator.comparingDouble(VariantStats::rate).reversed().thenComparing(VariantStats::variant));
    String figures = String.join(", ", stats.stream().map(s -> s.variant() + " " + pct(s.rate()) + " ("
        + s.successes() + "/" + s.delivered() + ")").toList());
    if (stats.size() < 2) {
      return new VariantComparison(sequence, step, outcome, stats, null, 1, 0, alpha,
          "Step " + step + ": only one variant, nothing to compare: " + figures + ".");
    }
    long smallest = stats.stream().mapToLong(VariantStats::delivered).min().orElse(0);
    VariantStats best = stats.get(0);
    double worstP = 0;
    for (int i = 1; i < stats.size(); i++) {
      VariantStats o = stats.get(i);
      worstP = Math.max(worstP, Proportions.pValue(best.successes(), best.delivered(), o.successes(),
          o.delivered()));
    }
    double confidence = 1 - worstP;
    if (smallest < options.minSample()) {
      return new VariantComparison(sequence, step, outcome, stats, null, worstP, confidence, alpha,
          "Step " + step + ": not enough data yet (" + figures + "); each variant needs "
              + options.minSample() + " delivered messages.");
    }
    double level = alpha / (stats.size() - 1);
    if (worstP < level && best.rate() > stats.get(1).rate()) {
      return new VariantComparison(sequence, step, outcome, stats, best.variant(), worstP, confidence, alpha,
          "Step " + step + ": variant " + best.variant() + " wins on " + outcome.words() + ": " + figures
              + "; confidence " + pct(confidence) + ".");
    }
    return new VariantComparison(sequence, step, outcome, stats, null, worstP, confidence, alpha,
        "Step " + step + ": no significant difference in " + outcome.words() + " (" + figures
            + "; confidence " + pct(confidence) + ", " + pct(1 - level) + " needed).");
  }

  /**
   * The sequence with the winner of a comparison promoted on its step ({@link Experiment#promote(String)}),
   * to configure NEW campaigns with; running campaigns keep the configuration they were created with. The
   * sequence itself when the comparison has no winner or the step has no experiment.
   */
  public static Sequence promoteWinner(Sequence sequence, VariantComparison comparison) {
    String winner = comparison.winner();
    if (winner == null || !sequence.name().equals(comparison.sequence())) {
      return sequence;
    }
    List<SequenceStep> steps = new ArrayList<>(sequence.steps());
    boolean changed = false;
    for (int i = 0; i < steps.size(); i++) {
      SequenceStep s = steps.get(i);
      @Nullable Experiment e = s.experiment();
      if (s.type().name().equals(comparison.step()) && e != null && e.variant(winner) != null) {
        steps.set(i, s.withExperiment(e.promote(winner)));
        changed = true;
      }
    }
    return changed ? new Sequence(sequence.name(), steps) : sequence;
  }

  static String pct(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}
