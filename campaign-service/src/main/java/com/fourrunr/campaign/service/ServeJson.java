package com.fourrunr.campaign.service;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.ops.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of {@code campaign serve}'s endpoints, field for field as the standalone service wrote
 * them (a contract: fields are added, never renamed or dropped).
 */
public final class ServeJson {
  private ServeJson() {}

  /** {@code status}, {@code checkedAt} and each component's status, detail and data. */
  public static Map<String, Object> health(HealthReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", report.status().name());
    out.put("checkedAt", report.checkedAt().toString());
    Map<String, Object> components = new LinkedHashMap<>();
    report
        .components()
        .forEach(
            (name, c) -> {
              Map<String, Object> part = new LinkedHashMap<>();
              part.put("status", c.status().name());
              part.put("detail", c.detail());
              Map<String, Object> data = new LinkedHashMap<>();
              c.data()
                  .forEach(
                      (k, v) ->
                          data.put(
                              k,
                              v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
              part.put("data", data);
              components.put(name, part);
            });
    out.put("components", components);
    return out;
  }

  /** The queue's counts per state, the oldest due message's age and each mailbox's caps. */
  public static Map<String, Object> queue(QueueStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", status.at().toString());
    QueueCounts c = status.counts();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("scheduled", c.scheduled());
    counts.put("due", c.due());
    counts.put("inFlight", c.inFlight());
    counts.put("retrying", c.retrying());
    counts.put("deadLettered", c.deadLettered());
    counts.put("sent", c.sent());
    out.put("counts", counts);
    out.put(
        "oldestDueAgeSeconds",
        status.oldestDueAge() == null ? null : status.oldestDueAge().toSeconds());
    out.put(
        "mailboxes",
        status.mailboxes().stream()
            .map(
                m -> {
                  Map<String, Object> mailbox = new LinkedHashMap<>();
                  mailbox.put("mailbox", m.mailbox());
                  mailbox.put("sentLastDay", m.sentLastDay());
                  mailbox.put("perDayCap", m.perDayCap());
                  mailbox.put("sentLastHour", m.sentLastHour());
                  mailbox.put("perHourCap", m.perHourCap());
                  return mailbox;
                })
            .toList());
    return out;
  }

  /** One campaign of {@code /api/campaigns}. */
  public static Map<String, Object> campaign(Campaign c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("leadId", c.leadId());
    out.put("status", c.status().name());
    out.put("statusReason", c.statusReason());
    out.put("createdAt", c.createdAt().toString());
    out.put("updatedAt", c.updatedAt().toString());
    out.put("resumeAt", c.resumeAt() == null ? null : c.resumeAt().toString());
    return out;
  }
}
