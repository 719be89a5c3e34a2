package com.fourrunr.campaign.analytics;

import java.util.List;
import java.util.Locale;

/**
 * Writes a whole report as one JSON document (RFC 8259, UTF-8 text). Core has no JSON library, so
 * this is a small writer of its own: it writes strings escaped per RFC 8259 section 7, numbers in
 * plain decimal notation (rates with six decimals), no NaN or infinity. The member names are stable
 * across versions (new members may be added, none renamed or removed):
 *
 * <pre>{@code
 * {"generated_at": "...", "events_read": n, "unattributed": n,
 *  "rows": [{<the CsvExport columns, same names and meaning>}],
 *  "funnel": [{"sequence", "stage", "count", "replies_attributed", "of_first"}],
 *  "experiments": [{"sequence", "step", "outcome", "winner" (or null), "p_value", "confidence", "alpha",
 *                   "verdict", "variants": [{"variant", "delivered", "successes", "rate", "ci_low",
 *                   "ci_high", "sent", "bounced", "bounce_rate", "unsubscribed", "complaints"}],
 *                   "decision", "p_value_method", "always_valid_p_value", "adjusted_p_value", "lift",
 *                   "lift_low", "lift_high", "planned_per_arm", "fixed_horizon_per_arm", "baseline_rate",
 *                   "target_rate", "remaining_per_arm", "days_remaining" (or null), "scope",
 *                   "guardrails": [{"variant", "metric", "rate", "others_rate", "p_value", "tripped"}]}],
 *  "content": [{"sequence", "step", "dimension", "segment", "best", "best_rate", "best_sample", "worst",
 *               "worst_rate", "worst_sample", "p_value", "adjusted_p_value", "differs"}],
 *  "recommendations": [{"text", "evidence", "sample_size", "confidence", "p_value"}]}
 * }</pre>
 */
public final class JsonExport {
  private JsonExport() {}

