package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignPage;
import com.fourrunr.campaign.spi.CampaignRow;
import com.fourrunr.campaign.spi.CampaignSearch;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The campaigns list as the page shows it: the filters read from the query, and one view per row.
 */
final class CampaignListView {
  /** Rows per page. */
  static final int PAGE = 50;

  private CampaignListView() {}

  /** The filters of the list's query string; an unknown status is reported in {@code error}. */
  record Filters(String status, String mailbox, String sequence, String q, @Nullable String error) {
    static Filters of(
        @Nullable String status,
        @Nullable String mailbox,
        @Nullable String sequence,
        @Nullable String q) {
      String s = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
      String error = null;
      if (!s.isEmpty()) {
        try {
          CampaignStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
          error = "status: '" + s + "' is not a campaign status";
          s = "";
        }
      }
      return new Filters(s, text(mailbox), text(sequence), text(q), error);
    }

    private static String text(@Nullable String value) {
      return value == null ? "" : value.strip();
    }

    CampaignSearch search() {
      return new CampaignSearch(
          status.isEmpty() ? null : CampaignStatus.valueOf(status), mailbox, sequence, q);
    }
  }

  /** An action as a link: its path segment and its button text. */
  record ActionLink(String path, String label) {
    static List<ActionLink> all() {
      List<ActionLink> links = new ArrayList<>();
      for (CampaignAction a : CampaignAction.values()) {
        links.add(new ActionLink(a.path(), a.label()));
      }
      return links;
    }
  }

  /** One campaign of the list. */
  record Row(
      String id,
      String name,
      String company,
      String email,
      String status,
      String reason,
      String step,
      String nextInLeadZone,
      String nextInOperatorZone,
      String lastEvent,
      List<String> actions) {}

  static List<Row> rows(CampaignPage page, ZoneId operatorZone) {
    List<Row> rows = new ArrayList<>();
    for (CampaignRow r : page.rows()) {
      Campaign c = r.campaign();
      Lead lead = r.lead();
      ZoneId leadZone = lead.timezone();
      CampaignEvent last = r.lastEvent();
      List<String> actions = new ArrayList<>();
      for (CampaignAction a : CampaignAction.values()) {
        if (a.appliesTo(c.status())) {
          actions.add(a.path());
        }
      }
      rows.add(
          new Row(
              c.id(),
              name(lead),
              lead.company(),
              lead.email(),
              c.status().name(),
              reason(c, operatorZone),
              r.sentSteps() + " of " + c.config().sequence().steps().size() + " sent",
              leadZone == null
                  ? (r.nextSendAt() == null ? "—" : "lead's zone unknown")
                  : ConsoleTimes.format(r.nextSendAt(), leadZone),
              ConsoleTimes.format(r.nextSendAt(), operatorZone),
              last == null
                  ? "—"
                  : label(last) + ", " + ConsoleTimes.format(last.occurredAt(), operatorZone),
              actions));
    }
    return rows;
  }

  static String name(Lead lead) {
    String name = (lead.firstName() + " " + lead.lastName()).strip();
    return name.isEmpty() ? lead.email() : name;
  }

  static String reason(Campaign c, ZoneId operatorZone) {
    String reason = c.statusReason();
    if (c.status() == CampaignStatus.PAUSED && c.resumeAt() != null) {
      reason += " (until " + ConsoleTimes.format(c.resumeAt(), operatorZone) + ")";
    }
    return reason;
  }

  /** An event's type as words: {@code MESSAGE_SENT} is "message sent". */
  static String label(CampaignEvent event) {
    return event.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
