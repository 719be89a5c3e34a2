package com.fourrunr.campaign.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL that differs between the supported databases. */
enum Dialect {
  POSTGRESQL("postgresql") {
    @Override
    String upsert(String table, String key, int rows, String... columns) {
      StringBuilder set = new StringBuilder();
      for (String c : columns) {
        if (!c.equals(key)) {
          set.append(set.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
        }
      }
      return insert(table, rows, columns) + " ON CONFLICT (" + key + ") DO UPDATE SET " + set;
    }

    @Override
    String insertIfAbsent(String table, String key, int rows, String... columns) {
      return insert(table, rows, columns) + " ON CONFLICT (" + key + ") DO NOTHING";
    }
  },
  H2("h2") {
    @Override
    String upsert(String table, String key, int rows, String... columns) {
      return "MERGE INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") KEY ("
          + key
          + ") VALUES "
          + values(rows, columns.length);
    }

    @Override
    String insertIfAbsent(String table, String key, int rows, String... columns) {
      // Plain INSERT: the store checks for the key first, inside the same transaction.
      return insert(table, rows, columns);
    }
  };

  private final String migrationFolder;

  /**
   * A plain insert of {@code rows} rows of {@code columns} into {@code table} (constant names), the
   * same in both dialects: {@code INSERT INTO table (a, b) VALUES (?, ?), (?, ?)}.
   */
  static String insert(String table, int rows, String... columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES "
        + values(rows, columns.length);
  }

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** An INSERT that replaces the row with the same key. */
  String upsert(String table, String key, String... columns) {
    return upsert(table, key, 1, columns);
  }

  /**
   * An INSERT of {@code rows} rows (no two with the same key) that replaces the rows with the same
   * keys.
   */
  abstract String upsert(String table, String key, int rows, String... columns);

  /** An INSERT that does nothing when the key exists (see {@link #needsExistenceCheck()}). */
  String insertIfAbsent(String table, String key, String... columns) {
    return insertIfAbsent(table, key, 1, columns);
  }

  /** {@link #insertIfAbsent(String, String, String...)} of {@code rows} rows. */
  abstract String insertIfAbsent(String table, String key, int rows, String... columns);

  /** Whether {@link #insertIfAbsent} needs the store to check for the key first. */
  boolean needsExistenceCheck() {
    return this == H2;
  }

  String migrationLocation() {
    return "classpath:com/fourrunr/campaign/jdbc/migration/" + migrationFolder;
  }

  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "dataSource: " + product + " is not supported (PostgreSQL or H2 are)");
  }

  /** {@code rows} rows of {@code n} parameters each: {@code (?, ?), (?, ?)}. */
  static String values(int rows, int n) {
    String row = "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    return String.join(", ", java.util.Collections.nCopies(rows, row));
  }
}
