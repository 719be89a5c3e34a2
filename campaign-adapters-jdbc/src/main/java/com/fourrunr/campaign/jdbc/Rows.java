package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.instant;
import static com.fourrunr.campaign.jdbc.Jdbc.requiredInstant;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.TaskKind;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The column lists of the store's tables and the mapping of their rows to the core types. */
final class Rows {
  static final String MESSAGE_COLUMNS =
      "id, campaign_id, lead_id, step_index, type, subject, text_body, html_body, status, scheduled_at,"
          + " sent_at, message_id, attempts, last_error, provider_response";
  static final String CAMPAIGN_COLUMNS =
      "id, lead_id, status, status_reason, config, created_at, updated_at, resume_at, version";
  static final String EVENT_COLUMNS =
      "id, type, occurred_at, campaign_id, lead_id, message_id, attributes";
  static final String TASK_COLUMNS =
      "id, campaign_id, lead_id, channel, kind, account, profile_url,"
          + " text, status, created_at, due_at, released_at, outcome, reported_at, reason, version";

  private Rows() {}

  static Campaign campaign(ResultSet rs) throws SQLException {
    return new Campaign(
        rs.getString(1),
        rs.getString(2),
        Configs.parse(rs.getString(5)),
        CampaignStatus.valueOf(rs.getString(3)),
        rs.getString(4),
        requiredInstant(rs, 6),
        requiredInstant(rs, 7),
        instant(rs, 8),
        rs.getLong(9));
  }

  static CampaignMessage message(ResultSet rs) throws SQLException {
    return new CampaignMessage(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        new MessageType(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        DeliveryStatus.valueOf(rs.getString(9)),
        instant(rs, 10),
        instant(rs, 11),
        rs.getString(12),
        rs.getInt(13),
        rs.getString(14),
        rs.getString(15));
  }

  static CampaignEvent event(ResultSet rs) throws SQLException {
    // The attributes column holds the stored form of the payload, of any format (see
    // CampaignEvent#fromStored).
    return CampaignEvent.fromStored(
        rs.getString(1),
        EventType.valueOf(rs.getString(2)),
        requiredInstant(rs, 3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        Json.readMap(rs.getString(7)));
  }

  static List<CampaignMessage> readMessages(PreparedStatement ps) throws SQLException {
    List<CampaignMessage> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(message(rs));
      }
    }
    return result;
  }

  static ChannelTask task(ResultSet rs) throws SQLException {
    String outcome = rs.getString(13);
    return new ChannelTask(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        com.fourrunr.campaign.Channel.valueOf(rs.getString(4)),
        TaskKind.valueOf(rs.getString(5)),
        rs.getString(6),
        java.net.URI.create(rs.getString(7)),
        rs.getString(8),
        TaskStatus.valueOf(rs.getString(9)),
        requiredInstant(rs, 10),
        requiredInstant(rs, 11),
        instant(rs, 12),
        outcome == null ? null : TaskOutcome.valueOf(outcome),
        instant(rs, 14),
        rs.getString(15),
        rs.getLong(16));
  }
}
