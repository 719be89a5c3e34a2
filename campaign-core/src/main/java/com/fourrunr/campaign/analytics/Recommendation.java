package com.fourrunr.campaign.analytics;

/**
 * Advice from the data, in plain words, with what supports it.
 *
 * @param text what to do, for example {@code Use variant B for step HOOK of hook-proof-fomo}
 * @param evidence the figures behind it: rates, sample sizes, the p-value and what kind it is
 * @param sampleSize the delivered messages the advice rests on (never below the minimum sample)
 * @param confidence {@code 1 - pValue}; kept for compatibility of the JSON export. It is NOT the
 *     probability that the advice is right; read {@link #pValue()}
 * @param pValue the always-valid p-value behind the advice, after the correction across the tests
 *     read together (valid however often the report is read)
 */
public record Recommendation(
    String text, String evidence, long sampleSize, double confidence, double pValue) {

  /** Advice with {@code pValue = 1 - confidence}, as in earlier versions. */
  public Recommendation(String text, String evidence, long sampleSize, double confidence) {
    this(text, evidence, sampleSize, confidence, 1 - confidence);
  }
}
