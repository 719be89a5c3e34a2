package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.analytics.AnalyticsOptions;
import com.fourrunr.campaign.analytics.AnalyticsReport;
import com.fourrunr.campaign.analytics.HtmlReport;
import com.fourrunr.campaign.analytics.StoreAnalytics;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The analytics report ({@code /analytics}) inside the console: the library's report ({@link
 * HtmlReport}, whose values it escapes itself) without its inline stylesheet, styled by {@code
 * console.css} instead, so the page keeps the Content-Security-Policy (no inline style or script).
 */
@Controller
class AnalyticsController {
  private static final Pattern BODY = Pattern.compile("(?s)<body[^>]*>(.*)</body>");
  private static final Pattern INLINE =
      Pattern.compile("(?is)<script\\b.*?</script>|<style\\b.*?</style>|\\sstyle=\"[^\"]*\"");

  private final CampaignEngine engine;
  private final boolean tracked;

  AnalyticsController(
      CampaignEngine engine, @Value("${campaign.tracking.base-url:}") String trackingBaseUrl) {
    this.engine = engine;
    this.tracked = !trackingBaseUrl.isBlank();
  }

  @GetMapping("/analytics")
  String analytics(Model model) {
    AnalyticsReport report =
        StoreAnalytics.build(engine.store(), AnalyticsOptions.defaults(), engine.clock());
    model.addAttribute("report", body(HtmlReport.render(report, "Analytics", tracked)));
    return "console/analytics";
  }

  /** The report document's body, without any inline style or script. */
  static String body(String document) {
    Matcher m = BODY.matcher(document);
    String body = m.find() ? m.group(1) : "";
    return INLINE.matcher(body).replaceAll("");
  }
}
