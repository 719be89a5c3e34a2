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
 * A/B comparisons: which variant of a step does better on the outcome (positive replies per
 * delivered message by default), decided by an always-valid sequential test so that the report may
 * be read at any time without raising the false-winner rate; the sample plan; and the optional
 * promotion of a winner to new campaigns. See {@link VariantComparison} for what each figure is and
 * {@code docs/analytics.md} for when a winner is declared.
 */
public final class AbTest {
  private AbTest() {}

  /**
   * Compares the variants of one step, read alone; {@code byVariant} maps each variant to its
   * metrics.
   */
  public static VariantComparison compare(
      String sequence, String step, Map<String, Metrics> byVariant, AnalyticsOptions options) {
    return compareAll(
            List.of(new Input(sequence, step, VariantComparison.STEP, byVariant, Double.NaN)),
            options)
        .get(0);
  }

  /**
   * The plan of an experiment before it starts: the delivered messages per variant to find the
   * smallest lift worth detecting with 80% power ({@link AnalyticsOptions#plan()}), in words, with
   * the time it takes at {@code sendsPerDay} delivered messages a day over {@code arms} variants
   * (0: unknown).
   */
  public static String planText(AnalyticsOptions options, int arms, double sendsPerDay) {
    SamplePlan plan = options.plan();
    return "Plan: "
        + count(plan.perArm())
        + " delivered messages per variant to detect "
        + pct(plan.baselineRate())
        + " -> "
        + pct(plan.targetRate())
        + " "
        + options.outcome().words()
        + " with 80% power at alpha "
        + num(options.alpha())
        + ", reading the report as often as you like"
        + days(plan.daysToGo(arms, 0, sendsPerDay), sendsPerDay)
        + " (a single look at the end would need "
        + count(plan.fixedHorizonPerArm())
        + ").";
  }

  /** One experiment to compare. */
  record Input(
      String sequence,
      String step,
      String scope,
      Map<String, Metrics> byVariant,
      double observedSendsPerDay) {}

