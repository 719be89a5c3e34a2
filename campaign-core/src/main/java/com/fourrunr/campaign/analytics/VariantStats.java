package com.fourrunr.campaign.analytics;

/**
 * One variant's figures in an A/B comparison.
 *
 * @param variant the variant's name
 * @param delivered the sample size: delivered messages
 * @param successes replies (or positive replies) among them
 * @param rate successes / delivered
 * @param low the lower end of the Wilson interval at the comparison's confidence level
 * @param high its upper end
 */
public record VariantStats(String variant, long delivered, long successes, double rate, double low,
    double high) {}
