package com.fourrunr.campaign.analytics;

/**
 * What an experiment's report says to do, valid however often it is read (see {@code
 * docs/analytics.md}).
 */
public enum Decision {
  /**
   * No conclusion yet: keep sending; the comparison says about how many more messages the plan
   * needs.
   */
  KEEP_GOING,
  /**
   * One variant is better, by the always-valid test after the correction across the report's
   * experiments.
   */
  WINNER,
  /**
   * Stop: the variants do not differ by the smallest lift worth detecting (the always-valid
   * interval of the difference lies within it), or the planned sample is reached without a winner.
   */
  NO_DIFFERENCE_WORTH_THE_WAIT
}
