package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.QueuePriority;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
    assertNoRowOfTheOtherClassRead(dataSource, "without statistics");
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE campaign_messages");
    }
    assertNoRowOfTheOtherClassRead(dataSource, "after ANALYZE");
  }

  /**
   * The queue in the middle of a drain of a smaller enrolment (measured in the engine's drain
   * benchmark, where the planner walked the 5,000 due first messages for each follow-up claim
   * through the index across classes): half the first messages sent, their second steps scheduled
   * days ahead, the rest of the follow-ups pending.
   */
  @Test
  void inTheMiddleOfADrainAClassWithNothingDueReadsNoRowOfTheOtherClass() throws SQLException {
    DataSource dataSource = Postgres.newDataSource();
    int leads = 5_000;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          rows(
              "F",
              0,
              "CASE WHEN g % 2 = 0 THEN 'SENT' ELSE 'SCHEDULED' END",
              "TIMESTAMPTZ '2026-03-02 08:00:00+00' - (g || ' seconds')::interval",
              leads));
      s.execute(
          rows(
              "P",
              1,
              "CASE WHEN g % 2 = 0 THEN 'SCHEDULED' ELSE 'PENDING' END",
              "CASE WHEN g % 2 = 0 THEN TIMESTAMPTZ '2026-03-05 09:00:00+00'"
                  + " + (g || ' seconds')::interval END",
              leads));
      s.execute(rows("Q", 2, "'PENDING'", "NULL", leads));
      s.execute("ANALYZE campaign_messages");
    }
    assertNoRowOfTheOtherClassRead(dataSource, "in the middle of a drain");
  }

  private static void assertNoRowOfTheOtherClassRead(DataSource dataSource, String when)
      throws SQLException {
    // the default order: the follow-ups (none due) first, then the first messages
    String plan = QueryPlans.claim(dataSource, QueuePriority.FOLLOW_UPS_FIRST, NOW);
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
}
