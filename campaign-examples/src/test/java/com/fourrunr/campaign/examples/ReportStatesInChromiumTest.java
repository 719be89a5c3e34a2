package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.HtmlReport;
import com.fourrunr.campaign.analytics.StoreAnalytics;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21, the report: with nothing sent it says "no data yet", in headless Chromium. */
class ReportStatesInChromiumTest {
  @TempDir Path dir;

  @Test
  void aReportWithNothingSentSaysNoDataYetInsteadOfEmptyChartsAndTables() throws Exception {
    AnalyticsReport empty =
        StoreAnalytics.build(
            new InMemoryCampaignStore(),
            AnalyticsOptions.defaults(),
            Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC));
    Path html = dir.resolve("empty.html");
    Files.writeString(html, HtmlReport.render(empty, "empty", false), StandardCharsets.UTF_8);

    String dom = HeadlessChromium.dumpDom(html);

    assertThat(dom).contains("id=\"no-data\"", "No data yet", "not tracked");
    assertThat(dom).doesNotContain("<svg", "id=\"funnel-chart\"", "<table id=\"metrics\"", "0.0%");
  }
}
