package com.fourrunr.campaign.service;

import static com.fourrunr.campaign.service.HttpExchanges.escape;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.ops.HealthStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The status page: health, the queue, a page of campaigns, dead letters with a replay button. */
final class StatusPage {
  static final int PAGE = 50;

  private final CampaignService service;

  StatusPage(CampaignService service) {
    this.service = service;
  }

  /**
   * The warning every page shows while mail goes to the in-process test server ({@code serve
   * --demo-mail}): nothing is delivered. Empty otherwise.
   */
  static String demoMailBanner(CampaignService service) {
    if (service.mailServer() == null) {
      return "";
    }
    return "<p class=\"notice\" id=\"demo-mail\" style=\"background:#fff8c5;padding:.5rem 1rem;"
        + "border:1px solid #d4a72c\"><strong>Demo mail:</strong> every message goes to the"
        + " in-process test SMTP server and is never delivered to anyone ("
        + escape(service.mailDescription())
        + ").</p>";
  }

  /** The page with {@link #demoMailBanner} inserted after its {@code <body>} tag. */
  static String withDemoMailBanner(String page, CampaignService service) {
    String banner = demoMailBanner(service);
    int body = page.indexOf("<body");
    int end = body < 0 ? -1 : page.indexOf('>', body);
    if (banner.isEmpty() || end < 0) {
      return page;
    }
    return page.substring(0, end + 1) + banner + page.substring(end + 1);
  }

