package com.fourrunr.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Rows written as multi-row statements ({@code INSERT ... VALUES (...), (...)}) of up to {@value
 * #ROWS} rows each, instead of one statement per row: the database parses, plans and runs one
 * statement per chunk, whatever the driver does with batches (users supply the {@code DataSource},
 * so a PostgreSQL URL without {@code reWriteBatchedInserts} gets the same). The statement of each
 * size is prepared once per call.
 */
final class MultiRowInserts {
  /** The most rows in one statement (15 columns of messages: well under the 32,767 parameters). */
  static final int ROWS = 100;

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
}