  /** The report as one JSON text. */
  public static String toJson(AnalyticsReport report) {
    StringBuilder sb = new StringBuilder(256 + report.rows().size() * 400);
    sb.append("{\"generated_at\":");
    str(sb, report.generatedAt().toString());
    sb.append(",\"events_read\":").append(report.eventsRead());
    sb.append(",\"unattributed\":").append(report.unattributed());
    sb.append(",\"rows\":[");
    List<MetricsRow> rows = report.rows();
    for (int i = 0; i < rows.size(); i++) {
      MetricsRow r = rows.get(i);
      Metrics m = r.metrics();
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "sequence", r.sequence(), true);
      field(sb, "step", r.step(), false);
      field(sb, "variant", r.variant(), false);
      field(sb, "channel", r.channel(), false);
      field(sb, "dimension", r.dimension(), false);
      field(sb, "segment", r.segment(), false);
      num(sb, "sent", m.sent());
      num(sb, "delivered", m.delivered());
      num(sb, "bounced", m.bounced());
      num(sb, "opened_human", m.openedHuman());
      num(sb, "opened_raw", m.openedRaw());
      num(sb, "clicked_human", m.clickedHuman());
      num(sb, "clicked_raw", m.clickedRaw());
      num(sb, "replied", m.replied());
      num(sb, "positive_replies", m.positiveReplies());
      num(sb, "unsubscribed", m.unsubscribed());
      num(sb, "complaints", m.complaints());
      dec(sb, "delivery_rate", m.deliveryRate());
      dec(sb, "bounce_rate", m.bounceRate());
      dec(sb, "open_rate_human", m.openRateHuman());
      dec(sb, "open_rate_raw", m.openRateRaw());
      dec(sb, "click_rate_human", m.clickRateHuman());
      dec(sb, "click_rate_raw", m.clickRateRaw());
      dec(sb, "reply_rate", m.replyRate());
      dec(sb, "positive_reply_rate", m.positiveReplyRate());
      dec(sb, "unsubscribe_rate", m.unsubscribeRate());
      dec(sb, "complaint_rate", m.complaintRate());
      sb.append('}');
    }
    sb.append("],\"funnel\":[");
    for (int i = 0; i < report.funnel().size(); i++) {
      FunnelStage f = report.funnel().get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "sequence", f.sequence(), true);
      field(sb, "stage", f.stage(), false);
      num(sb, "count", f.count());
      num(sb, "replies_attributed", f.repliesAttributed());
      dec(sb, "of_first", f.ofFirst());
      sb.append('}');
    }
    sb.append("],\"experiments\":[");
    for (int i = 0; i < report.experiments().size(); i++) {
      VariantComparison v = report.experiments().get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "sequence", v.sequence(), true);
      field(sb, "step", v.step(), false);
      field(sb, "outcome", v.outcome().name(), false);
      sb.append(",\"winner\":");
      if (v.winner() == null) {
        sb.append("null");
      } else {
        str(sb, v.winner());
      }
      dec(sb, "p_value", v.pValue());
      dec(sb, "confidence", v.confidence());
      dec(sb, "alpha", v.alpha());
      field(sb, "verdict", v.verdict(), false);
      sb.append(",\"variants\":[");
      for (int j = 0; j < v.variants().size(); j++) {
        VariantStats s = v.variants().get(j);
        sb.append(j == 0 ? "{" : ",{");
        field(sb, "variant", s.variant(), true);
        num(sb, "delivered", s.delivered());
        num(sb, "successes", s.successes());
        dec(sb, "rate", s.rate());
        dec(sb, "ci_low", s.low());
        dec(sb, "ci_high", s.high());
        num(sb, "sent", s.sent());
        num(sb, "bounced", s.bounced());
        dec(sb, "bounce_rate", s.bounceRate());
        num(sb, "unsubscribed", s.unsubscribed());
        num(sb, "complaints", s.complaints());
        sb.append('}');
      }
      sb.append(']');
      field(sb, "decision", v.decision().name(), false);
      field(sb, "p_value_method", v.pValueMethod(), false);
      dec(sb, "always_valid_p_value", v.alwaysValidPValue());
      dec(sb, "adjusted_p_value", v.adjustedPValue());
      dec(sb, "lift", v.lift());
      dec(sb, "lift_low", v.liftLow());
      dec(sb, "lift_high", v.liftHigh());
      num(sb, "planned_per_arm", v.plan().perArm());
      num(sb, "fixed_horizon_per_arm", v.plan().fixedHorizonPerArm());
      dec(sb, "baseline_rate", v.plan().baselineRate());
      dec(sb, "target_rate", v.plan().targetRate());
      num(sb, "remaining_per_arm", v.remainingPerArm());
      if (Double.isFinite(v.daysRemaining())) {
        dec(sb, "days_remaining", v.daysRemaining());
      } else {
        sb.append(",\"days_remaining\":null");
      }
      field(sb, "scope", v.scope(), false);
      sb.append(",\"guardrails\":[");
      for (int j = 0; j < v.guardrails().size(); j++) {
        Guardrail g = v.guardrails().get(j);
        sb.append(j == 0 ? "{" : ",{");
        field(sb, "variant", g.variant(), true);
        field(sb, "metric", g.metric(), false);
        dec(sb, "rate", g.rate());
        dec(sb, "others_rate", g.othersRate());
        dec(sb, "p_value", g.pValue());
        sb.append(",\"tripped\":").append(g.tripped());
        sb.append('}');
      }
      sb.append("]}");
    }
    sb.append("],\"content\":[");
    for (int i = 0; i < report.content().size(); i++) {
      ContentPerformance c = report.content().get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "sequence", c.sequence(), true);
      field(sb, "step", c.step(), false);
      field(sb, "dimension", c.dimension(), false);
      field(sb, "segment", c.segment(), false);
      field(sb, "best", c.best(), false);
      dec(sb, "best_rate", c.bestRate());
      num(sb, "best_sample", c.bestSample());
      field(sb, "worst", c.worst(), false);
      dec(sb, "worst_rate", c.worstRate());
      num(sb, "worst_sample", c.worstSample());
      dec(sb, "p_value", c.pValue());
      dec(sb, "adjusted_p_value", c.adjustedPValue());
      sb.append(",\"differs\":").append(c.differs());
      sb.append('}');
    }
    sb.append("],\"recommendations\":[");
    for (int i = 0; i < report.recommendations().size(); i++) {
      Recommendation r = report.recommendations().get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "text", r.text(), true);
      field(sb, "evidence", r.evidence(), false);
      num(sb, "sample_size", r.sampleSize());
      dec(sb, "confidence", r.confidence());
      dec(sb, "p_value", r.pValue());
      sb.append('}');
    }
    return sb.append("]}").toString();
  }

  private static void field(StringBuilder sb, String name, String value, boolean first) {
    if (!first) {
      sb.append(',');
    }
    str(sb, name);
    sb.append(':');
    str(sb, value);
  }

  private static void num(StringBuilder sb, String name, long value) {
    sb.append(",\"").append(name).append("\":").append(value);
  }

  private static void dec(StringBuilder sb, String name, double value) {
    double v = Double.isFinite(value) ? value : 0;
    sb.append(",\"").append(name).append("\":").append(String.format(Locale.ROOT, "%.6f", v));
  }

  /**
   * Appends a JSON string: quotes, backslash and control characters escaped (RFC 8259 section 7).
   */
  static void str(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
