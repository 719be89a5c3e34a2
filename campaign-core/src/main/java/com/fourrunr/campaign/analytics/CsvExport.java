package com.fourrunr.campaign.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a report's metric rows as CSV (RFC 4180, a header line, CRLF line ends). The columns are
 * {@link #COLUMNS}, stable across versions: new columns may be added at the end, none is renamed or
 * removed. Rates are fractions between 0 and 1 with six decimals; their denominators are in {@link
 * Metrics}.
 */
public final class CsvExport {
  /** The header, in order. */
  public static final List<String> COLUMNS =
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
          "opened_human",
          "opened_raw",
          "clicked_human",
          "clicked_raw",
          "replied",
          "positive_replies",
          "unsubscribed",
          "complaints",
          "delivery_rate",
          "bounce_rate",
          "open_rate_human",
          "open_rate_raw",
          "click_rate_human",
          "click_rate_raw",
          "reply_rate",
          "positive_reply_rate",
          "unsubscribe_rate",
          "complaint_rate");

  private CsvExport() {}

  /** Writes every row of the report to {@code out} (not closed). */
  public static void write(AnalyticsReport report, Appendable out) {
    try {
      CSVPrinter csv =
          CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get().print(out);
      for (MetricsRow r : report.rows()) {
        Metrics m = r.metrics();
        csv.printRecord(
            r.sequence(),
            r.step(),
            r.variant(),
            r.channel(),
            r.dimension(),
            r.segment(),
            m.sent(),
            m.delivered(),
            m.bounced(),
            m.openedHuman(),
            m.openedRaw(),
            m.clickedHuman(),
            m.clickedRaw(),
            m.replied(),
            m.positiveReplies(),
            m.unsubscribed(),
            m.complaints(),
            rate(m.deliveryRate()),
            rate(m.bounceRate()),
            rate(m.openRateHuman()),
            rate(m.openRateRaw()),
            rate(m.clickRateHuman()),
            rate(m.clickRateRaw()),
            rate(m.replyRate()),
            rate(m.positiveReplyRate()),
            rate(m.unsubscribeRate()),
            rate(m.complaintRate()));
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report's rows as one CSV text. */
  public static String toCsv(AnalyticsReport report) {
    StringBuilder sb = new StringBuilder();
    write(report, sb);
    return sb.toString();
  }

  static String rate(double r) {
    return String.format(Locale.ROOT, "%.6f", r);
  }
}
