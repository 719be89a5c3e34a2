package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueuePriority;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The claim queries on a real PostgreSQL with a large backlog of due messages (first messages and
 * follow-ups) and future ones: each priority class is read through its index in claim order, so a
 * claim reads only the rows it returns, with no sort over all due rows and no sequential scan.
 */
@Tag("postgres")
class ClaimQueryPlanOnPostgresTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final int FIRST_DUE = 40_000;
  private static final int FOLLOW_UPS_DUE = 10_000;
  private static final int FUTURE = 20_000;
  private static DataSource dataSource;

  @BeforeAll
  static void fillTheQueue() throws SQLException {
    dataSource = Postgres.newDataSource();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      // due first messages, due follow-ups and messages due later, spread over the last days
      s.execute(rows("F", 0, FIRST_DUE, "- (g || ' seconds')::interval"));
      s.execute(rows("U", 1, FOLLOW_UPS_DUE, "- (g || ' seconds')::interval"));
      s.execute(rows("L", 2, FUTURE, "+ (g || ' seconds')::interval"));
      s.execute("ANALYZE campaign_messages");
    }
  }

  private static String rows(String prefix, int step, int count, String offset) {
    return "INSERT INTO campaign_messages (id, campaign_id, lead_id, step_index, type, subject,"
        + " text_body, status, scheduled_at, attempts)"
        + " SELECT '"
        + prefix
        + "-' || g, 'C-"
        + prefix
        + "-' || g, 'L-' || g, "
        + step
        + ", 'HOOK', 'subject', 'body', 'SCHEDULED', TIMESTAMPTZ '2026-03-02 09:00:00+00' "
        + offset
        + ", 0 FROM generate_series(1, "
        + count
        + ") g";
  }

  @Test
  void everyPriorityClassIsClaimedThroughTheIndexWithoutASortOrAScan() throws SQLException {
    for (QueuePriority priority : QueuePriority.values()) {
      // one statement claims every class of the priority
      String plan = QueryPlans.claim(dataSource, priority, NOW);
      assertThat(plan)
          .as("%s:%n%s", priority, plan)
          .containsPattern("Index Scan using campaign_messages_due_(by_class|earliest) ")
          .doesNotContain("Seq Scan")
          .doesNotContain("Sort");
      // the index scan stops after the rows the claim takes
      assertThat(plan).as(plan).containsPattern("Index Scan using [^\\n]*actual [^\\n]*rows=100 ");
    }
  }

  @Test
  void followUpsAreClaimedBeforeTheEarlierFirstMessages() {
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(dataSource);
    List<CampaignMessage> claimed =
        store.claimDueMessages(
            NOW, "planner", Duration.ofMinutes(5), 50, QueuePriority.FOLLOW_UPS_FIRST);
    assertThat(claimed).hasSize(50).allMatch(m -> m.stepIndex() == 1);
    // the earliest follow-ups first
    assertThat(claimed.get(0).id()).isEqualTo("U-" + FOLLOW_UPS_DUE);
    store.releaseClaims("planner");
  }
}
