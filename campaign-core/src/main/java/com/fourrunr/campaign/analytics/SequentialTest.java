package com.fourrunr.campaign.analytics;

/**
 * The decision function of every A/B comparison, on counts: the always-valid test ({@link
 * MixtureSprt}) with a planned sample ({@link SamplePlan}). Its false-winner rate stays within
 * alpha however often it is read ({@code SequentialSimulationTest} checks that, and the plan's
 * power, by simulation).
 *
 * <ul>
 *   <li>No decision (keep going) while a variant has fewer than the minimum sample or the counts
 *       are small by {@link FixedSampleTest#smallCounts}: the normal approximation the test rests
 *       on needs them.
 *   <li>{@link Decision#WINNER} when the always-valid p-value, after any correction, is at most
 *       alpha.
 *   <li>{@link Decision#NO_DIFFERENCE_WORTH_THE_WAIT} when the always-valid interval of the
 *       difference lies strictly within plus or minus the smallest difference worth detecting, or
 *       the planned sample is reached.
 *   <li>Otherwise {@link Decision#KEEP_GOING}.
 * </ul>
 */
final class SequentialTest {
  private SequentialTest() {}

  /**
   * The design of a test: its level, plan and minimum sample.
   *
   * @param alpha the two-sided level
   * @param plan the planned sample (and the smallest difference worth detecting)
   * @param minSample delivered messages each variant needs before any decision
   */
  record Design(double alpha, SamplePlan plan, long minSample) {
    static Design of(AnalyticsOptions o) {
      return new Design(o.alpha(), o.plan(), o.minSample());
    }
  }

  /**
   * The evidence of one pair, the leader {@code (x2, n2)} against another variant {@code (x1, n1)}.
   *
   * @param enough whether both have the minimum sample and counts that are not small
   * @param pValue the always-valid p-value (before any correction)
   * @param low the lower end of the always-valid interval of {@code rate2 - rate1}
   * @param high its upper end
   */
  record Evidence(boolean enough, double pValue, double low, double high) {}

  static Evidence evidence(long x1, long n1, long x2, long n2, Design d) {
    boolean enough =
        Math.min(n1, n2) >= d.minSample() && !FixedSampleTest.smallCounts(x1, n1, x2, n2);
    double[] ci = MixtureSprt.interval(x1, n1, x2, n2, d.plan().tau2(), d.alpha());
    return new Evidence(enough, MixtureSprt.pValue(x1, n1, x2, n2, d.plan().tau2()), ci[0], ci[1]);
  }

  /**
   * The decision on a leader against every other variant: {@code pairs} its evidence against each,
   * {@code adjustedP} the p-value to compare with alpha (corrected for the comparisons and
   * experiments read together), {@code smallestArm} the delivered messages of the smallest variant.
   */
  static Decision decide(Evidence[] pairs, double adjustedP, long smallestArm, Design d) {
    boolean within = true;
    for (Evidence e : pairs) {
      if (!e.enough()) {
        return Decision.KEEP_GOING;
      }
      double delta = d.plan().minimumDifference();
      within &= e.low() > -delta && e.high() < delta;
    }
    if (adjustedP <= d.alpha() && pairs.length > 0 && pairs[0].low() > 0) {
      return Decision.WINNER;
    }
    if (within || smallestArm >= d.plan().perArm()) {
      return Decision.NO_DIFFERENCE_WORTH_THE_WAIT;
    }
    return Decision.KEEP_GOING;
  }

  /**
   * The decision on two variants, read alone: {@link Decision#WINNER} means the higher rate wins.
   * The same function the reports use, for one experiment with two variants.
   */
  static Decision decide(long x1, long n1, long x2, long n2, Design d) {
    boolean secondLeads = (double) x2 / Math.max(1, n2) >= (double) x1 / Math.max(1, n1);
    Evidence e = secondLeads ? evidence(x1, n1, x2, n2, d) : evidence(x2, n2, x1, n1, d);
    return decide(new Evidence[] {e}, e.pValue(), Math.min(n1, n2), d);
  }
}
