package com.fourrunr.campaign.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL that differs between the supported databases. */
enum Dialect {
  POSTGRESQL("postgresql") {
    @Override
    String upsert(String table, String key, String... columns) {
      StringBuilder set = new StringBuilder();
      for (String c : columns) {
        if (!c.equals(key)) {
          set.append(set.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
        }
      }
      return "INSERT INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") VALUES ("
          + placeholders(columns.length)
          + ") ON CONFLICT ("
          + key
          + ") DO UPDATE SET "
          + set;
    }

    @Override
    String insertIfAbsent(String table, String key, String... columns) {
      return "INSERT INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") VALUES ("
          + placeholders(columns.length)
          + ") ON CONFLICT ("
          + key
          + ") DO NOTHING";
    }
  },
  H2("h2") {
    @Override
    String upsert(String table, String key, String... columns) {
      return "MERGE INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") KEY ("
          + key
          + ") VALUES ("
          + placeholders(columns.length)
          + ")";
    }

    @Override
    String insertIfAbsent(String table, String key, String... columns) {
      // Plain INSERT: the store checks for the key first, inside the same transaction.
      return "INSERT INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") VALUES ("
          + placeholders(columns.length)
          + ")";
    }
  };

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** An INSERT that replaces the row with the same key. */
  abstract String upsert(String table, String key, String... columns);

  /** An INSERT that does nothing when the key exists (see {@link #needsExistenceCheck()}). */
  abstract String insertIfAbsent(String table, String key, String... columns);

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

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
