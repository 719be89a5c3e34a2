package com.fourrunr.campaign.analytics;

/**
 * What the HTML report says instead of a misleading figure: "not tracked" for opens and clicks when
 * tracking is off (not 0.0%), "no data yet" when nothing was sent (not empty charts and header-only
 * tables), an empty content ranking named as such, and the funnel's last row named for what it
 * counts.
 */
final class ReportStates {
  /** The one denominator of every rate in the report, named. */
  static final String DENOMINATOR =
      "Reply rate = replies / delivered messages (sent minus bounced); open and click rates use the"
          + " same denominator.";

  static final String NOT_TRACKED_NOTE =
      "<p id=\"not-tracked\">Opens and clicks: <strong>not tracked</strong> (tracking is off), so no"
          + " open or click rate is shown.</p>\n";

  static final String NO_DATA =
      "<p id=\"no-data\"><strong>No data yet:</strong> nothing has been sent. The funnel, the rates"
          + " per step, the A/B variants, the segments and the content ranking appear here once"
          + " messages go out.</p>\n";

  static final String NO_CONTENT =
      "<h2>Content ranking</h2>\n<p id=\"content-empty\">Content ranking: no data yet (a step needs"
          + " two or more variants with enough delivered messages in a segment).</p>\n";

  static final String NOT_TRACKED = "not tracked";

  private final AnalyticsReport report;
  private final boolean tracked;

  ReportStates(AnalyticsReport report, boolean tracked) {
    this.report = report;
    this.tracked = tracked;
  }

  /**
   * Whether there is nothing to draw: nothing sent in total or in any row of a segment, no funnel
   * stage that counts a lead and no experiment compared.
   */
  boolean empty() {
    return report.total(null, null).sent() == 0
        && report.rows().stream().allMatch(r -> r.metrics().sent() == 0)
        && report.funnel().stream().allMatch(f -> f.count() == 0)
        && report.experiments().isEmpty();
  }

  /** Whether the rate at this index (0 open, 1 click, 2 reply) was measured. */
  boolean tracked(int index) {
    return tracked || index == 2;
  }

  /** The rate as a percentage, or "not tracked". */
  String rate(int index, double rate) {
    return tracked(index) ? AbTest.pct(rate) : NOT_TRACKED;
  }

  /** A count, or "not tracked". */
  String count(int index, String count) {
    return tracked(index) ? count : NOT_TRACKED;
  }

  /** The funnel stage's label: the last stage says what it counts. */
  static String stageLabel(String stage) {
    return stage.equals(FunnelStage.RESPONSE) ? "RESPONSE (leads who replied)" : stage;
  }

  /** The funnel row's reply cell: for the last stage, the positive replies, so named. */
  static String attributed(FunnelStage f) {
    return f.stage().equals(FunnelStage.RESPONSE)
        ? f.repliesAttributed() + " positive"
        : String.valueOf(f.repliesAttributed());
  }
}
