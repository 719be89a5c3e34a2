package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.spi.StoreChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Keeps the PostgreSQL planner's statistics of the tables an enrolment fills (leads, campaigns,
 * messages, events) fresh: after a commit, a table whose rows written by this store (not counting
 * the writes of claimed messages and delivery writes, which add no row) since its last analyse
 * reach {@value #MIN_ROWS} and at least its row count at that analyse (the table has up to doubled)
 * is analysed ({@code ANALYZE <table>}, a sample of at most 30,000 rows by default).
 *
 * <p>Autovacuum analyses a table at most once a minute, so right after a bulk enrolment the tables
 * have no statistics and the planner reads every due message to claim 100. Between two analyses the
 * planner scales its row counts by the table's current size, so doubling is stale enough: an
 * enrolment of 100,000 leads (300,000 messages) runs about nine analyses of the message table and
 * about 30 in all, none per batch. H2 analyses a table by itself after 2,000 changed rows (its
 * setting {@code ANALYZE_AUTO}): nothing is done there. A failed analyse is logged and never fails
 * the commit, which is already done.
 */
final class TableStatistics {
  /** The fewest rows written to a table before it is analysed. */
  static final int MIN_ROWS = 1_000;

  private static final System.Logger LOG = System.getLogger(TableStatistics.class.getName());

  private final DataSource dataSource;
  private final boolean enabled;
  private final Table leads = new Table("campaign_leads");
  private final Table campaigns = new Table("campaign_campaigns");
  private final Table messages = new Table("campaign_messages");
  private final Table events = new Table("campaign_events");

  TableStatistics(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.enabled = dialect == Dialect.POSTGRESQL;
  }

  /** Counts the rows of a committed {@code changes} and analyses the tables that grew enough. */
  void written(StoreChanges changes) {
    if (!enabled) {
      return;
    }
    written(leads, changes.leads().size());
    written(campaigns, changes.campaigns().size());
    written(messages, newOrRewrittenMessages(changes));
    written(events, changes.events().size());
  }

  /**
   * The messages of {@code changes} that may be new rows: not the writes of claimed messages nor
   * the delivery writes of stored ones (the hot path of sending), which change a row's state, not
   * the table's size. Counted, they made the store analyse the message table again each time its
   * row count of sends had gone by (half a second of a sender's time at 240,000 messages), while
   * autovacuum already analyses a table whose rows change.
   */
  private static int newOrRewrittenMessages(StoreChanges changes) {
    if (changes.claims().isEmpty() && changes.deliveryOnly().isEmpty()) {
      return changes.messages().size();
    }
    Set<String> claimed = new HashSet<>();
    changes.claims().forEach(claim -> claimed.add(claim.messageId()));
    int rows = 0;
    for (CampaignMessage m : changes.messages()) {
      if (!claimed.contains(m.id()) && !changes.deliveryOnly().contains(m.id())) {
        rows++;
      }
    }
    return rows;
  }

  private void written(Table table, int rows) {
    if (rows == 0) {
      return;
    }
    long since = table.written.addAndGet(rows);
    if (since < MIN_ROWS || since < table.rowsAtAnalyse.get()) {
      return;
    }
    // one analyse of a table at a time; a commit that finds one running goes on
    if (!table.analysing.compareAndSet(false, true)) {
      return;
    }
    try {
      if (table.rowsAtAnalyse.get() < 0) {
        // first look at this table: the rows it had at its last analyse (autovacuum's or a host's)
        table.rowsAtAnalyse.set(rows(table));
        if (since < table.rowsAtAnalyse.get()) {
          return;
        }
      }
      table.rowsAtAnalyse.set(analyse(table));
      table.written.addAndGet(-since);
    } catch (SQLException | RuntimeException e) {
      // the commit is done: statistics are only a help to the planner
      table.rowsAtAnalyse.set(Math.max(0, table.rowsAtAnalyse.get()) + since);
      table.written.addAndGet(-since);
      LOG.log(
          System.Logger.Level.WARNING,
          "could not analyse {0} (SQL state {1}); the planner keeps its old statistics",
          table.name,
          e instanceof SQLException s ? s.getSQLState() : e.getClass().getSimpleName());
    } finally {
      table.analysing.set(false);
    }
  }

  /** Analyses {@code table} and returns its row count then. */
  private long analyse(Table table) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE " + table.name);
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    LOG.log(System.Logger.Level.DEBUG, "analysed {0}", table.name);
    return rows(table);
  }

  /** The row count of {@code table} at its last analyse (0 when never analysed). */
  private long rows(Table table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
      ps.setString(1, table.name);
      try (ResultSet rs = ps.executeQuery()) {
        // -1 (PostgreSQL 14 on) or 0: never analysed
        return rs.next() ? Math.max(0, (long) rs.getDouble(1)) : 0;
      } finally {
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }
    }
  }

  /** One table: rows written since its last analyse, and its rows then (-1: not looked at). */
  private static final class Table {
    final String name;
    final AtomicLong written = new AtomicLong();
    final AtomicBoolean analysing = new AtomicBoolean();
    final AtomicLong rowsAtAnalyse = new AtomicLong(-1);

    Table(String name) {
      this.name = name;
    }
  }
}
