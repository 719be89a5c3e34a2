package com.fourrunr.campaign.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks each variant's negative outcomes against the other variants together: unsubscribes and
 * complaints over delivered messages, bounces over sent messages, by the always-valid test with a
 * smallest difference of {@link Guardrail#MINIMUM_DIFFERENCE}; no verdict while counts are small or
 * below the minimum sample.
 */
final class Guardrails {
  private Guardrails() {}

  static List<Guardrail> of(List<VariantStats> stats, SequentialTest.Design design) {
    List<Guardrail> out = new ArrayList<>();
    long allDelivered = 0;
    long allNegative = 0;
    long allSent = 0;
    long allBounced = 0;
    for (VariantStats s : stats) {
      allDelivered += s.delivered();
      allNegative += s.unsubscribed() + s.complaints();
      allSent += s.sent();
      allBounced += s.bounced();
    }
    for (VariantStats s : stats) {
      long neg = s.unsubscribed() + s.complaints();
      out.add(
          check(
              s.variant(),
              Guardrail.NEGATIVE_REPLIES,
              neg,
              s.delivered(),
              allNegative - neg,
              allDelivered - s.delivered(),
              design));
      out.add(
          check(
              s.variant(),
              Guardrail.BOUNCES,
              s.bounced(),
              s.sent(),
              allBounced - s.bounced(),
              allSent - s.sent(),
              design));
    }
    return out;
  }

  static Guardrail check(
      String variant,
      String metric,
      long x,
      long n,
      long xo,
      long no,
      SequentialTest.Design design) {
    double tau2 = Guardrail.MINIMUM_DIFFERENCE * Guardrail.MINIMUM_DIFFERENCE;
    double p = MixtureSprt.pValue(xo, no, x, n, tau2);
    double rate = Metrics.ratio(x, n);
    double others = Metrics.ratio(xo, no);
    boolean testable =
        Math.min(n, no) >= design.minSample() && !FixedSampleTest.smallCounts(x, n, xo, no);
    return new Guardrail(
        variant, metric, rate, others, p, testable && rate > others && p <= design.alpha());
  }
}
