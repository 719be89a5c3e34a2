package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoredReply;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A lead's page: the campaign's events as a timeline, its messages with the headers they went out
 * with, and the replies it received, all as text (reply HTML is never rendered; the stored text
 * part is shown, escaped by the template).
 */
final class LeadPageView {
  private LeadPageView() {}

  /** One event of the timeline. */
  record Event(String at, String type, String details) {}

  /** One header of a message. */
  record Header(String name, String value) {}

  /** One message as it went out (or will). */
  record Message(
      String step,
      String status,
      String at,
      String subject,
      List<Header> headers,
      String body,
      boolean hasHtml) {}

  /** One received reply. */
  record Reply(String at, String from, String subject, String category, String text) {}

  static List<Event> timeline(List<CampaignEvent> events, ZoneId zone) {
    List<Event> out = new ArrayList<>();
    for (CampaignEvent e : events) {
      StringBuilder details = new StringBuilder();
      for (Map.Entry<String, String> a : new TreeMap<>(e.storedAttributes()).entrySet()) {
        if (a.getKey().startsWith("@") || a.getValue().isEmpty()) {
          continue; // the stored form's format marker, and empty values
        }
        details.append(details.length() == 0 ? "" : "; ").append(a.getKey()).append(": ");
        details.append(a.getValue());
      }
      out.add(
          new Event(
              ConsoleTimes.format(e.occurredAt(), zone),
              CampaignListView.label(e),
              details.toString()));
    }
    return out;
  }

  /**
   * The messages with the threading headers the engine gives them: Message-ID, In-Reply-To and
   * References (the earlier steps), List-Id (the campaign). The sender adds List-Unsubscribe (a
   * signed one-click link) when it sends; it is not stored.
   */
  static List<Message> messages(Campaign campaign, List<CampaignMessage> messages, ZoneId zone) {
    List<Message> out = new ArrayList<>();
    List<String> thread = new ArrayList<>();
    for (CampaignMessage m : messages) {
      List<Header> headers = new ArrayList<>();
      headers.add(new Header("From", campaign.config().from().address()));
      if (m.messageId() != null) {
        headers.add(new Header("Message-ID", m.messageId()));
      }
      if (!thread.isEmpty()) {
        headers.add(new Header("In-Reply-To", thread.get(thread.size() - 1)));
        headers.add(new Header("References", String.join(" ", thread)));
      }
      headers.add(new Header("List-Id", campaign.id()));
      headers.add(
          new Header(
              "List-Unsubscribe", "added by the sender at send time (signed one-click link)"));
      if (m.messageId() != null) {
        thread.add(m.messageId());
      }
      String at =
          m.sentAt() != null
              ? "sent " + ConsoleTimes.format(m.sentAt(), zone)
              : m.scheduledAt() != null
                  ? "due " + ConsoleTimes.format(m.scheduledAt(), zone)
                  : "not scheduled";
      out.add(
          new Message(
              "Step " + (m.stepIndex() + 1) + " (" + m.type().name() + ")",
              m.status().name(),
              at,
              m.subject(),
              headers,
              m.textBody(),
              m.htmlBody() != null));
    }
    return out;
  }

  /** The replies named by the campaign's reply events, oldest first. */
  static List<Reply> replies(CampaignStore store, List<CampaignEvent> events, ZoneId zone) {
    Set<String> ids = new LinkedHashSet<>();
    for (CampaignEvent e : events) {
      if (e.payload() instanceof EventPayload.ReplyReceived r) {
        ids.add(r.replyId());
      } else if (e.payload() instanceof EventPayload.ReplyClassified r) {
        ids.add(r.replyId());
      }
    }
    List<Reply> out = new ArrayList<>();
    for (String id : ids) {
      store
          .findReply(id)
          .ifPresent(
              (StoredReply r) ->
                  out.add(
                      new Reply(
                          ConsoleTimes.format(r.reply().receivedAt(), zone),
                          r.reply().from(),
                          r.reply().subject(),
                          r.category() == null ? "not categorised" : r.category().name(),
                          r.reply().text())));
    }
    return out;
  }
}
