package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoredReply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the review page shows: held campaigns with their copy and the gate verdicts that held them,
 * and the mails kept for a person (their text made safe by {@link MailText}).
 */
@Component
class ReviewQueue {
  static final int MAX_SHOWN = 50;

  private final CampaignEngine engine;
  private final CampaignStore store;
  private final ConsoleTimes times;

  ReviewQueue(CampaignEngine engine, ConsoleTimes times) {
    this.engine = engine;
    this.store = engine.store();
    this.times = times;
  }

  /** One step's copy and the rules it failed. */
  record Step(int index, String type, String subject, String body, List<String> failed) {}

  /** A held campaign. */
  record Held(
      String campaignId,
      String leadName,
      String company,
      String email,
      String heldAt,
      String reason,
      List<Step> steps) {}

  /** A mail waiting for a category. */
  record Reply(
      String id,
      String from,
      String subject,
      String received,
      String text,
      String campaignId,
      String leadName,
      String action) {}

  /**
   * Up to {@link #MAX_SHOWN} held campaigns, oldest id first: the store's campaign search by status
   * (served by an index in the JDBC store), so the page costs the same at any number of campaigns.
   */
  List<Held> held() {
    List<Held> found = new ArrayList<>();
    CampaignSearch heldOnly = new CampaignSearch(CampaignStatus.HELD, null, null, "");
    List<String> ids = store.searchCampaignIds(heldOnly, null, MAX_SHOWN);
    Map<String, Campaign> campaigns = store.findCampaigns(ids);
    for (String id : ids) {
      Campaign c = campaigns.get(id);
      if (c != null && c.status() == CampaignStatus.HELD) {
        found.add(held(c));
      }
    }
    return found;
  }

  /** One held campaign, or null when there is no such campaign or it is not held. */
  @Nullable Held held(String campaignId) {
    Campaign c = store.findCampaign(campaignId).orElse(null);
    return c == null || c.status() != CampaignStatus.HELD ? null : held(c);
  }

  private Held held(Campaign c) {
    Lead lead = store.findLead(c.leadId()).orElse(null);
    List<CampaignEvent> events = store.findEvents(c.id());
    // the latest check of each step, by step index
    Map<Integer, EventPayload.MessageChecked> checks = new TreeMap<>();
    String reason = c.statusReason();
    for (CampaignEvent e : events) {
      if (e.payload() instanceof EventPayload.MessageChecked p) {
        checks.put(p.stepIndex(), p);
      } else if (e.payload() instanceof EventPayload.CampaignHeld p && !p.reason().isBlank()) {
        reason = p.reason();
      }
    }
    List<CampaignMessage> messages = new ArrayList<>(store.findMessages(c.id()));
    messages.sort(Comparator.comparingInt(CampaignMessage::stepIndex));
    List<Step> steps = new ArrayList<>();
    for (CampaignMessage m : messages) {
      List<String> failed = new ArrayList<>();
      EventPayload.MessageChecked check = checks.get(m.stepIndex());
      if (check != null) {
        check.verdicts().entrySet().stream()
            .filter(a -> a.getValue().startsWith("FAIL"))
            .sorted(Map.Entry.comparingByKey())
            .forEach(a -> failed.add(a.getKey() + ": " + a.getValue()));
      }
      steps.add(new Step(m.stepIndex(), m.type().name(), m.subject(), m.textBody(), failed));
    }
    return new Held(
        c.id(),
        lead == null ? "(lead not stored)" : fullName(lead),
        lead == null ? "" : lead.company(),
        lead == null ? "" : lead.email(),
        times.format(c.createdAt()),
        reason,
        steps);
  }

  /** Up to {@link #MAX_SHOWN} mails in NEEDS_REVIEW. */
  List<Reply> replies() {
    return engine.replies(ReplyCategory.NEEDS_REVIEW, null, MAX_SHOWN).stream()
        .map(this::reply)
        .toList();
  }

  /** One stored mail, or null. */
  @Nullable Reply reply(String replyId) {
    return store.findReply(replyId).map(this::reply).orElse(null);
  }

  private Reply reply(StoredReply r) {
    String matched = r.campaignId();
    String campaignId = matched == null ? "" : matched;
    String leadName = "";
    if (matched != null) {
      leadName =
          store
              .findCampaign(matched)
              .flatMap(c -> store.findLead(c.leadId()))
              .map(l -> fullName(l) + " (" + l.company() + ")")
              .orElse("");
    }
    return new Reply(
        r.id(),
        r.reply().from(),
        r.reply().subject(),
        times.format(r.reply().receivedAt()),
        MailText.of(r.reply().text()),
        campaignId,
        leadName,
        r.action());
  }

  /** First and last name, or the address when the lead has no name. */
  static String fullName(Lead lead) {
    String name = (lead.firstName() + " " + lead.lastName()).strip();
    return name.isEmpty() ? lead.email() : name;
  }

  /** The categories a person may choose. */
  static List<String> categories() {
    List<String> names = new ArrayList<>();
    for (ReplyCategory c : ReplyCategory.values()) {
      if (c != ReplyCategory.NEEDS_REVIEW) {
        names.add(c.name());
      }
    }
    return names;
  }
}
