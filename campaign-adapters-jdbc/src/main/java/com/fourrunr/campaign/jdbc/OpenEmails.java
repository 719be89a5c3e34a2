package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.AlreadyInCampaignException;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.Lead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Column {@code campaign_campaigns.open_email} (migration V9): the normalised address of an open
 * campaign's lead, NULL once the campaign ended, under a unique index, so one person has one open
 * campaign whatever the number of instances writing.
 */
final class OpenEmails {
  private static final String INDEX = "campaign_campaigns_open_email";
  private static final int CHUNK = 500;

  private OpenEmails() {}

  /**
   * The address a new campaign holds: its lead's (from this commit, else stored) while it is open,
   * else null.
   */
  static @Nullable String of(Connection c, Campaign campaign, List<Lead> leadsInCommit)
      throws SQLException {
    if (!campaign.status().isOpen()) {
      return null;
    }
    for (Lead lead : leadsInCommit) {
      if (lead.id().equals(campaign.leadId())) {
        return lead.email();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT email FROM campaign_leads WHERE id = ?")) {
      ps.setString(1, campaign.leadId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * {@code campaigns} with the new ones ordered by their lead's address: two commits that open
   * campaigns for the same people then take the index entries in the same order, and one waits for
   * the other instead of both deadlocking.
   */
  static List<Campaign> inLockOrder(List<Campaign> campaigns, List<Lead> leadsInCommit) {
    if (campaigns.size() < 2) {
      return campaigns;
    }
    Map<String, String> emails = new HashMap<>();
    leadsInCommit.forEach(l -> emails.put(l.id(), l.email()));
    List<Campaign> ordered = new ArrayList<>(campaigns);
    ordered.sort(
        Comparator.comparing(
            (Campaign c) -> c.version() == 0 ? emails.get(c.leadId()) : null,
            Comparator.nullsLast(Comparator.naturalOrder())));
    return ordered;
  }

  /** Whether {@code e} is a clash on the open-address index. */
  static boolean isClash(SQLException e) {
    String message = e.getMessage();
    return "23505".equals(e.getSQLState())
        && message != null
        && message.toLowerCase(Locale.ROOT).contains(INDEX);
  }

  /**
   * {@code e} to rethrow, unless it is a clash on the open-address index.
   *
   * @throws AlreadyInCampaignException when it is: {@code campaignId} would have been a second open
   *     campaign
   */
  static SQLException refusal(SQLException e, String campaignId, @Nullable String email) {
    if (isClash(e)) {
      throw new AlreadyInCampaignException(campaignId, email == null ? "(unknown)" : email);
    }
    return e;
  }

  /**
   * Moves the open campaigns of leads whose address changes in this commit to the new address
   * (before the leads are written).
   *
   * @throws AlreadyInCampaignException when another open campaign holds the new address
   */
  static void followLeads(Connection c, List<Lead> leads) throws SQLException {
    Map<String, String> moved = new HashMap<>();
    for (int from = 0; from < leads.size(); from += CHUNK) {
      List<Lead> chunk = leads.subList(from, Math.min(leads.size(), from + CHUNK));
      Map<String, String> emails = new HashMap<>();
      chunk.forEach(l -> emails.put(l.id(), l.email()));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, email FROM campaign_leads WHERE id IN ("
                  + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i).id());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String now = emails.get(rs.getString(1));
            if (now != null && !now.equals(rs.getString(2))) {
              moved.put(rs.getString(1), now);
            }
          }
        }
      }
    }
    for (Map.Entry<String, String> lead : moved.entrySet()) {
      List<String> open = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id FROM campaign_campaigns WHERE lead_id = ? AND open_email IS NOT NULL")) {
        ps.setString(1, lead.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            open.add(rs.getString(1));
          }
        }
      }
      for (String campaignId : open) {
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE campaign_campaigns SET open_email = ? WHERE id = ?")) {
          ps.setString(1, lead.getValue());
          ps.setString(2, campaignId);
          ps.executeUpdate();
        } catch (SQLException e) {
          throw refusal(e, campaignId, lead.getValue());
        }
      }
    }
  }
}
