package com.fourrunr.campaign.analytics;

/**
 * The statistics of rates: the two-proportion z-test and the Wilson score interval. Plain formulas,
 * no approximations beyond the normal one the tests themselves make.
 */
final class Proportions {
  private Proportions() {}

  /**
   * The two-sided p-value of the two-proportion z-test (pooled variance) of {@code x1/n1} against
   * {@code x2/n2}: the chance of a difference at least this large if both rates were the same. 1
   * when either sample is empty or no difference can be measured (both rates 0 or both 1).
   */
  static double pValue(long x1, long n1, long x2, long n2) {
    double z = z(x1, n1, x2, n2);
    return Double.isNaN(z) ? 1.0 : 2 * (1 - normalCdf(Math.abs(z)));
  }

  /**
   * The z statistic of the two-proportion test, positive when the first rate is higher; NaN if
   * undefined.
   */
  static double z(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return Double.NaN;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double p = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    return se == 0 ? Double.NaN : (p1 - p2) / se;
  }

  /**
   * The Wilson score interval of {@code x/n} at confidence {@code 1 - alpha}: {@code [low, high]},
   * within [0, 1]; {@code [0, 1]} for an empty sample.
   */
  static double[] wilson(long x, long n, double alpha) {
    if (n <= 0) {
      return new double[] {0, 1};
    }
    double z = normalQuantile(1 - alpha / 2);
    double p = (double) x / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * The standard normal distribution function, by the complementary error function (error below
   * 1.2e-7).
   */
  static double normalCdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  /** The standard normal quantile, by bisection on {@link #normalCdf(double)}; p in (0, 1). */
  static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be between 0 and 1 exclusive: " + p);
    }
    double lo = -40;
    double hi = 40;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (normalCdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  // Numerical Recipes' erfc by Chebyshev fitting (fractional error below 1.2e-7 everywhere).
  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
