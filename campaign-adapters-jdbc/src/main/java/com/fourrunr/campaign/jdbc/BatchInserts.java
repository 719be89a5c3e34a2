package com.fourrunr.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The multi-row side of {@link JdbcWrites}: which keys of a commit are stored already, in one query
 * per {@value #CHUNK} keys instead of one per row, and the signal that a batch of new rows was
 * refused so the commit is redone row by row (where each refusal gets its precise exception).
 */
final class BatchInserts {
  static final int CHUNK = 500;

  private BatchInserts() {}

  /** Which of {@code keys} are in column {@code key} of {@code table} (constant names). */
  static Set<String> existing(Connection c, String table, String key, Collection<String> keys)
      throws SQLException {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Set<String> found = new HashSet<>();
    for (int from = 0; from < distinct.size(); from += CHUNK) {
      List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
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
