package com.fourrunr.campaign.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ExportTest {
  private static final AnalyticsReport REPORT =
      new AnalyticsReport(
          Instant.parse("2026-03-02T10:00:00Z"),
          9,
          0,
          List.of(
              new MetricsRow(
                  "seq",
                  "Hook",
                  "B",
                  "EMAIL",
                  "industry",
                  "Food, \"fine\"\n& drink",
                  new Metrics(10, 2, 4, 6, 1, 2, 2, 1, 0, 0))),
          List.of(new FunnelStage("seq", "Hook", 10, 2, 1.0)),
          List.of(
              AbTest.compare(
                  "seq",
                  "Hook",
                  java.util.Map.of("B", new Metrics(10, 2, 4, 6, 1, 2, 2, 1, 0, 0)),
                  AnalyticsOptions.defaults())),
          List.of(),
          List.of(new Recommendation("Do <this>", "because", 200, 0.99)));

  @Test
  void csvHasTheDocumentedColumnsAndQuotesAwkwardValues() throws Exception {
    String csv = CsvExport.toCsv(REPORT);
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))
            .getRecords();
    assertThat(csv).startsWith(String.join(",", CsvExport.COLUMNS) + "\r\n");
    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("segment")).isEqualTo("Food, \"fine\"\n& drink");
              assertThat(r.get("delivered")).isEqualTo("8");
              assertThat(r.get("opened_human")).isEqualTo("4");
              assertThat(r.get("reply_rate")).isEqualTo("0.250000"); // 2 replies / 8 delivered
              assertThat(r.get("bounce_rate")).isEqualTo("0.200000"); // 2 bounced / 10 sent
            });
  }

  @Test
  void jsonEscapesStringsAndNamesEveryMember() {
    String json = JsonExport.toJson(REPORT);
    assertThat(json).startsWith("{\"generated_at\":\"2026-03-02T10:00:00Z\",\"events_read\":9,");
    assertThat(json).contains("\"segment\":\"Food, \\\"fine\\\"\\n& drink\"");
    for (String column : CsvExport.COLUMNS) {
      assertThat(json).contains("\"" + column + "\":");
    }
    assertThat(json)
        .contains("\"winner\":null")
        .contains("\"sample_size\":200")
        .contains("\"stage\":\"Hook\"");
  }

  @Test
  void htmlIsSelfContainedWithItsChartsAndEscapesText() {
    String html = HtmlReport.render(REPORT, "Report <1>");
    assertThat(html)
        .contains(
            "<svg id=\"funnel-chart\"",
            "<svg id=\"step-rates-chart\"",
            "<svg id=\"variants-chart\"",
            "<svg id=\"segments-chart\"",
            "class=\"ci\"");
    assertThat(html)
        .contains("Report &lt;1&gt;")
        .contains("Do &lt;this&gt;")
        .doesNotContain("<this>");
    assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
  }
}
