package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one claim (100 messages, follow-ups first) on a real PostgreSQL by the size of the
 * backlog: 1,000, 100,000 and 1,000,000 due messages (a fifth of them follow-ups), loaded with
 * {@code generate_series}. Each claim runs a second later than the one before with a one-second
 * lease, so the claims taken two calls ago are free again and the backlog stays the same size. The
 * goal (issue 20): the claim at 1M due within 2x of the claim at 1k.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ClaimAtBacklogBenchmark {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Param({"1000", "100000", "1000000"})
  int due;

  EmbeddedPostgres server;
  HikariDataSource pool;
  JdbcCampaignStore store;
  long tick;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    server = BenchDatabases.postgres();
    pool = BenchDatabases.pool(server, 2);
    store = JdbcCampaignStore.create(pool);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      // due over the last days, one in five a follow-up; as many again due in the future
      s.execute(
          "INSERT INTO campaign_messages (id, campaign_id, lead_id, step_index, type, subject,"
              + " text_body, status, scheduled_at, attempts)"
              + " SELECT 'M-' || g, 'C-' || g, 'L-' || g, CASE WHEN g % 5 = 0 THEN 1 ELSE 0 END,"
              + " 'HOOK', 'A subject line', 'A body of a few sentences.', 'SCHEDULED',"
              + " TIMESTAMPTZ '2026-03-02 09:00:00+00' - ((g % 300000) || ' seconds')::interval, 0"
              + " FROM generate_series(1, "
              + due
              + ") g");
      s.execute(
          "INSERT INTO campaign_messages (id, campaign_id, lead_id, step_index, type, subject,"
              + " text_body, status, scheduled_at, attempts)"
              + " SELECT 'F-' || g, 'C-' || g, 'L-' || g, 1, 'PROOF', 'A subject line',"
              + " 'A body of a few sentences.', 'SCHEDULED',"
              + " TIMESTAMPTZ '2026-04-02 09:00:00+00' + ((g % 300000) || ' seconds')::interval, 0"
              + " FROM generate_series(1, "
              + due
              + ") g");
      s.execute("VACUUM ANALYZE campaign_messages");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    pool.close();
    server.close();
  }

  @Benchmark
  public List<CampaignMessage> claim100FollowUpsFirst() {
    Instant now = NOW.plusSeconds(tick++);
    return store.claimDueMessages(
        now, "bench", Duration.ofSeconds(1), 100, QueuePriority.FOLLOW_UPS_FIRST);
  }
}
