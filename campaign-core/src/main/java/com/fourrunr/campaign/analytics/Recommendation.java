package com.fourrunr.campaign.analytics;

/**
 * Advice from the data, in plain words, with what supports it.
 *
 * @param text what to do, for example {@code Use variant B for step HOOK of hook-proof-fomo}
 * @param evidence the figures behind it: rates, sample sizes, confidence
 * @param sampleSize the delivered messages the advice rests on (never below the minimum sample)
 * @param confidence 1 minus the test's p-value
 */
public record Recommendation(String text, String evidence, long sampleSize, double confidence) {}
