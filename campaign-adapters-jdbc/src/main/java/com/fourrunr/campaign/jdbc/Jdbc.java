package com.fourrunr.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC plumbing the store classes share: transactions, queries, instants to the microsecond,
 * nullable parameters and insert-once.
 */
final class Jdbc {
  private static final String SQL_UNIQUE_VIOLATION = "23505";

  private Jdbc() {}

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  interface Work<T extends @Nullable Object> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Binds the parameters of one statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on a connection of {@code dataSource}: committed when it
   * returns, rolled back when it throws (shared with {@link JdbcSendLog}).
   */
  static <T extends @Nullable Object> T inTransaction(DataSource dataSource, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        return committed(c, work);
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} on a connection of {@code dataSource} in auto-commit, each statement its own
   * transaction: for one statement, no transaction to open and commit around it (on a pool that
   * hands out connections without auto-commit, committed after {@code work}).
   */
  static <T extends @Nullable Object> T autoCommitted(DataSource dataSource, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return c.getAutoCommit() ? work.run(c) : committed(c, work);
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} on {@code c}, outside auto-commit: committed, or rolled back when it throws.
   */
  private static <T extends @Nullable Object> T committed(Connection c, Work<T> work)
      throws SQLException {
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Runs one query on a connection of {@code dataSource} and maps each row. */
  static <T> List<T> query(DataSource dataSource, String sql, List<?> params, Row<T> row) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof Instant instant) {
          setInstant(ps, i + 1, instant);
        } else if (p instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else {
          ps.setString(i + 1, (String) p);
        }
      }
      List<T> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(row.map(rs));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts a row once: false when a row with that id is there already (another writer was first),
   * found by looking first ({@code checkFirst}) or by the unique violation of the insert.
   */
  static boolean insertOnce(
      Connection c, String table, String id, boolean checkFirst, String sql, Binder binder)
      throws SQLException {
    if (checkFirst && exists(c, table, "id", id)) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (!SQL_UNIQUE_VIOLATION.equals(e.getSQLState()) || OpenEmails.isClash(e)) {
        throw e;
      }
      return false;
    }
  }

  /** The version of a row of a versioned table (constant name), or -1. */
  static long storedVersion(Connection c, String table, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  static boolean exists(Connection c, String table, String key, String value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + key + " = ?")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A TIMESTAMP WITH TIME ZONE column as an instant, or null. */
  static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A NOT NULL TIMESTAMP WITH TIME ZONE column as an instant. */
  static Instant requiredInstant(ResultSet rs, int column) throws SQLException {
    Instant t = instant(rs, column);
    if (t == null) {
      throw new SQLException("column " + column + " is NULL where a time is required");
    }
    return t;
  }

  /** Binds an instant to microseconds in UTC, or SQL NULL. */
  static void setInstant(PreparedStatement ps, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(
          index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
  }

  static void setString(PreparedStatement ps, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
