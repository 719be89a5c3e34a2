package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * How analytics are grouped, bounded and judged. Start from {@link #defaults()} and change with the {@code
 * with...} methods.
 *
 * @param customFields custom lead fields to segment by (each becomes dimension {@code custom:<name>})
 * @param maxCampaignStates how many campaigns' per-message state the aggregator keeps (least recently used
 *     first out); it is what makes opens, clicks and replies count once per message. Building from a store
 *     needs one at a time; a live listener needs as many as campaigns still receiving events
 * @param maxSegmentValues distinct values kept per dimension; later new values count as {@link
 *     Segments#OTHER}
 * @param minSample delivered messages each side needs before a comparison or recommendation is made
 * @param alpha the significance level of A/B tests and recommendations (also sets the interval level)
 * @param outcome what winners and recommendations are judged on
 */
public record AnalyticsOptions(
    List<String> customFields, int maxCampaignStates, int maxSegmentValues, long minSample, double alpha,
    Outcome outcome) {

  /** Default {@link #maxCampaignStates()}. */
  public static final int DEFAULT_MAX_CAMPAIGN_STATES = 100_000;
  /** Default {@link #maxSegmentValues()}. */
  public static final int DEFAULT_MAX_SEGMENT_VALUES = 200;
  /** Default {@link #minSample()}. */
  public static final long DEFAULT_MIN_SAMPLE = 100;
  /** Default {@link #alpha()}. */
  public static final double DEFAULT_ALPHA = 0.05;

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
    if (!errors.isEmpty()) {
      throw new InvalidInputException("AnalyticsOptions", errors);
    }
    customFields = List.copyOf(customFields);
  }

  /** No custom fields, the default bounds, minimum sample 100, alpha 0.05, judged on replies. */
  public static AnalyticsOptions defaults() {
    return new AnalyticsOptions(List.of(), DEFAULT_MAX_CAMPAIGN_STATES, DEFAULT_MAX_SEGMENT_VALUES,
        DEFAULT_MIN_SAMPLE, DEFAULT_ALPHA, Outcome.REPLY);
  }

  /** These options segmenting by these custom lead fields too. */
  public AnalyticsOptions withCustomFields(List<String> fields) {
    return new AnalyticsOptions(fields, maxCampaignStates, maxSegmentValues, minSample, alpha, outcome);
  }

  /** These options with another bound on campaign states. */
  public AnalyticsOptions withMaxCampaignStates(int max) {
    return new AnalyticsOptions(customFields, max, maxSegmentValues, minSample, alpha, outcome);
  }

  /** These options with another bound on values per dimension. */
  public AnalyticsOptions withMaxSegmentValues(int max) {
    return new AnalyticsOptions(customFields, maxCampaignStates, max, minSample, alpha, outcome);
  }

  /** These options with another minimum sample. */
  public AnalyticsOptions withMinSample(long min) {
    return new AnalyticsOptions(customFields, maxCampaignStates, maxSegmentValues, min, alpha, outcome);
  }

  /** These options with another significance level. */
  public AnalyticsOptions withAlpha(double a) {
    return new AnalyticsOptions(customFields, maxCampaignStates, maxSegmentValues, minSample, a, outcome);
  }

  /** These options judging on another outcome. */
  public AnalyticsOptions withOutcome(Outcome o) {
    return new AnalyticsOptions(customFields, maxCampaignStates, maxSegmentValues, minSample, alpha, o);
  }

  List<String> dimensions() {
    List<String> d = new ArrayList<>(List.of(Segments.ALL, Segments.INDUSTRY, Segments.COMPANY_SIZE,
        Segments.SENIORITY, Segments.COUNTRY));
    customFields.forEach(f -> d.add(Segments.CUSTOM_PREFIX + f));
    return d;
  }
}
