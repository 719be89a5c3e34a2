package com.fourrunr.campaign.jdbc;

import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded file database, the single-machine default: H2 in file mode, in the same JVM, nothing to
 * install. H2 was chosen over SQLite because it is pure Java (no native library to unpack), has row-level
 * locks and MVCC like PostgreSQL (so the claim queries behave the same way), and speaks enough of the same
 * SQL that both migrations stay nearly identical. One process at a time: for several instances, use
 * PostgreSQL.
 */
public final class EmbeddedDatabase {
  private EmbeddedDatabase() {}

  /**
   * A {@link DataSource} on the H2 database in {@code file} (created if absent; H2 adds {@code .mv.db}).
   * Each {@code getConnection()} opens a connection to the same database, which stays open until the JVM
   * exits.
   */
  public static DataSource file(Path file) {
    Objects.requireNonNull(file, "file");
    String path = file.toAbsolutePath().toString();
    if (path.endsWith(".mv.db")) {
      path = path.substring(0, path.length() - ".mv.db".length());
    }
    JdbcDataSource ds = new JdbcDataSource();
    // DB_CLOSE_DELAY=-1 keeps the database open between connections; LOCK_TIMEOUT waits for row locks.
    ds.setURL("jdbc:h2:file:" + path + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    ds.setUser("campaign");
    ds.setPassword("");
    return ds;
  }

  /** The file H2 writes for {@code file}, to show to people. */
  public static Path dataFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".mv.db") ? file : file.resolveSibling(name + ".mv.db");
  }
}
