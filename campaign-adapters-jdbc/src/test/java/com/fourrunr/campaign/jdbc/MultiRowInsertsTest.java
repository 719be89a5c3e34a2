package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-row statements write rows as if one by one: chunks of at most {@link MultiRowInserts#ROWS},
 * and a repeated key in a new statement, so the later row wins an upsert. Also the embedded
 * database's settings for volume.
 */
class MultiRowInsertsTest {
  @TempDir static Path dir;

  private DataSource db;

  private record Row(String id, String name) {}

  @BeforeEach
  void table() {
    db = EmbeddedDatabase.file(dir.resolve("multirow-" + UUID.randomUUID()));
    Jdbc.inTransaction(
        db,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "CREATE TABLE t (id VARCHAR(20) PRIMARY KEY, name CLOB NOT NULL)")) {
            ps.execute();
          }
          return null;
        });
  }

  private List<Integer> upsert(List<Row> rows) {
    return Jdbc.inTransaction(
        db,
        c ->
            MultiRowInserts.write(
                c,
                rows,
                2,
                n -> Dialect.H2.upsert("t", "id", n, "id", "name"),
                Row::id,
                (ps, first, row) -> {
                  ps.setString(first, row.id());
                  ps.setString(first + 1, row.name());
                }));
  }

  private List<String> stored() {
    return Jdbc.query(
        db, "SELECT id || '=' || name FROM t ORDER BY id", List.of(), rs -> rs.getString(1));
  }

  @Test
  void rowsGoInStatementsOfAtMostAHundredRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      rows.add(new Row(String.format("r%03d", i), "n" + i));
    }

    assertThat(upsert(rows)).containsExactly(100, 100, 50);
    assertThat(stored()).hasSize(250).startsWith("r000=n0").endsWith("r249=n249");
  }

  @Test
  void aRepeatedKeyStartsANewStatementAndTheLaterRowWins() {
    List<Integer> counts =
        upsert(
            List.of(
                new Row("a", "first"),
                new Row("b", "b"),
                new Row("a", "second"),
                new Row("c", "c")));

    assertThat(counts).containsExactly(2, 2);
    assertThat(stored()).containsExactly("a=second", "b=b", "c=c");
  }

  @Test
  void noRowsNoStatement() {
    assertThat(upsert(List.of())).isEmpty();
  }

  @Test
  void theDialectsWriteOneStatementForManyRows() {
    assertThat(Dialect.POSTGRESQL.insertIfAbsent("t", "id", 2, "id", "name"))
        .isEqualTo("INSERT INTO t (id, name) VALUES (?, ?), (?, ?) ON CONFLICT (id) DO NOTHING");
    assertThat(Dialect.POSTGRESQL.upsert("t", "id", 2, "id", "name"))
        .isEqualTo(
            "INSERT INTO t (id, name) VALUES (?, ?), (?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " name = EXCLUDED.name");
    assertThat(Dialect.H2.upsert("t", "id", 2, "id", "name"))
        .isEqualTo("MERGE INTO t (id, name) KEY (id) VALUES (?, ?), (?, ?)");
    assertThat(Dialect.H2.insertIfAbsent("t", "id", 3, "id"))
        .isEqualTo("INSERT INTO t (id) VALUES (?), (?), (?)");
  }

  @Test
  void theEmbeddedCacheIsASixteenthOfTheHeapWithinBounds() {
    assertThat(EmbeddedDatabase.cacheSizeKb(256L << 20)).isEqualTo(16 * 1024);
    assertThat(EmbeddedDatabase.cacheSizeKb(1L << 30)).isEqualTo(64 * 1024);
    assertThat(EmbeddedDatabase.cacheSizeKb(32L << 20)).isEqualTo(16 * 1024);
    assertThat(EmbeddedDatabase.cacheSizeKb(64L << 30)).isEqualTo(1024 * 1024);
    assertThat(EmbeddedDatabase.cacheSizeKb(Long.MAX_VALUE)).isEqualTo(1024 * 1024);
  }

  @Test
  void theEmbeddedDatabaseKeepsTextOfUpTo32KbInItsRow() throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME IN ('MAX_LENGTH_INPLACE_LOB', 'CACHE_SIZE')"
                    + " ORDER BY SETTING_NAME");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("CACHE_SIZE");
      assertThat(Long.parseLong(rs.getString(2)))
          .isEqualTo(EmbeddedDatabase.cacheSizeKb(Runtime.getRuntime().maxMemory()));
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("32768");
    }
    // a long text still reads back whole, in the row or not
    String big = "x".repeat(100_000);
    upsert(List.of(new Row("small", "y".repeat(2_000)), new Row("big", big)));
    assertThat(
            Jdbc.query(db, "SELECT name FROM t WHERE id = 'big'", List.of(), rs -> rs.getString(1)))
        .containsExactly(big);
  }
}
