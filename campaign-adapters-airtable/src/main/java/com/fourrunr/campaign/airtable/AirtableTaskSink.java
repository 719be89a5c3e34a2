package com.fourrunr.campaign.airtable;

import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.TaskSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TaskSink} that writes LinkedIn tasks to an Airtable table, where the team works through
 * them: one record per task, created when the task is handed out and updated when it is reported or
 * cancelled. Records are upserted on the task id field ({@code performUpsert}), so writing a task
 * again never makes a second record. The table is the one of the {@link AirtableClient}'s
 * configuration:
 *
 * <pre>{@code
 * AirtableClient tasks = AirtableClient.create(
 *     AirtableConfig.builder(token, baseId, "LinkedIn Tasks").build());
 * CampaignEngine engine = CampaignEngine.builder()
 *     .channels(ChannelPlan.email(), ChannelPlan.linkedIn())
 *     .taskSink(AirtableTaskSink.create(tasks))
 *     ...
 * }</pre>
 *
 * <p>Airtable's limits are the client's (5 requests a second per base, retries on 429 and 5xx). A
 * write that still fails throws an {@link AirtableException}: the engine then leaves the task
 * waiting and hands it out again later. People report outcomes through {@code
 * CampaignEngine.reportTask}. Thread-safe.
 */
public final class AirtableTaskSink implements TaskSink {
  private final AirtableClient client;
  private final Fields fields;

  private AirtableTaskSink(AirtableClient client, Fields fields) {
    this.client = client;
    this.fields = fields;
  }

  /**
   * A sink writing to the client's table with the {@link Fields#defaults() default field names}.
   */
  public static AirtableTaskSink create(AirtableClient client) {
    return create(client, Fields.defaults());
  }

  /** A sink writing to the client's table with the given field names. */
  public static AirtableTaskSink create(AirtableClient client, Fields fields) {
    return new AirtableTaskSink(
        Objects.requireNonNull(client, "client"), Objects.requireNonNull(fields, "fields"));
  }

  @Override
  public void publish(ChannelTask task) {
    client.upsert(fields.taskId(), List.of(record(task, true)));
  }

  @Override
  public void update(ChannelTask task) {
    client.upsert(fields.taskId(), List.of(record(task, false)));
  }

  private Map<String, Object> record(ChannelTask t, boolean all) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put(fields.taskId(), t.id());
    if (all) {
      r.put(fields.campaignId(), t.campaignId());
      r.put(fields.leadId(), t.leadId());
      r.put(fields.channel(), t.channel().name());
      r.put(fields.kind(), t.kind().name());
      r.put(fields.account(), t.account());
      r.put(fields.profileUrl(), t.profileUrl().toString());
      r.put(fields.text(), t.text());
      r.put(fields.dueAt(), t.dueAt().toString());
    }
    r.put(fields.status(), t.status().name());
    if (t.releasedAt() != null) {
      r.put(fields.handedOutAt(), t.releasedAt().toString());
    }
    if (t.outcome() != null) {
      r.put(fields.outcome(), t.outcome().name());
    }
    if (!t.reason().isEmpty()) {
      r.put(fields.reason(), t.reason());
    }
    return r;
  }

  @Override
  public String toString() {
    return "AirtableTaskSink[" + client.config().table() + "]";
  }

  /**
   * The names of the task table's fields.
   *
   * @param taskId the task id, the key records are merged on (single line text)
   * @param campaignId the campaign id (single line text)
   * @param leadId the lead id (single line text)
   * @param channel LINKEDIN (single select)
   * @param kind CONNECTION_NOTE or FOLLOW_UP (single select)
   * @param account the LinkedIn account to send from (single line text)
   * @param profileUrl the lead's profile (URL)
   * @param text the prepared note or message (long text)
   * @param status WAITING, OPEN, DONE or CANCELLED (single select)
   * @param outcome SENT, ACCEPTED, REPLIED or DECLINED (single select)
   * @param dueAt when the task fell due (date with time, GMT)
   * @param handedOutAt when it was handed out (date with time, GMT)
   * @param reason why it was cancelled (single line text)
   */
  public record Fields(
      String taskId,
      String campaignId,
      String leadId,
      String channel,
      String kind,
      String account,
      String profileUrl,
      String text,
      String status,
      String outcome,
      String dueAt,
      String handedOutAt,
      String reason) {
    /** Checks that no name is blank and the names differ. */
    public Fields {
      List<String> all =
          java.util.Arrays.asList(
              taskId,
              campaignId,
              leadId,
              channel,
              kind,
              account,
              profileUrl,
              text,
              status,
              outcome,
              dueAt,
              handedOutAt,
              reason);
      if (all.stream().anyMatch(n -> n == null || n.isBlank())) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "AirtableTaskSink.Fields", "name", "a field name is blank");
      }
      if (all.stream().distinct().count() != all.size()) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "AirtableTaskSink.Fields", "name", "two fields have the same name");
      }
    }

    /**
     * Task_ID, Campaign_ID, Lead_ID, Channel, Kind, Account, LinkedIn_URL, Text, Status, Outcome,
     * Due, Handed_Out, Reason.
     */
    public static Fields defaults() {
      return new Fields(
          "Task_ID",
          "Campaign_ID",
          "Lead_ID",
          "Channel",
          "Kind",
          "Account",
          "LinkedIn_URL",
          "Text",
          "Status",
          "Outcome",
          "Due",
          "Handed_Out",
          "Reason");
    }
  }
}
