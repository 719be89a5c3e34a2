package com.fourrunr.campaign.analytics;

/**
 * Fisher's exact test of two proportions: the two-sided p-value sums the hypergeometric
 * probabilities of every table with the same margins that is no more probable than the observed one
 * (the definition of R's {@code fisher.test} and scipy's {@code fisher_exact}, with the same
 * relative tolerance of 1e-7).
 */
final class FisherExact {
  private FisherExact() {}

  /** The two-sided p-value of {@code x1/n1} against {@code x2/n2}; 1 when a sample is empty. */
  static double pValue(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return 1.0;
    }
    long k = x1 + x2; // successes in all
    long m = n1 + n2;
    long lo = Math.max(0, n1 - (m - k));
    long hi = Math.min(n1, k);
    int size = (int) (hi - lo + 1);
    // Relative probabilities by the ratio of consecutive terms, from lo up; normalised in the log
    // domain.
    double[] logP = new double[size];
    for (int i = 1; i < size; i++) {
      long a = lo + i - 1; // table with a successes in sample 1 -> a + 1
      logP[i] =
          logP[i - 1]
              + Math.log((double) (k - a) * (n1 - a))
              - Math.log((double) (a + 1) * (m - k - n1 + a + 1));
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logP) {
      max = Math.max(max, l);
    }
    double total = 0;
    for (double l : logP) {
      total += Math.exp(l - max);
    }
    double observed = logP[(int) (x1 - lo)];
    double limit = observed + Math.log1p(1e-7);
    double tail = 0;
    for (double l : logP) {
      if (l <= limit) {
        tail += Math.exp(l - max);
      }
    }
    return Math.min(1.0, tail / total);
  }
}
