package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;
import static com.fourrunr.campaign.jdbc.Rows.MESSAGE_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.readMessages;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueuePriority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The claim queries of {@link JdbcCampaignStore}: due messages claimed in batches with an owner and
 * an expiry ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, a conditional update on H2), and claims
 * released.
 */
final class JdbcClaims {
  private final DataSource dataSource;
  private final Dialect dialect;

  JdbcClaims(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit, QueuePriority priority) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(priority, "priority");
    if (limit < 1) {
      return List.of();
    }
    Instant until = now.plus(lease);
    String order = orderBy(priority);
    List<CampaignMessage> claimed =
        Jdbc.inTransaction(
            dataSource,
            c ->
                dialect == Dialect.POSTGRESQL
                    ? claimWithSkipLocked(c, now, owner, until, limit, order)
                    : claimWithConditionalUpdate(c, now, owner, until, limit, order));
    claimed.sort(priority.order());
    return claimed;
  }

  int releaseClaims(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Jdbc.inTransaction(
        dataSource,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_messages SET claim_owner = NULL,"
                      + " claim_until = NULL WHERE claim_owner = ? AND status = 'SCHEDULED'")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
          }
        });
  }

  /** The SQL order of {@code priority} (constant text, no input). */
  private static String orderBy(QueuePriority priority) {
    return switch (priority) {
      case FOLLOW_UPS_FIRST -> "CASE WHEN step_index > 0 THEN 0 ELSE 1 END, scheduled_at, id";
      case FIRST_MESSAGES_FIRST -> "CASE WHEN step_index = 0 THEN 0 ELSE 1 END, scheduled_at, id";
      case EARLIEST_FIRST -> "scheduled_at, id";
    };
  }

  private List<CampaignMessage> claimWithSkipLocked(
      Connection c, Instant now, String owner, Instant until, int limit, String order)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id IN ("
                + "SELECT id FROM campaign_messages WHERE status = 'SCHEDULED' AND scheduled_at <= ?"
                + " AND (claim_until IS NULL OR claim_until < ?) ORDER BY "
                + order
                + " LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING "
                + MESSAGE_COLUMNS)) {
      ps.setString(1, owner);
      setInstant(ps, 2, until);
      setInstant(ps, 3, now);
      setInstant(ps, 4, now);
      ps.setInt(5, limit);
      return readMessages(ps);
    }
  }

  private List<CampaignMessage> claimWithConditionalUpdate(
      Connection c, Instant now, String owner, Instant until, int limit, String order)
      throws SQLException {
    List<CampaignMessage> candidates;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM campaign_messages WHERE status = 'SCHEDULED'"
                + " AND scheduled_at <= ? AND (claim_until IS NULL OR claim_until < ?)"
                + " ORDER BY "
                + order
                + " LIMIT ?")) {
      setInstant(ps, 1, now);
      setInstant(ps, 2, now);
      ps.setInt(3, limit);
      candidates = readMessages(ps);
    }
    List<CampaignMessage> claimed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id = ? AND status = 'SCHEDULED'"
                + " AND (claim_until IS NULL OR claim_until < ?)")) {
      for (CampaignMessage m : candidates) {
        ps.setString(1, owner);
        setInstant(ps, 2, until);
        ps.setString(3, m.id());
        setInstant(ps, 4, now);
        // only the claimer whose update matched the row gets the message
        if (ps.executeUpdate() == 1) {
          claimed.add(m);
        }
      }
    }
    return claimed;
  }
}
