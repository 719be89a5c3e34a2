package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.HtmlReport;
import com.fourrunr.campaign.analytics.StoreAnalytics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /report}: the analytics report as one self-contained page (its own inline style, no
 * script), as {@code campaign serve} served it; the console's {@code /analytics} shows the same
 * report inside the console.
 */
@RestController
class ReportController {
  /** The report's own inline style only; nothing loads, nothing runs. */
  static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  private final CampaignEngine engine;
  private final boolean tracked;
  private final boolean demoMail;

  ReportController(
      CampaignEngine engine,
      @Value("${campaign.tracking.base-url:}") String trackingBaseUrl,
      @Value("${" + DemoMail.PROPERTY + ":false}") boolean demoMail) {
    this.engine = engine;
    this.tracked = !trackingBaseUrl.isBlank();
    this.demoMail = demoMail;
  }

  @GetMapping("/report")
  ResponseEntity<String> report() {
    AnalyticsReport report =
        StoreAnalytics.build(engine.store(), AnalyticsOptions.defaults(), engine.clock());
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", CSP)
        .body(withDemoNotice(HtmlReport.render(report, "4Runr Campaigns - analytics", tracked)));
  }

  /** Under {@code serve --demo-mail} the report says so at the top of its body. */
  private String withDemoNotice(String html) {
    if (!demoMail) {
      return html;
    }
    return html.replaceFirst("<body>", "<body>\n<p id=\"demo-mail\">" + DemoMail.NOTICE + "</p>");
  }
}
