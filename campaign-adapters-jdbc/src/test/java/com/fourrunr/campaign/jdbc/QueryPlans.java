package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.QueuePriority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The plans of the store's queries on PostgreSQL, for tests that check them: {@code EXPLAIN
 * (ANALYZE, TIMING OFF)} run in a transaction that is rolled back, so a plan of an update changes
 * nothing.
 */
final class QueryPlans {
  private QueryPlans() {}

  /** The plan of {@code sql} with its parameters bound by {@code binder}, as text. */
  static String explainAnalyze(DataSource on, String sql, Jdbc.Binder binder) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = on.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, TIMING OFF) " + sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      } finally {
        c.rollback();
      }
    }
    return plan.toString();
  }

  /** The plan of {@code sql} with {@code params} bound in order ({@code setObject}). */
  static String explainAnalyze(DataSource on, String sql, List<Object> params) throws SQLException {
    return explainAnalyze(
        on,
        sql,
        ps -> {
          for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
          }
        });
  }

  /** The plan of one claim of 100 messages at {@code now} in {@code priority} order. */
  static String claim(DataSource on, QueuePriority priority, Instant now) throws SQLException {
    return explainAnalyze(
        on,
        JdbcClaims.skipLockedClaim(priority),
        ps -> JdbcClaims.bindClaim(ps, priority, now, "planner", now.plusSeconds(300), 100));
  }
}
