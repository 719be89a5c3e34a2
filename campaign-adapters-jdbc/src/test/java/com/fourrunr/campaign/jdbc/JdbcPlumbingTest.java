package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC plumbing every store class relies on: one transaction per unit of work (committed or
 * rolled back, auto-commit restored), insert-once, versions, instants to the microsecond, NULLs,
 * and the SQL each dialect writes.
 */
class JdbcPlumbingTest {
  @TempDir static Path dir;

  private DataSource db;

  @BeforeEach
  void table() {
    db = EmbeddedDatabase.file(dir.resolve("plumbing-" + UUID.randomUUID()));
    Jdbc.inTransaction(
        db,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "CREATE TABLE t (id VARCHAR(20) PRIMARY KEY, name VARCHAR(20) NOT NULL,"
                      + " at TIMESTAMP WITH TIME ZONE, n INT, version BIGINT)")) {
            ps.execute();
          }
          return null;
        });
  }

  private static void insert(Connection c, String id, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO t (id, name, version) VALUES (?, ?, 7)")) {
      ps.setString(1, id);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  private List<String> names() {
    return Jdbc.query(db, "SELECT name FROM t ORDER BY id", List.of(), rs -> rs.getString(1));
  }

  @Test
  void workIsCommittedWhenItReturnsAndAutoCommitIsRestored() throws SQLException {
    String result =
        Jdbc.inTransaction(
            db,
            c -> {
              assertThat(c.getAutoCommit()).isFalse();
              insert(c, "a", "Ada");
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(names()).containsExactly("Ada");
    try (Connection c = db.getConnection()) {
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void workThatThrowsIsRolledBackAndSqlErrorsNameTheDatabase() {
    assertThatThrownBy(
            () ->
                Jdbc.inTransaction(
                    db,
                    c -> {
                      insert(c, "a", "Ada");
                      throw new IllegalArgumentException("bad lead");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad lead");
    assertThatThrownBy(
            () ->
                Jdbc.inTransaction(
                    db,
                    c -> {
                      insert(c, "b", "Bob");
                      insert(c, "b", "Bob again");
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("campaign database: ");
    assertThat(names()).isEmpty();
  }

  @Test
  void insertOnceTellsWhetherThisWriterWasFirst() {
    String sql = "INSERT INTO t (id, name) VALUES (?, ?)";
    Jdbc.Binder ada =
        ps -> {
          ps.setString(1, "a");
          ps.setString(2, "Ada");
        };

    assertThat(Jdbc.<Boolean>inTransaction(db, c -> Jdbc.insertOnce(c, "t", "a", true, sql, ada)))
        .isTrue();
    // Found by looking first, or by the unique violation of the insert itself.
    assertThat(Jdbc.<Boolean>inTransaction(db, c -> Jdbc.insertOnce(c, "t", "a", true, sql, ada)))
        .isFalse();
    assertThat(Jdbc.<Boolean>inTransaction(db, c -> Jdbc.insertOnce(c, "t", "a", false, sql, ada)))
        .isFalse();
    assertThat(names()).containsExactly("Ada");
  }

  @Test
  void insertOnceRethrowsAnyOtherError() {
    Jdbc.Binder noName =
        ps -> {
          ps.setString(1, "z");
          ps.setNull(2, java.sql.Types.VARCHAR);
        };

    assertThatThrownBy(
            () ->
                Jdbc.inTransaction(
                    db,
                    c ->
                        Jdbc.insertOnce(
                            c, "t", "z", false, "INSERT INTO t (id, name) VALUES (?, ?)", noName)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void versionsAndExistenceAreReadByKey() {
    Jdbc.inTransaction(
        db,
        c -> {
          insert(c, "a", "Ada");
          return null;
        });

    assertThat(Jdbc.<Long>inTransaction(db, c -> Jdbc.storedVersion(c, "t", "a"))).isEqualTo(7L);
    assertThat(Jdbc.<Long>inTransaction(db, c -> Jdbc.storedVersion(c, "t", "x"))).isEqualTo(-1L);
    assertThat(Jdbc.<Boolean>inTransaction(db, c -> Jdbc.exists(c, "t", "name", "Ada"))).isTrue();
    assertThat(Jdbc.<Boolean>inTransaction(db, c -> Jdbc.exists(c, "t", "name", "Bob"))).isFalse();
  }

  @Test
  void instantsAreKeptToTheMicrosecondAndNullsAsNull() {
    Instant precise = Instant.parse("2026-11-20T10:00:00.123456789Z");
    Jdbc.inTransaction(
        db,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO t (id, name, at) VALUES (?, ?, ?)")) {
            ps.setString(1, "a");
            Jdbc.setString(ps, 2, "Ada");
            Jdbc.setInstant(ps, 3, precise);
            ps.executeUpdate();
            ps.setString(1, "b");
            Jdbc.setString(ps, 2, "Bob");
            Jdbc.setInstant(ps, 3, null);
            ps.executeUpdate();
          }
          return null;
        });

    assertThat(
            Jdbc.query(
                db, "SELECT at FROM t WHERE id = ?", List.of("a"), rs -> Jdbc.instant(rs, 1)))
        .containsExactly(Instant.parse("2026-11-20T10:00:00.123456Z"));
    List<Instant> none =
        Jdbc.query(db, "SELECT at FROM t WHERE id = ?", List.of("b"), rs -> Jdbc.instant(rs, 1));
    assertThat(none).hasSize(1);
    assertThat(none.get(0)).isNull();
    assertThatThrownBy(
            () ->
                Jdbc.query(
                    db,
                    "SELECT at FROM t WHERE id = ?",
                    List.of("b"),
                    rs -> Jdbc.requiredInstant(rs, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column 1 is NULL where a time is required");
  }

  @Test
  void queryParametersAreBoundByTheirType() {
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    Jdbc.inTransaction(
        db,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO t (id, name, at, n) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, "a");
            ps.setString(2, "Ada");
            Jdbc.setInstant(ps, 3, at);
            ps.setInt(4, 3);
            ps.executeUpdate();
          }
          return null;
        });

    assertThat(
            Jdbc.query(
                db,
                "SELECT name FROM t WHERE at = ? AND n = ? AND id = ?",
                List.of(at, 3, "a"),
                rs -> rs.getString(1)))
        .containsExactly("Ada");
  }

  // Dialects
  // ---------------------------------------------------------------------------------------

  @Test
  void postgresqlUpsertsOnConflictUpdatingEveryColumnButTheKey() {
    assertThat(Dialect.POSTGRESQL.upsert("t", "id", "id", "name", "at"))
        .isEqualTo(
            "INSERT INTO t (id, name, at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " name = EXCLUDED.name, at = EXCLUDED.at");
    assertThat(Dialect.POSTGRESQL.insertIfAbsent("t", "id", "id", "name"))
        .isEqualTo("INSERT INTO t (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
    assertThat(Dialect.POSTGRESQL.needsExistenceCheck()).isFalse();
    assertThat(Dialect.POSTGRESQL.migrationLocation())
        .isEqualTo("classpath:com/fourrunr/campaign/jdbc/migration/postgresql");
  }

  @Test
  void h2MergesByKeyAndChecksForTheKeyBeforeAPlainInsert() {
    assertThat(Dialect.H2.upsert("t", "id", "id", "name"))
        .isEqualTo("MERGE INTO t (id, name) KEY (id) VALUES (?, ?)");
    assertThat(Dialect.H2.insertIfAbsent("t", "id", "id", "name"))
        .isEqualTo("INSERT INTO t (id, name) VALUES (?, ?)");
    assertThat(Dialect.H2.needsExistenceCheck()).isTrue();
    assertThat(Dialect.H2.migrationLocation())
        .isEqualTo("classpath:com/fourrunr/campaign/jdbc/migration/h2");
  }

  private static Connection productNamed(String product) {
    DatabaseMetaData meta =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                JdbcPlumbingTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? product : null);
    return (Connection)
        Proxy.newProxyInstance(
            JdbcPlumbingTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, a) -> m.getName().equals("getMetaData") ? meta : null);
  }

  @Test
  void theDialectIsTheDatabaseProductsAndOthersAreRefused() throws SQLException {
    assertThat(Dialect.of(productNamed("PostgreSQL"))).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.of(productNamed("H2"))).isEqualTo(Dialect.H2);
    try (Connection c = db.getConnection()) {
      assertThat(Dialect.of(c)).isEqualTo(Dialect.H2);
    }
    assertThatThrownBy(() -> Dialect.of(productNamed("MySQL")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dataSource: mysql is not supported (PostgreSQL or H2 are)");
  }

  // The embedded database's file -----------------------------------------------------------------

  @Test
  void theEmbeddedFileIsNamedWithOrWithoutH2sSuffix() throws SQLException {
    Path plain = dir.resolve("named");
    Path suffixed = dir.resolve("named.mv.db");

    assertThat(EmbeddedDatabase.dataFile(plain)).isEqualTo(suffixed);
    assertThat(EmbeddedDatabase.dataFile(suffixed)).isEqualTo(suffixed);
    assertThat(EmbeddedDatabase.url("/x/y"))
        .isEqualTo("jdbc:h2:file:/x/y;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
    // Either name opens the same database.
    try (Connection a = EmbeddedDatabase.file(suffixed).getConnection();
        PreparedStatement ps = a.prepareStatement("CREATE TABLE same (x INT)")) {
      ps.execute();
    }
    try (Connection b = EmbeddedDatabase.file(plain).getConnection();
        PreparedStatement ps = b.prepareStatement("SELECT COUNT(*) FROM same");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
    }
  }
}
