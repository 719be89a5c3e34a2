package com.fourrunr.campaign.analytics;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of campaign analytics. Export it with {@link CsvExport}, {@link JsonExport}
 * or {@link HtmlReport}.
 *
 * @param generatedAt when the snapshot was taken (by the clock given to the aggregator)
 * @param eventsRead how many events the aggregator has read
 * @param unattributed open, click and reply events that could not be tied to a sent message (their
 *     campaign's state was evicted or never seen); they count nowhere
 * @param rows the metrics per sequence, step, variant, channel and segment
 * @param funnel each sequence's funnel, in stage order
 * @param experiments the A/B comparison of each step with variants
 * @param content the best and worst variant per step and segment
 * @param recommendations advice with evidence, none below the minimum sample
 */
public record AnalyticsReport(
    Instant generatedAt,
    long eventsRead,
    long unattributed,
    List<MetricsRow> rows,
    List<FunnelStage> funnel,
    List<VariantComparison> experiments,
    List<ContentPerformance> content,
    List<Recommendation> recommendations) {

  /** Freezes the lists. */
  public AnalyticsReport {
    rows = List.copyOf(rows);
    funnel = List.copyOf(funnel);
    experiments = List.copyOf(experiments);
    content = List.copyOf(content);
    recommendations = List.copyOf(recommendations);
  }

  /** The rows of one dimension ({@link Segments#ALL} for the totals). */
  public List<MetricsRow> rows(String dimension) {
    return rows.stream().filter(r -> r.dimension().equals(dimension)).toList();
  }

  /**
   * The sum of the rows of {@link Segments#ALL} matching a step (null: any) and variant (null:
   * any).
   */
  public Metrics total(
      @org.jspecify.annotations.Nullable String step,
      @org.jspecify.annotations.Nullable String variant) {
    Metrics m = Metrics.EMPTY;
    for (MetricsRow r : rows(Segments.ALL)) {
      if ((step == null || r.step().equals(step))
          && (variant == null || r.variant().equals(variant))) {
        m = m.plus(r.metrics());
      }
    }
    return m;
  }
}
