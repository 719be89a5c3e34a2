package com.fourrunr.campaign.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a report as one self-contained HTML file: inline CSS and inline SVG charts drawn here, no
 * script, no external asset, so it opens offline in any browser. Charts (SVG element ids): {@code
 * funnel-chart} (one {@code rect.bar} per stage of the first sequence), {@code step-rates-chart}
 * (human open, human click and reply rate per step), {@code variants-chart} (reply rate per variant
 * with its confidence interval as a {@code line.ci}), {@code segments-chart} (reply rate per
 * industry segment); tables give every figure.
 */
public final class HtmlReport {
  private static final int W = 780;

  private HtmlReport() {}

  /** The report as an HTML document, with open and click tracking on. */
  public static String render(AnalyticsReport report, String title) {
    return render(report, title, true);
  }

  /**
   * The report as an HTML document.
   *
   * @param report the report
   * @param title the page's title
   * @param tracked whether opens and clicks were tracked; when not, they read "not tracked" instead
   *     of a zero rate
   * @return the HTML document
   */
  public static String render(AnalyticsReport report, String title, boolean tracked) {
    ReportStates states = new ReportStates(report, tracked);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}")
        .append(
            "h2{font-size:1.15em;margin-top:1.6em}table{border-collapse:collapse;font-size:.85em}")
        .append(
            "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.t,th.t{text-align:left}")
        .append(
            "svg{background:#fafafa;border:1px solid #ddd}.bar{fill:#3b6ea5}.bar2{fill:#8fb3d9}")
        .append(".bar3{fill:#e08a2e}.ci{stroke:#222;stroke-width:2}text{font-size:11px;fill:#222}")
        .append("</style></head><body>\n<h1>")
        .append(esc(title))
        .append("</h1>\n<p>Generated ")
        .append(esc(report.generatedAt().toString()))
        .append(" from ")
        .append(report.eventsRead())
        .append(
            " events. Opens and clicks: human figures exclude machine traffic (privacy prefetch, link"
                + " scanners); raw figures include it. "
                + ReportStates.DENOMINATOR
                + "</p>\n");
    if (!tracked) {
      h.append(ReportStates.NOT_TRACKED_NOTE);
    }
    if (states.empty()) {
      h.append(ReportStates.NO_DATA);
      return h.append("</body></html>\n").toString();
    }
    funnel(h, report);
    stepRates(h, report, states);
    variants(h, report);
    segments(h, report);
    recommendations(h, report);
    table(h, report, states);
    return h.append("</body></html>\n").toString();
  }

  private static void funnel(StringBuilder h, AnalyticsReport report) {
    h.append("<h2>Funnel</h2>\n");
    List<FunnelStage> stages = new ArrayList<>();
    String seq = report.funnel().isEmpty() ? "" : report.funnel().get(0).sequence();
    for (FunnelStage f : report.funnel()) {
      if (f.sequence().equals(seq)) {
        stages.add(f);
      }
    }
    long max = Math.max(1, stages.stream().mapToLong(FunnelStage::count).max().orElse(1));
    int height = 30 + stages.size() * 28;
    h.append("<svg id=\"funnel-chart\" role=\"img\" aria-label=\"Funnel of ")
        .append(esc(seq))
        .append("\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(height)
        .append("\">");
    int y = 20;
    for (FunnelStage f : stages) {
      double w = 400.0 * f.count() / max;
      h.append("<text x=\"8\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(esc(f.stage()))
          .append("</text>")
          .append("<rect class=\"bar\" x=\"110\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"20\"><title>")
          .append(esc(f.stage()))
          .append(": ")
          .append(f.count())
          .append("</title></rect><text x=\"")
          .append(fmt(115 + w))
          .append("\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(f.count())
          .append(" (")
          .append(AbTest.pct(f.ofFirst()))
          .append(")</text>");
      y += 28;
    }
    h.append(
        "</svg>\n<table><tr><th class=\"t\">sequence</th><th class=\"t\">stage</th><th>count</th>"
            + "<th>replies attributed (last row: positive replies)</th><th>of first</th></tr>");
    for (FunnelStage f : report.funnel()) {
      h.append("<tr><td class=\"t\">")
          .append(esc(f.sequence()))
          .append("</td><td class=\"t\">")
          .append(esc(ReportStates.stageLabel(f.stage())))
          .append("</td><td>")
          .append(f.count())
          .append("</td><td>")
          .append(ReportStates.attributed(f))
          .append("</td><td>")
          .append(AbTest.pct(f.ofFirst()))
          .append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void stepRates(StringBuilder h, AnalyticsReport report, ReportStates states) {
    h.append("<h2>Rates per step</h2>\n");
    Map<String, Metrics> steps = new LinkedHashMap<>();
    for (FunnelStage f : report.funnel()) {
      if (!f.stage().equals(FunnelStage.RESPONSE)) {
        steps.putIfAbsent(f.stage(), report.total(f.stage(), null));
      }
    }
    double max = 0.05;
    for (Metrics m : steps.values()) {
      max = Math.max(max, Math.max(m.openRateHuman(), Math.max(m.clickRateHuman(), m.replyRate())));
    }
    int height = 60 + steps.size() * 70;
    h.append("<svg id=\"step-rates-chart\" role=\"img\" aria-label=\"Rates per step\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(height)
        .append("\">")
        .append(
            "<rect class=\"legend bar\" x=\"110\" y=\"6\" width=\"10\" height=\"10\"/><text x=\"124\" y=\"15\">"
                + "open (human)</text><rect class=\"legend bar2\" x=\"230\" y=\"6\" width=\"10\" height=\"10\"/>"
                + "<text x=\"244\" y=\"15\">click (human)</text><rect class=\"legend bar3\" x=\"350\" y=\"6\" width=\"10\""
                + " height=\"10\"/><text x=\"364\" y=\"15\">reply</text>");
    int y = 30;
    for (Map.Entry<String, Metrics> e : steps.entrySet()) {
      Metrics m = e.getValue();
      h.append("<text x=\"8\" y=\"")
          .append(y + 30)
          .append("\">")
          .append(esc(e.getKey()))
          .append("</text>");
      double[] rates = {m.openRateHuman(), m.clickRateHuman(), m.replyRate()};
      String[] cls = {"bar", "bar2", "bar3"};
      for (int i = 0; i < 3; i++) {
        double w = states.tracked(i) ? 400 * rates[i] / max : 0;
        h.append("<rect class=\"")
            .append(cls[i])
            .append("\" x=\"110\" y=\"")
            .append(y + i * 20)
            .append("\" width=\"")
            .append(fmt(w))
            .append("\" height=\"16\"/><text x=\"")
            .append(fmt(115 + w))
            .append("\" y=\"")
            .append(y + i * 20 + 12)
            .append("\">")
            .append(states.rate(i, rates[i]))
            .append("</text>");
      }
      y += 70;
    }
    h.append("</svg>\n");
  }

  private static void variants(StringBuilder h, AnalyticsReport report) {
    h.append("<h2>A/B variants</h2>\n");
    List<String[]> labels = new ArrayList<>();
    List<VariantStats> stats = new ArrayList<>();
    for (VariantComparison v : report.experiments()) {
      for (VariantStats s : v.variants()) {
        labels.add(new String[] {v.step() + " " + s.variant()});
        stats.add(s);
      }
    }
    double max = 0.05;
    for (VariantStats s : stats) {
      max = Math.max(max, s.high());
    }
    int height = 30 + Math.max(1, stats.size()) * 28;
    h.append(
            "<svg id=\"variants-chart\" role=\"img\" aria-label=\"Reply rate per variant with confidence"
                + " intervals\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(height)
        .append("\">");
    int y = 20;
    for (int i = 0; i < stats.size(); i++) {
      VariantStats s = stats.get(i);
      double w = 400 * s.rate() / max;
      h.append("<text x=\"8\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(esc(labels.get(i)[0]))
          .append("</text>")
          .append("<rect class=\"bar\" x=\"110\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"20\"/><line class=\"ci\" x1=\"")
          .append(fmt(110 + 400 * s.low() / max))
          .append("\" x2=\"")
          .append(fmt(110 + 400 * s.high() / max))
          .append("\" y1=\"")
          .append(y + 10)
          .append("\" y2=\"")
          .append(y + 10)
          .append("\"/><text x=\"")
          .append(fmt(118 + 400 * s.high() / max))
          .append("\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(AbTest.pct(s.rate()))
          .append(" [")
          .append(AbTest.pct(s.low()))
          .append(", ")
          .append(AbTest.pct(s.high()))
          .append("] n=")
          .append(s.delivered())
          .append("</text>");
      y += 28;
    }
    if (stats.isEmpty()) {
      h.append("<text x=\"8\" y=\"35\">No step has variants.</text>");
    }
    h.append(
        "</svg>\n<p>Bars: each variant's rate with its 95% Wilson interval (that variant alone). A winner"
            + " is declared only by the always-valid test, which stays right however often this report is read;"
            + " see docs/analytics.md.</p>\n<ul id=\"experiments\">");
    for (VariantComparison v : report.experiments()) {
      h.append("<li data-decision=\"")
          .append(v.decision().name())
          .append("\">")
          .append(esc(v.sequence()))
          .append(": ")
          .append(esc(v.verdict()))
          .append("</li>");
    }
    h.append("</ul>\n");
    guardrails(h, report);
    if (report.content().isEmpty()) {
      h.append(ReportStates.NO_CONTENT);
    } else {
      h.append(
          "<table id=\"content\"><tr><th class=\"t\">step</th><th class=\"t\">segment</th>"
              + "<th class=\"t\">highest rate</th><th>rate</th><th>n</th><th class=\"t\">lowest rate</th><th>rate</th>"
              + "<th>n</th><th class=\"t\">difference</th></tr>");
      for (ContentPerformance c : report.content()) {
        h.append("<tr><td class=\"t\">")
            .append(esc(c.step()))
            .append("</td><td class=\"t\">")
            .append(esc(c.dimension() + " = " + c.segment()))
            .append("</td><td class=\"t\">")
            .append(esc(c.best()))
            .append("</td><td>")
            .append(AbTest.pct(c.bestRate()))
            .append("</td><td>")
            .append(c.bestSample())
            .append("</td><td class=\"t\">")
            .append(esc(c.worst()))
            .append("</td><td>")
            .append(AbTest.pct(c.worstRate()))
            .append("</td><td>")
            .append(c.worstSample())
            .append("</td><td class=\"t\">")
            .append(
                c.differs()
                    ? "shown (always-valid p " + AbTest.p(c.adjustedPValue()) + " after Holm)"
                    : "not shown: may be chance (always-valid p "
                        + AbTest.p(c.adjustedPValue())
                        + " after Holm)")
            .append("</td></tr>");
      }
      h.append("</table>\n");
    }
  }

  /**
   * Per variant: bounces over sent, unsubscribes and complaints over delivered, and whether a
   * guardrail tripped.
   */
  private static void guardrails(StringBuilder h, AnalyticsReport report) {
    if (report.experiments().isEmpty()) {
      return;
    }
    h.append(
        "<table id=\"guardrails\"><tr><th class=\"t\">step</th><th class=\"t\">variant</th><th>sent</th>"
            + "<th>bounced</th><th>bounce rate</th><th>unsubscribed</th><th>complaints</th><th class=\"t\">guardrail</th>"
            + "</tr>");
    for (VariantComparison v : report.experiments()) {
      for (VariantStats s : v.variants()) {
        boolean tripped =
            v.guardrails().stream().anyMatch(g -> g.tripped() && g.variant().equals(s.variant()));
        h.append("<tr><td class=\"t\">")
            .append(esc(v.step()))
            .append("</td><td class=\"t\">")
            .append(esc(s.variant()))
            .append("</td><td>")
            .append(s.sent())
            .append("</td><td>")
            .append(s.bounced())
            .append("</td><td>")
            .append(AbTest.pct(s.bounceRate()))
            .append("</td><td>")
            .append(s.unsubscribed())
            .append("</td><td>")
            .append(s.complaints())
            .append("</td><td class=\"t\">")
            .append(tripped ? "STOP: worse than the others" : "ok")
            .append("</td></tr>");
      }
    }
    h.append("</table>\n");
  }

  private static void segments(StringBuilder h, AnalyticsReport report) {
    h.append("<h2>Segments (industry)</h2>\n");
    Map<String, Metrics> bySegment = new LinkedHashMap<>();
    for (MetricsRow r : report.rows(Segments.INDUSTRY)) {
      bySegment.merge(r.segment(), r.metrics(), Metrics::plus);
    }
    double max = 0.05;
    for (Metrics m : bySegment.values()) {
      max = Math.max(max, m.replyRate());
    }
    int height = 30 + Math.max(1, bySegment.size()) * 28;
    h.append(
            "<svg id=\"segments-chart\" role=\"img\" aria-label=\"Reply rate per industry\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(height)
        .append("\">");
    int y = 20;
    for (Map.Entry<String, Metrics> e : bySegment.entrySet()) {
      Metrics m = e.getValue();
      double w = 400 * m.replyRate() / max;
      h.append("<text x=\"8\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(esc(cut(e.getKey())))
          .append("</text>")
          .append("<rect class=\"bar\" x=\"150\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"20\"/><text x=\"")
          .append(fmt(155 + w))
          .append("\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(AbTest.pct(m.replyRate()))
          .append(" n=")
          .append(m.delivered())
          .append("</text>");
      y += 28;
    }
    h.append("</svg>\n");
  }

  private static void recommendations(StringBuilder h, AnalyticsReport report) {
    h.append("<h2>Recommendations</h2>\n<ul id=\"recommendations\">");
    if (report.recommendations().isEmpty()) {
      h.append(
          "<li>None yet: no difference is shown by the always-valid test at the minimum sample.</li>");
    }
    for (Recommendation r : report.recommendations()) {
      h.append("<li><b>")
          .append(esc(r.text()))
          .append("</b> ")
          .append(esc(r.evidence()))
          .append(" (n=")
          .append(r.sampleSize())
          .append(")</li>");
    }
    h.append("</ul>\n");
  }

  private static void table(StringBuilder h, AnalyticsReport report, ReportStates states) {
    h.append("<h2>All figures</h2>\n<table id=\"metrics\"><tr>");
    List<String> cols =
        List.of(
            "sequence",
            "step",
            "variant",
            "channel",
            "dimension",
            "segment",
            "sent",
            "delivered",
            "bounced",
            "opened human/raw",
            "clicked human/raw",
            "replied",
            "positive",
            "unsub",
            "complaints",
            "reply rate");
    for (String c : cols) {
      h.append("<th>").append(c).append("</th>");
    }
    h.append("</tr>");
    for (MetricsRow r : report.rows()) {
      Metrics m = r.metrics();
      h.append("<tr>");
      for (String t :
          new String[] {
            r.sequence(), r.step(), r.variant(), r.channel(), r.dimension(), r.segment()
          }) {
        h.append("<td class=\"t\">").append(esc(t)).append("</td>");
      }
      for (String t :
          new String[] {
            "" + m.sent(),
            "" + m.delivered(),
            "" + m.bounced(),
            states.count(0, m.openedHuman() + "/" + m.openedRaw()),
            states.count(1, m.clickedHuman() + "/" + m.clickedRaw()),
            "" + m.replied(),
            "" + m.positiveReplies(),
            "" + m.unsubscribed(),
            "" + m.complaints(),
            AbTest.pct(m.replyRate())
          }) {
        h.append("<td>").append(t).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>\n");
  }

  private static String cut(String s) {
    return s.length() > 22 ? s.substring(0, 21) + "\u2026" : s;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
