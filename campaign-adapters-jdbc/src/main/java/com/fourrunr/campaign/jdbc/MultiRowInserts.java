package com.fourrunr.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The multi-row statements of a commit's inserts: rows written as {@code INSERT ... VALUES (...),
 * (...)} of up to {@value #ROWS} rows each instead of one statement per row (the database parses,
 * plans and runs one statement per chunk, whatever the driver does with batches: users supply the
 * {@code DataSource}, so a PostgreSQL URL without {@code reWriteBatchedInserts} gets the same; the
 * statement of each size is prepared once per call); which of the keys to insert are stored
 * already, in one query per {@value #KEYS} keys instead of one per row; and the signal that a
 * multi-row insert was refused, so the commit is redone row by row (where each refusal gets its
 * precise exception). It replaces the former {@code BatchInserts}.
 */
final class MultiRowInserts {
  /** The most rows in one statement (15 columns of messages: well under the 32,767 parameters). */
  static final int ROWS = 100;

  /** The most keys in one {@link #existing} query. */
  static final int KEYS = 500;

  /** Binds one row's parameters, from parameter index {@code first}. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  private MultiRowInserts() {}

  /**
   * Writes {@code rows} in order with {@code sql} (the statement for a number of rows) of {@code
   * columns} parameters per row. No statement holds two rows of the same {@code key} (an upsert may
   * not touch a row twice): a row whose key is in the current chunk starts the next one, so the
   * rows are written as if one by one.
   *
   * @return the update count of each statement, in order
   */
  static <T> List<Integer> write(
      Connection c,
      List<T> rows,
      int columns,
      IntFunction<String> sql,
      Function<T, String> key,
      Binder<T> binder)
      throws SQLException {
    List<Integer> counts = new ArrayList<>();
    Map<Integer, PreparedStatement> statements = new HashMap<>();
    try {
      List<T> chunk = new ArrayList<>(Math.min(ROWS, rows.size()));
      Set<String> keys = new HashSet<>();
      for (T row : rows) {
        if (chunk.size() == ROWS || !keys.add(key.apply(row))) {
          counts.add(run(c, statements, chunk, columns, sql, binder));
          chunk.clear();
          keys.clear();
          keys.add(key.apply(row));
        }
        chunk.add(row);
      }
      if (!chunk.isEmpty()) {
        counts.add(run(c, statements, chunk, columns, sql, binder));
      }
      return counts;
    } finally {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
    }
  }

  private static <T> int run(
      Connection c,
      Map<Integer, PreparedStatement> statements,
      List<T> chunk,
      int columns,
      IntFunction<String> sql,
      Binder<T> binder)
      throws SQLException {
    PreparedStatement ps = statements.get(chunk.size());
    if (ps == null) {
      ps = c.prepareStatement(sql.apply(chunk.size()));
      statements.put(chunk.size(), ps);
    }
    for (int i = 0; i < chunk.size(); i++) {
      binder.bind(ps, i * columns + 1, chunk.get(i));
    }
    return ps.executeUpdate();
  }

  /** Which of {@code keys} are in column {@code key} of {@code table} (constant names). */
  static Set<String> existing(Connection c, String table, String key, Collection<String> keys)
      throws SQLException {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Set<String> found = new HashSet<>();
    for (int from = 0; from < distinct.size(); from += KEYS) {
      List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + KEYS));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + key
                  + " FROM "
                  + table
                  + " WHERE "
                  + key
                  + " IN ("
                  + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  /**
   * Refuses the commit ({@link Refused}) unless the inserts whose row counts are {@code counts}
   * inserted {@code expected} rows in all.
   */
  static void requireInserted(List<Integer> counts, int expected, String what) {
    int total = 0;
    for (int n : counts) {
      total += n;
    }
    if (total != expected) {
      throw new Refused(new SQLException("a new " + what + " was not inserted"));
    }
  }

  /**
   * Thrown inside a commit's transaction when a multi-row insert of new campaigns was refused (a
   * key or an open address taken): the transaction is rolled back and the commit redone row by row.
   */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
