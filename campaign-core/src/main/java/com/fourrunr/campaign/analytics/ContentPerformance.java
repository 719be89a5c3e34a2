package com.fourrunr.campaign.analytics;

/**
 * The best and the worst content variant (subject and/or body) of one step within one segment, by reply
 * rate, among the variants with at least the minimum sample.
 *
 * @param sequence the sequence's name
 * @param step the step
 * @param dimension the segment's dimension ({@link Segments#ALL} for every lead)
 * @param segment the segment
 * @param best the variant with the highest reply rate
 * @param bestRate its reply rate
 * @param bestSample its delivered messages
 * @param worst the variant with the lowest reply rate
 * @param worstRate its reply rate
 * @param worstSample its delivered messages
 */
public record ContentPerformance(String sequence, String step, String dimension, String segment, String best,
    double bestRate, long bestSample, String worst, double worstRate, long worstSample) {}
