package com.fourrunr.campaign.analytics;

/**
 * The fixed-sample p-value of two proportions, exact where the counts are small: Fisher's exact
 * test when any expected cell count (under equal rates) is below {@link #MIN_EXPECTED}, else the
 * two-proportion z-test. Shown for information; decisions rest on the always-valid test ({@link
 * SequentialTest}).
 */
final class FixedSampleTest {
  /**
   * The expected-count rule: below 5 expected successes or failures in a variant, counts are small.
   */
  static final double MIN_EXPECTED = 5;

  static final String FISHER = "fisher-exact";
  static final String Z_TEST = "z-test";

  private FixedSampleTest() {}

  /** A p-value and the method that gave it. */
  record Result(double pValue, String method) {}

  static Result of(long x1, long n1, long x2, long n2) {
    if (smallCounts(x1, n1, x2, n2)) {
      return new Result(FisherExact.pValue(x1, n1, x2, n2), FISHER);
    }
    return new Result(Proportions.pValue(x1, n1, x2, n2), Z_TEST);
  }

  /** Whether any expected cell count under the pooled rate is below {@link #MIN_EXPECTED}. */
  static boolean smallCounts(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return true;
    }
    double p = (double) (x1 + x2) / (n1 + n2);
    double small = Math.min(p, 1 - p) * Math.min(n1, n2);
    return small < MIN_EXPECTED;
  }
}
