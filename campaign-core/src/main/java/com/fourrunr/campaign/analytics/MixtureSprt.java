package com.fourrunr.campaign.analytics;

/**
 * The mixture sequential probability ratio test (mSPRT) of two proportions, in its normal form
 * (Robbins 1970; Johari, Pekelis and Walsh, "Always valid inference", 2017): the likelihood ratio
 * of "the difference is theta" against "it is 0", averaged over theta ~ N(0, tau2). Under the null
 * hypothesis that ratio is (approximately) a martingale with mean 1, so by Ville's inequality it
 * exceeds {@code 1 / alpha} at ANY time with probability at most {@code alpha}: its inverse is a
 * p-value that stays valid however often it is read. The normal approximation needs enough expected
 * successes and failures; {@link SequentialTest} makes no decision before that.
 */
final class MixtureSprt {
  private MixtureSprt() {}

  /**
   * The always-valid p-value {@code min(1, 1 / Lambda)} of {@code x2/n2} against {@code x1/n1},
   * with the pooled (null) variance; 1 when a sample is empty or no difference can be measured.
   */
  static double pValue(long x1, long n1, long x2, long n2, double tau2) {
    if (n1 <= 0 || n2 <= 0) {
      return 1.0;
    }
    double p = (double) (x1 + x2) / (n1 + n2);
    double v = p * (1 - p) * (1.0 / n1 + 1.0 / n2);
    if (v <= 0) {
      return 1.0;
    }
    double d = (double) x2 / n2 - (double) x1 / n1;
    double logLambda = 0.5 * Math.log(v / (v + tau2)) + tau2 * d * d / (2 * v * (v + tau2));
    return logLambda <= 0 ? 1.0 : Math.exp(-logLambda);
  }

  /**
   * The half-width, in units of the standard error {@code sqrt(v)}, of the always-valid interval at
   * level {@code 1 - alpha}: the |z| at which {@code Lambda} reaches {@code 1 / alpha}.
   */
  static double boundary(double v, double tau2, double alpha) {
    return Math.sqrt((v + tau2) / tau2 * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
  }

  /**
   * The always-valid confidence interval (a confidence sequence) for {@code x2/n2 - x1/n1} at level
   * {@code 1 - alpha}, with the unpooled variance: {@code [low, high]}; {@code [-1, 1]} when the
   * variance is 0.
   */
  static double[] interval(long x1, long n1, long x2, long n2, double tau2, double alpha) {
    if (n1 <= 0 || n2 <= 0) {
      return new double[] {-1, 1};
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double v = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
    if (v <= 0) {
      return new double[] {-1, 1};
    }
    double r = boundary(v, tau2, alpha) * Math.sqrt(v);
    return new double[] {Math.max(-1, p2 - p1 - r), Math.min(1, p2 - p1 + r)};
  }
}