  /** Compares every experiment of a report, with Holm's correction across them. */
  static List<VariantComparison> compareAll(List<Input> inputs, AnalyticsOptions options) {
    SequentialTest.Design design = SequentialTest.Design.of(options);
    List<Draft> drafts = new ArrayList<>();
    for (Input in : inputs) {
      drafts.add(draft(in, options, design));
    }
    List<Integer> tested = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      if (drafts.get(i).stats.size() >= 2) {
        tested.add(i);
      }
    }
    double[] raw = new double[tested.size()];
    for (int j = 0; j < raw.length; j++) {
      raw[j] = drafts.get(tested.get(j)).alwaysValid;
    }
    double[] adjusted = Holm.adjust(raw);
    List<VariantComparison> out = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      int j = tested.indexOf(i);
      out.add(finish(drafts.get(i), j < 0 ? 1.0 : adjusted[j], tested.size(), options, design));
    }
    return out;
  }

  private static final class Draft {
    final Input in;
    List<VariantStats> stats = new ArrayList<>();
    SequentialTest.Evidence[] pairs = new SequentialTest.Evidence[0];
    double alwaysValid = 1;
    FixedSampleTest.Result fixed = new FixedSampleTest.Result(1, FixedSampleTest.Z_TEST);
    List<Guardrail> guardrails = new ArrayList<>();
    long smallest;

    Draft(Input in) {
      this.in = in;
    }
  }

  private static Draft draft(Input in, AnalyticsOptions options, SequentialTest.Design design) {
    Draft d = new Draft(in);
    Outcome outcome = options.outcome();
    in.byVariant()
        .forEach(
            (name, m) -> {
              long n = m.delivered();
              long x = outcome.successes(m);
              double[] ci = Proportions.wilson(x, n, options.alpha());
              d.stats.add(
                  new VariantStats(
                      name,
                      n,
                      x,
                      Metrics.ratio(x, n),
                      ci[0],
                      ci[1],
                      m.sent(),
                      m.bounced(),
                      m.unsubscribed(),
                      m.complaints()));
            });
    d.stats.sort(
        Comparator.comparingDouble(VariantStats::rate)
            .reversed()
            .thenComparing(VariantStats::variant));
    d.smallest = d.stats.stream().mapToLong(VariantStats::delivered).min().orElse(0);
    if (d.stats.size() < 2) {
      return d;
    }
    VariantStats best = d.stats.get(0);
    d.pairs = new SequentialTest.Evidence[d.stats.size() - 1];
    double worstAv = 0;
    double worstFixed = -1;
    for (int i = 1; i < d.stats.size(); i++) {
      VariantStats o = d.stats.get(i);
      d.pairs[i - 1] =
          SequentialTest.evidence(
              o.successes(), o.delivered(), best.successes(), best.delivered(), design);
      worstAv = Math.max(worstAv, d.pairs[i - 1].pValue());
      FixedSampleTest.Result f =
          FixedSampleTest.of(best.successes(), best.delivered(), o.successes(), o.delivered());
      if (f.pValue() > worstFixed) {
        worstFixed = f.pValue();
        d.fixed = f;
      }
    }
    d.alwaysValid = Math.min(1, worstAv * (d.stats.size() - 1));
    d.guardrails = Guardrails.of(d.stats, design);
    return d;
  }

  private static VariantComparison finish(
      Draft d,
      double adjusted,
      int family,
      AnalyticsOptions options,
      SequentialTest.Design design) {
    Input in = d.in;
    Outcome outcome = options.outcome();
    SamplePlan plan = design.plan();
    List<VariantStats> stats = d.stats;
    String head =
        "Step "
            + in.step()
            + (in.scope().equals(VariantComparison.SEQUENCE)
                ? " (timing variants, judged per lead on the whole sequence)"
                : "");
    String figures =
        String.join(
            ", ",
            stats.stream()
                .map(
                    s ->
                        s.variant()
                            + " "
                            + pct(s.rate())
                            + " ("
                            + s.successes()
                            + "/"
                            + s.delivered()
                            + ")")
                .toList());
    long remaining = Math.max(0, plan.perArm() - d.smallest);
    double rate = options.sendsPerDay() > 0 ? options.sendsPerDay() : in.observedSendsPerDay();
    double days = plan.daysToGo(Math.max(2, stats.size()), d.smallest, rate);
    if (stats.size() < 2) {
      return new VariantComparison(
          in.sequence(),
          in.step(),
          outcome,
          stats,
          null,
          1,
          0,
          options.alpha(),
          head + ": only one variant, nothing to compare: " + figures + ".",
          Decision.KEEP_GOING,
          FixedSampleTest.Z_TEST,
          1,
          1,
          0,
          -1,
          1,
          plan,
          remaining,
          days,
          in.scope(),
          List.of());
    }
    Decision decision = SequentialTest.decide(d.pairs, adjusted, d.smallest, design);
    VariantStats best = stats.get(0);
    boolean stopped =
        d.guardrails.stream().anyMatch(g -> g.tripped() && g.variant().equals(best.variant()));
    if (decision == Decision.WINNER && stopped) {
      decision = Decision.KEEP_GOING;
    }
    SequentialTest.Evidence runnerUp = d.pairs[0];
    double lift = best.rate() - stats.get(1).rate();
    boolean enough = java.util.Arrays.stream(d.pairs).allMatch(SequentialTest.Evidence::enough);
    String evidence =
        "lift "
            + points(lift)
            + " (always-valid "
            + level(options.alpha())
            + " interval "
            + points(runnerUp.low())
            + " to "
            + points(runnerUp.high())
            + "); always-valid p "
            + p(d.alwaysValid)
            + (family > 1
                ? ", " + p(adjusted) + " after Holm's correction over " + family + " experiments"
                : "");
    String fixedText =
        (d.fixed.method().equals(FixedSampleTest.FISHER) ? "Fisher's exact" : "z-test")
            + " p "
            + p(d.fixed.pValue())
            + " if read once";
    String togo =
        "about "
            + count(remaining)
            + " more delivered messages per variant to the plan of "
            + count(plan.perArm())
            + days(days, rate);
    String verdict;
    if (!enough) {
      verdict =
          head
              + ": not enough data yet ("
              + figures
              + "); each variant needs "
              + options.minSample()
              + " delivered messages. Keep going: each variant also needs "
              + (int) FixedSampleTest.MIN_EXPECTED
              + " expected "
              + outcome.noun()
              + " and as many without; "
              + togo
              + " ("
              + fixedText
              + ").";
    } else if (decision == Decision.WINNER) {
      verdict =
          head
              + ": variant "
              + best.variant()
              + " wins on "
              + outcome.words()
              + ": "
              + figures
              + "; "
              + evidence
              + ".";
    } else if (decision == Decision.NO_DIFFERENCE_WORTH_THE_WAIT) {
      verdict =
          head
              + ": no difference worth the wait in "
              + outcome.words()
              + " ("
              + figures
              + "; "
              + evidence
              + "): "
              + (d.smallest >= plan.perArm()
                  ? "the planned "
                      + count(plan.perArm())
                      + " per variant are reached without a winner."
                  : "the interval rules out a difference of "
                      + points(plan.minimumDifference())
                      + " or more.");
    } else {
      verdict =
          head
              + ": keep going, no winner yet on "
              + outcome.words()
              + " ("
              + figures
              + "; "
              + evidence
              + "); "
              + togo
              + ".";
    }
    for (Guardrail g : d.guardrails) {
      if (g.tripped()) {
        verdict +=
            " Stop variant "
                + g.variant()
                + ": its "
                + (g.metric().equals(Guardrail.BOUNCES)
                    ? "bounce rate "
                    : "unsubscribe-and-complaint rate ")
                + pct(g.rate())
                + " is above the others' "
                + pct(g.othersRate())
                + " (always-valid p "
                + p(g.pValue())
                + ").";
      }
    }
    return new VariantComparison(
        in.sequence(),
        in.step(),
        outcome,
        stats,
        decision == Decision.WINNER ? best.variant() : null,
        d.fixed.pValue(),
        1 - d.fixed.pValue(),
        options.alpha(),
        verdict,
        decision,
        d.fixed.method(),
        d.alwaysValid,
        adjusted,
        lift,
        runnerUp.low(),
        runnerUp.high(),
        plan,
        decision == Decision.KEEP_GOING ? remaining : 0,
        days,
        in.scope(),
        d.guardrails);
  }

  /**
   * The sequence with the winner of a comparison promoted on its step ({@link
   * Experiment#promote(String)}), to configure NEW campaigns with; running campaigns keep the
   * configuration they were created with. The sequence itself when the comparison has no winner or
   * the step has no experiment.
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

  /** A difference of rates in percentage points, signed. */
  static String points(double d) {
    return String.format(Locale.ROOT, "%+.1f points", d * 100);
  }

  /** A p-value in words: three decimals, or below 0.001. */
  static String p(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  private static String level(double alpha) {
    return String.format(Locale.ROOT, "%.0f%%", (1 - alpha) * 100);
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String days(double days, double perDay) {
    return Double.isNaN(days)
        ? ""
        : String.format(
            Locale.ROOT, ", about %,.0f days at %,.1f delivered a day", Math.ceil(days), perDay);
  }
}
