package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * How analytics are grouped, bounded and judged. Start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * @param customFields custom lead fields to segment by (each becomes dimension {@code
 *     custom:<name>})
 * @param maxCampaignStates how many campaigns' per-message state the aggregator keeps (least
 *     recently used first out); it is what makes opens, clicks and replies count once per message.
 *     Building from a store needs one at a time; a live listener needs as many as campaigns still
 *     receiving events
 * @param maxSegmentValues distinct values kept per dimension; later new values count as {@link
 *     Segments#OTHER}
 * @param minSample delivered messages each side needs before a comparison or recommendation is made
 * @param alpha the significance level of A/B tests and recommendations (also sets the interval
 *     level)
 * @param outcome what winners and recommendations are judged on (default: positive replies)
 * @param baselineRate the outcome's rate expected without any change, to plan experiments with
 *     (default 0.02: 2% positive replies per delivered message)
 * @param minimumLift the smallest relative lift worth detecting (default 0.5: from 2% to 3%); with
 *     the baseline it sets the {@link #plan()} and what "no difference worth the wait" means
 * @param sendsPerDay delivered messages a day over all variants of an experiment, to say how long
 *     the plan takes; 0 (default) to estimate it from the send times seen
 */
public record AnalyticsOptions(
    List<String> customFields,
    int maxCampaignStates,
    int maxSegmentValues,
    long minSample,
    double alpha,
    Outcome outcome,
    double baselineRate,
    double minimumLift,
    double sendsPerDay) {

  /** Default {@link #maxCampaignStates()}. */
  public static final int DEFAULT_MAX_CAMPAIGN_STATES = 100_000;

  /** Default {@link #maxSegmentValues()}. */
  public static final int DEFAULT_MAX_SEGMENT_VALUES = 200;

  /** Default {@link #minSample()}. */
  public static final long DEFAULT_MIN_SAMPLE = 100;

  /** Default {@link #alpha()}. */
  public static final double DEFAULT_ALPHA = 0.05;

  /** Default {@link #baselineRate()}. */
  public static final double DEFAULT_BASELINE_RATE = 0.02;

  /** Default {@link #minimumLift()}. */
  public static final double DEFAULT_MINIMUM_LIFT = 0.5;

  /** Checks every field, listing each problem. */
  public AnalyticsOptions {
    List<FieldError> errors = new ArrayList<>();
    if (customFields == null) {
      errors.add(new FieldError("customFields", "is required (may be empty)"));
    } else if (customFields.stream().anyMatch(f -> f == null || f.isBlank())) {
      errors.add(new FieldError("customFields", "holds a blank field name"));
    }
    if (maxCampaignStates < 1) {
      errors.add(new FieldError("maxCampaignStates", maxCampaignStates + " is not positive"));
    }
    if (maxSegmentValues < 1) {
      errors.add(new FieldError("maxSegmentValues", maxSegmentValues + " is not positive"));
    }
    if (minSample < 1) {
      errors.add(new FieldError("minSample", minSample + " is not positive"));
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      errors.add(new FieldError("alpha", alpha + " is not between 0 and 0.5"));
    }
    if (outcome == null) {
      errors.add(new FieldError("outcome", "is required"));
    }
    if (!(baselineRate > 0 && baselineRate < 1)) {
      errors.add(new FieldError("baselineRate", baselineRate + " is not between 0 and 1"));
    } else if (!(minimumLift > 0) || !(baselineRate * (1 + minimumLift) < 1)) {
      errors.add(
          new FieldError(
              "minimumLift", minimumLift + " is not a positive lift keeping the rate below 1"));
    }
    if (!(sendsPerDay >= 0) || Double.isInfinite(sendsPerDay)) {
      errors.add(new FieldError("sendsPerDay", sendsPerDay + " is not 0 or a positive number"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("AnalyticsOptions", errors);
    }
    customFields = List.copyOf(customFields);
  }

  /**
   * The options of earlier versions (baseline 2%, lift 50%, send rate estimated): kept so callers
   * of the six-field constructor still compile.
   */
  public AnalyticsOptions(
      List<String> customFields,
      int maxCampaignStates,
      int maxSegmentValues,
      long minSample,
      double alpha,
      Outcome outcome) {
    this(
        customFields,
        maxCampaignStates,
        maxSegmentValues,
        minSample,
        alpha,
        outcome,
        DEFAULT_BASELINE_RATE,
        DEFAULT_MINIMUM_LIFT,
        0);
  }

  /**
   * No custom fields, the default bounds, minimum sample 100, alpha 0.05, judged on positive
   * replies ({@code INTERESTED}) per delivered message, planned for a 2% baseline and a 50% lift.
   */
  public static AnalyticsOptions defaults() {
    return new AnalyticsOptions(
        List.of(),
        DEFAULT_MAX_CAMPAIGN_STATES,
        DEFAULT_MAX_SEGMENT_VALUES,
        DEFAULT_MIN_SAMPLE,
        DEFAULT_ALPHA,
        Outcome.POSITIVE_REPLY);
  }

  /**
   * The sample plan of these options' experiments: {@link SamplePlan#of} baseline, lift and alpha.
   */
  public SamplePlan plan() {
    return SamplePlan.of(baselineRate, minimumLift, alpha);
  }

  /** These options segmenting by these custom lead fields too. */
  public AnalyticsOptions withCustomFields(List<String> fields) {
    return new AnalyticsOptions(
        fields,
        maxCampaignStates,
        maxSegmentValues,
        minSample,
        alpha,
        outcome,
        baselineRate,
        minimumLift,
        sendsPerDay);
  }

  /** These options with another bound on campaign states. */
  public AnalyticsOptions withMaxCampaignStates(int max) {
    return new AnalyticsOptions(
        customFields,
        max,
        maxSegmentValues,
        minSample,
        alpha,
        outcome,
        baselineRate,
        minimumLift,
        sendsPerDay);
  }

  /** These options with another bound on values per dimension. */
  public AnalyticsOptions withMaxSegmentValues(int max) {
    return new AnalyticsOptions(
        customFields,
        maxCampaignStates,
        max,
        minSample,
        alpha,
        outcome,
        baselineRate,
        minimumLift,
        sendsPerDay);
  }

  /** These options with another minimum sample. */
  public AnalyticsOptions withMinSample(long min) {
    return new AnalyticsOptions(
        customFields,
        maxCampaignStates,
        maxSegmentValues,
        min,
        alpha,
        outcome,
        baselineRate,
        minimumLift,
        sendsPerDay);
  }

  /** These options with another significance level. */
  public AnalyticsOptions withAlpha(double a) {
    return new AnalyticsOptions(
        customFields,
        maxCampaignStates,
        maxSegmentValues,
        minSample,
        a,
        outcome,
        baselineRate,
        minimumLift,
        sendsPerDay);
  }

  /** These options judging on another outcome. */
  public AnalyticsOptions withOutcome(Outcome o) {
    return new AnalyticsOptions(
        customFields,
        maxCampaignStates,
        maxSegmentValues,
        minSample,
        alpha,
        o,
        baselineRate,
        minimumLift,
        sendsPerDay);
  }

  /** These options planning experiments for another baseline rate and smallest relative lift. */
  public AnalyticsOptions withPlan(double baseline, double lift) {
    return new AnalyticsOptions(
        customFields,
        maxCampaignStates,
        maxSegmentValues,
        minSample,
        alpha,
        outcome,
        baseline,
        lift,
        sendsPerDay);
  }

  /**
   * These options with a known send rate: delivered messages a day over all variants (0: estimate).
   */
  public AnalyticsOptions withSendsPerDay(double perDay) {
    return new AnalyticsOptions(
        customFields,
        maxCampaignStates,
        maxSegmentValues,
        minSample,
        alpha,
        outcome,
        baselineRate,
        minimumLift,
        perDay);
  }

  List<String> dimensions() {
    List<String> d =
        new ArrayList<>(
            List.of(
                Segments.ALL,
                Segments.INDUSTRY,
                Segments.COMPANY_SIZE,
                Segments.SENIORITY,
                Segments.COUNTRY));
    customFields.forEach(f -> d.add(Segments.CUSTOM_PREFIX + f));
    return d;
  }
}
