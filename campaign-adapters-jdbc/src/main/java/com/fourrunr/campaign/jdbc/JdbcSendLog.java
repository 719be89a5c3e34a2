package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;

import com.fourrunr.campaign.spi.SendLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SendLog} in the campaign database (table {@code campaign_send_log}): the send limits
 * hold across restarts and for every engine instance sharing the database. Give it to {@code
 * CampaignEngine.builder().sendLog(JdbcSendLog.create(dataSource))}. Migrates the schema like
 * {@link JdbcCampaignStore}. Rows older than two days are deleted now and then as sends are
 * recorded.
 *
 * <p>Two instances checking the same cap at the same moment may both see room for one more send;
 * the cap can then be passed by at most one send per extra instance. Thread-safe.
 */
public final class JdbcSendLog implements SendLog {
  private static final Duration KEEP = Duration.ofDays(2);
  private static final int PRUNE_EVERY = 1_024;

  private final DataSource dataSource;
  private final AtomicLong recorded = new AtomicLong();

  private JdbcSendLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Migrates the schema if needed, then returns the log kept in {@code dataSource}. */
  public static JdbcSendLog create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    JdbcCampaignStore.migrate(dataSource);
    return new JdbcSendLog(dataSource);
  }

  @Override
  public void record(String mailbox, String domain, Instant at, @Nullable Instant gapEnd) {
    Jdbc.<@Nullable Void>inTransaction(
        dataSource,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO campaign_send_log (kind, send_key, sent_at, gap_end) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, "M");
            ps.setString(2, mailbox);
            setInstant(ps, 3, at);
            setInstant(ps, 4, gapEnd);
            ps.addBatch();
            ps.setString(1, "D");
            ps.setString(2, domain);
            setInstant(ps, 3, at);
            setInstant(ps, 4, null);
            ps.addBatch();
            ps.executeBatch();
          }
          if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM campaign_send_log WHERE sent_at < ?")) {
              setInstant(ps, 1, at.minus(KEEP));
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public List<MailboxSend> recentByMailbox(String mailbox, Instant since, int limit) {
    List<MailboxSend> result = new ArrayList<>();
    query(
        "M",
        mailbox,
        since,
        limit,
        rs -> result.add(new MailboxSend(instant(rs, 1), Jdbc.instant(rs, 2))));
    return result;
  }

  @Override
  public int countByMailbox(String mailbox, Instant since, Instant until) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM campaign_send_log"
                    + " WHERE kind = 'M' AND send_key = ? AND sent_at > ? AND sent_at <= ?")) {
      ps.setString(1, mailbox);
      setInstant(ps, 2, since);
      setInstant(ps, 3, until);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Instant> recentByDomain(String domain, Instant since, int limit) {
    List<Instant> result = new ArrayList<>();
    query("D", domain, since, limit, rs -> result.add(instant(rs, 1)));
    return result;
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String kind, String key, Instant since, int limit, Row row) {
    if (limit < 1) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT sent_at, gap_end FROM campaign_send_log"
                    + " WHERE kind = ? AND send_key = ? AND sent_at > ? ORDER BY sent_at DESC LIMIT ?")) {
      ps.setString(1, kind);
      ps.setString(2, key);
      setInstant(ps, 3, since);
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return Objects.requireNonNull(Jdbc.instant(rs, column));
  }
}
