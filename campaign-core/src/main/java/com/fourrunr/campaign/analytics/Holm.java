package com.fourrunr.campaign.analytics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment (1979): family-wise error control over several tests read together.
 * The i-th smallest of m p-values is multiplied by {@code m - i + 1}, then made non-decreasing; a
 * test is significant when its adjusted p-value is at most alpha. Valid for always-valid p-values
 * too, at any time.
 */
final class Holm {
  private Holm() {}

  /** The adjusted p-values, in the order given. */
  static double[] adjust(double[] p) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] out = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
