package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.QueuePriority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The queue as it stands after a large enrolment, on a real PostgreSQL: many first messages due, no
 * follow-up due (the follow-ups wait as PENDING, or SCHEDULED days ahead). The default order claims
 * follow-ups first; that class has nothing due, and its claim must find so at once, whatever the
 * statistics say, instead of walking every due first message and filtering them out (a claim whose
 * cost grows with the backlog).
 */
@Tag("postgres")
class ClaimOfAnEmptyClassOnPostgresTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final int LEADS = 30_000;

  @Test
  void aClassWithNothingDueReadsNoRowOfTheOtherClassWithOrWithoutStatistics() throws SQLException {
    DataSource dataSource = Postgres.newDataSource();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      // each lead's first message due, its two follow-ups pending; a tenth of the leads got their
      // first message already and have their second step scheduled days ahead
      s.execute(
          rows(
              "F",
              0,
              "'SCHEDULED'",
              "TIMESTAMPTZ '2026-03-02 08:00:00+00' - (g || ' seconds')::interval",
              LEADS));
      s.execute(rows("P", 1, "'PENDING'", "NULL", LEADS));
      s.execute(rows("Q", 2, "'PENDING'", "NULL", LEADS));
      s.execute(
          rows(
              "S",
              1,
              "'SCHEDULED'",
              "TIMESTAMPTZ '2026-03-05 09:00:00+00' + (g || ' seconds')::interval",
              LEADS / 10));
    }
    String followUps = JdbcClaims.classes(QueuePriority.FOLLOW_UPS_FIRST).get(0);
    assertNoRowOfTheOtherClassRead(dataSource, followUps, "without statistics");
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE campaign_messages");
    }
    assertNoRowOfTheOtherClassRead(dataSource, followUps, "after ANALYZE");
  }

  private static void assertNoRowOfTheOtherClassRead(
      DataSource dataSource, String classFilter, String when) throws SQLException {
    String plan = explainAnalyze(dataSource, JdbcClaims.skipLockedClaim(classFilter));
    assertThat(plan)
        .as("%s:%n%s", when, plan)
        .doesNotContain("Rows Removed by Filter")
        .doesNotContain("Seq Scan");
  }

  private static String rows(String prefix, int step, String status, String at, int count) {
    return "INSERT INTO campaign_messages (id, campaign_id, lead_id, step_index, type, subject,"
        + " text_body, status, scheduled_at, attempts)"
        + " SELECT '"
        + prefix
        + "-' || g, 'C-' || g, 'L-' || g, "
        + step
        + ", 'HOOK', 'subject', 'body', "
        + status
        + ", "
        + at
        + ", 0 FROM generate_series(1, "
        + count
        + ") g";
  }

  /** EXPLAIN ANALYZE of one claim (100 rows) in a transaction that is rolled back. */
  private static String explainAnalyze(DataSource dataSource, String claim) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, TIMING OFF) " + claim)) {
        ps.setString(1, "planner");
        ps.setObject(2, OffsetDateTime.ofInstant(NOW.plusSeconds(300), ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        ps.setObject(4, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        ps.setInt(5, 100);
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
}
