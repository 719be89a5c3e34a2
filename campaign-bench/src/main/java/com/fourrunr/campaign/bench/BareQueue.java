package com.fourrunr.campaign.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The baselines' bare queue on the store's own {@code campaign_messages} table: a claim with {@code
 * FOR UPDATE SKIP LOCKED} in one statement, and completion either in one statement per batch or one
 * per message. No reads beyond the claim, no events, no checks: the floor a store cannot beat.
 */
final class BareQueue {
  /**
   * Earliest first, through the store's index of due messages in that order ({@code
   * campaign_messages_due_earliest}, migration V18, whose predicate includes {@code step_index >=
   * 0}).
   */
  private static final String CLAIM =
      "UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id IN ("
          + "SELECT id FROM campaign_messages WHERE status = 'SCHEDULED' AND step_index >= 0"
          + " AND scheduled_at <= ?"
          + " AND (claim_until IS NULL OR claim_until < ?) ORDER BY scheduled_at, id LIMIT ?"
          + " FOR UPDATE SKIP LOCKED) RETURNING id";

  private BareQueue() {}

  /** Claims up to {@code limit} due messages for {@code owner} and commits the claim. */
  static List<String> claim(Connection c, String owner, Instant now, Instant until, int limit)
      throws SQLException {
    List<String> ids = new ArrayList<>(limit);
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setString(1, owner);
      ps.setObject(2, BenchDatabases.at(until));
      ps.setObject(3, BenchDatabases.at(now));
      ps.setObject(4, BenchDatabases.at(now));
      ps.setInt(5, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    c.commit();
    return ids;
  }

  /** Marks the claimed messages SENT in one statement and one commit. */
  static int completeInOneCommit(Connection c, List<String> ids, String owner, Instant now)
      throws SQLException {
    c.setAutoCommit(false);
    int done;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_messages SET status = 'SENT', sent_at = ?, claim_owner = NULL,"
                + " claim_until = NULL WHERE id = ANY(?) AND claim_owner = ?")) {
      ps.setObject(1, BenchDatabases.at(now));
      ps.setArray(2, c.createArrayOf("text", ids.toArray()));
      ps.setString(3, owner);
      done = ps.executeUpdate();
    }
    c.commit();
    return done;
  }

  /** Marks the claimed messages SENT one statement and one auto-commit each. */
  static int completeOneByOne(Connection c, List<String> ids, Instant now) throws SQLException {
    c.setAutoCommit(true);
    int done = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_messages SET status = 'SENT', sent_at = ?, claim_owner = NULL,"
                + " claim_until = NULL WHERE id = ?")) {
      for (String id : ids) {
        ps.setObject(1, BenchDatabases.at(now));
        ps.setString(2, id);
        done += ps.executeUpdate();
      }
    }
    return done;
  }
}