  String render(@Nullable String after, @Nullable String notice) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>4Runr Campaigns - status</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:72rem}")
        .append("h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}")
        .append("table{border-collapse:collapse;width:100%;font-size:.9rem}")
        .append("th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #d8dee4}")
        .append(
            "th{background:#f6f8fa}.up{color:#1a7f37}.down{color:#cf222e}.notice{background:#fff8c5;")
        .append("padding:.5rem 1rem;border:1px solid #d4a72c}.muted{color:#57606a}")
        .append("</style></head><body>");
    html.append("<h1>4Runr Campaigns</h1>");
    html.append(demoMailBanner(service));
    if (notice != null && !notice.isBlank()) {
      html.append("<p class=\"notice\" id=\"notice\">").append(escape(notice)).append("</p>");
    }
    HealthReport health = service.health().check();
    boolean up = health.status() == HealthStatus.UP;
    html.append("<p>Health: <strong id=\"health\" class=\"")
        .append(up ? "up\">UP" : "down\">DOWN")
        .append("</strong> <span class=\"muted\">(checked ")
        .append(escape(health.checkedAt()))
        .append("; <a href=\"/health\">/health</a>, <a href=\"/metrics\">/metrics</a>,")
        .append(" <a id=\"report-link\" href=\"/report\">analytics report</a>)</span></p>");
    for (var entry : health.components().entrySet()) {
      ComponentHealth c = entry.getValue();
      if (c.status() != HealthStatus.UP) {
        html.append("<p class=\"down\">")
            .append(escape(entry.getKey()))
            .append(": ")
            .append(escape(c.detail()))
            .append("</p>");
      }
    }
    html.append("<p class=\"muted\">Store: ")
        .append(escape(service.storeDescription()))
        .append(". Mail: ")
        .append(escape(service.mailDescription()))
        .append(". Generator: ")
        .append(escape(service.generatorDescription()))
        .append(".</p>");

    QueueStatus queue = service.engine().queueStatus();
    QueueCounts c = queue.counts();
    html.append(
            "<h2>Queue</h2><table id=\"queue\"><thead><tr><th>scheduled</th><th>due</th><th>in flight</th>")
        .append(
            "<th>retrying</th><th>dead-lettered</th><th>sent</th><th>oldest due</th></tr></thead><tbody><tr>")
        .append(td(c.scheduled()))
        .append(td(c.due()))
        .append(td(c.inFlight()))
        .append(td(c.retrying()))
        .append(td(c.deadLettered()))
        .append(td(c.sent()))
        .append(
            td(queue.oldestDueAge() == null ? "-" : queue.oldestDueAge().toSeconds() + " s ago"))
        .append("</tr></tbody></table>");
    if (!queue.mailboxes().isEmpty()) {
      html.append(
              "<table id=\"mailboxes\"><thead><tr><th>mailbox</th><th>sent last day</th><th>day cap</th>")
          .append("<th>sent last hour</th><th>hour cap</th></tr></thead><tbody>");
      for (QueueStatus.MailboxUsage m : queue.mailboxes()) {
        html.append("<tr>")
            .append(td(m.mailbox()))
            .append(td(m.sentLastDay()))
            .append(td(m.perDayCap() == 0 ? "none" : m.perDayCap()))
            .append(td(m.sentLastHour()))
            .append(td(m.perHourCap() == 0 ? "none" : m.perHourCap()))
            .append("</tr>");
      }
      html.append("</tbody></table>");
    }

    List<Campaign> campaigns = service.store().listCampaigns(after, PAGE);
    html.append(
            "<h2>Campaigns</h2><table id=\"campaigns\"><thead><tr><th>campaign</th><th>lead</th>")
        .append("<th>status</th><th>reason</th><th>updated</th></tr></thead><tbody>");
    if (campaigns.isEmpty()) {
      html.append("<tr><td colspan=\"5\" class=\"muted\">no campaigns")
          .append(after == null ? "" : " after this")
          .append(" (enrol leads with POST /api/leads or ./campaign serve --leads FILE)</td></tr>");
    }
    for (Campaign campaign : campaigns) {
      html.append("<tr class=\"campaign\">")
          .append(td(campaign.id()))
          .append(td(campaign.leadId()))
          .append(td(campaign.status()))
          .append(td(campaign.statusReason()))
          .append(td(campaign.updatedAt()))
          .append("</tr>");
    }
    html.append("</tbody></table>");
    if (campaigns.size() == PAGE) {
      html.append("<p><a id=\"next\" href=\"/?after=")
          .append(
              escape(
                  java.net.URLEncoder.encode(
                      campaigns.get(PAGE - 1).id(), java.nio.charset.StandardCharsets.UTF_8)))
          .append("\">next page</a></p>");
    }

    List<CampaignMessage> dead = service.engine().deadLetters(null, PAGE);
    html.append(
            "<h2>Dead letters</h2><table id=\"dead-letters\"><thead><tr><th>message</th><th>campaign</th>")
        .append("<th>step</th><th>attempts</th><th>reason</th><th></th></tr></thead><tbody>");
    if (dead.isEmpty()) {
      html.append("<tr><td colspan=\"6\" class=\"muted\">none</td></tr>");
    }
    for (CampaignMessage m : dead) {
      html.append("<tr>")
          .append(td(m.messageId()))
          .append(td(m.campaignId()))
          .append(td(m.type()))
          .append(td(m.attempts()))
          .append(td(m.lastError()))
          .append("<td><form method=\"post\" action=\"/dead-letters/replay\">")
          .append("<input type=\"hidden\" name=\"messageId\" value=\"")
          .append(escape(m.messageId()))
          .append("\"><button type=\"submit\">Replay</button></form></td></tr>");
    }
    html.append("</tbody></table>");

    List<CampaignMessage> uncertain = service.engine().uncertainMessages(null, PAGE);
    html.append(
            "<h2>Uncertain sends</h2><table id=\"uncertain\"><thead><tr><th>message</th><th>campaign</th>")
        .append("<th>step</th><th>since</th></tr></thead><tbody>");
    if (uncertain.isEmpty()) {
      html.append("<tr><td colspan=\"4\" class=\"muted\">none</td></tr>");
    }
    for (CampaignMessage m : uncertain) {
      html.append("<tr>")
          .append(td(m.messageId()))
          .append(td(m.campaignId()))
          .append(td(m.type()))
          .append(td(m.scheduledAt()))
          .append("</tr>");
    }
    html.append("</tbody></table>");
    html.append("</body></html>");
    return html.toString();
  }

  private static String td(@Nullable Object value) {
    return "<td>" + escape(value) + "</td>";
  }
}
