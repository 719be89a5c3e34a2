package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.WarmUpLog;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WarmUpLog} in the campaign database (table {@code campaign_warm_up}): each mailbox's
 * warm-up start survives restarts and is shared by every instance on the database. Give it to
 * {@code CampaignEngine.builder().warmUp(ramp, JdbcWarmUpLog.create(dataSource))}. Migrates the
 * schema like {@link JdbcCampaignStore}. Thread-safe.
 */
public final class JdbcWarmUpLog implements WarmUpLog {
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  /** Start days already read: they never change once stored. */
  private final Map<String, LocalDate> known = new ConcurrentHashMap<>();

  private JdbcWarmUpLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Migrates the schema if needed, then returns the log kept in {@code dataSource}. */
  public static JdbcWarmUpLog create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    JdbcCampaignStore.migrate(dataSource);
    return new JdbcWarmUpLog(dataSource);
  }

  @Override
  public LocalDate startedOn(String mailbox, LocalDate today) {
    LocalDate cached = known.get(mailbox);
    if (cached != null) {
      return cached;
    }
    try {
      LocalDate stored = read(mailbox);
      if (stored == null) {
        try {
          insert(mailbox, today);
          stored = today;
        } catch (SQLException e) {
          if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
          }
          // another instance stored its day first: that one holds
          stored = Objects.requireNonNull(read(mailbox), "warm-up row");
        }
      }
      known.put(mailbox, stored);
      return stored;
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  private @Nullable LocalDate read(String mailbox) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT started_on FROM campaign_warm_up WHERE mailbox = ?")) {
      ps.setString(1, mailbox);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, LocalDate.class) : null;
      }
    }
  }

  private void insert(String mailbox, LocalDate day) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO campaign_warm_up (mailbox, started_on) VALUES (?, ?)")) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      ps.setString(1, mailbox);
      ps.setDate(2, Date.valueOf(day));
      ps.executeUpdate();
    }
  }
}
