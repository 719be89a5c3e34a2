package com.fourrunr.campaign.jdbc;

import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded file database, the single-machine default: H2 in file mode, in the same JVM, nothing
 * to install. H2 was chosen over SQLite because it is pure Java (no native library to unpack), has
 * row-level locks and MVCC like PostgreSQL (so the claim queries behave the same way), and speaks
 * enough of the same SQL that both migrations stay nearly identical. One process at a time: for
 * several instances, use PostgreSQL.
 *
 * <p><b>Durable commits.</b> H2 normally writes committed transactions to the file up to half a
 * second later ({@code WRITE_DELAY}), so a process killed hard ({@code kill -9}, the OOM killer, a
 * container stopped without grace) lost its last commits: a message recorded as being sent looked
 * unsent again and could go out twice. This database is opened with {@code WRITE_DELAY=0}: a commit
 * is written to the file before {@code commit()} returns, and survives the death of the process. It
 * is not forced to the disk ({@code fsync}), so a power cut or an operating-system crash can still
 * lose the last commits; where that matters, use PostgreSQL.
 */
public final class EmbeddedDatabase {
  private EmbeddedDatabase() {}

  /**
   * A {@link DataSource} on the H2 database in {@code file} (created if absent; H2 adds {@code
   * .mv.db}). Each {@code getConnection()} opens a connection to the same database, which stays
   * open until the JVM exits.
   */
  public static DataSource file(Path file) {
    Objects.requireNonNull(file, "file");
    String path = file.toAbsolutePath().toString();
    if (path.endsWith(".mv.db")) {
      path = path.substring(0, path.length() - ".mv.db".length());
    }
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url(path));
    ds.setUser("campaign");
    ds.setPassword("");
    return ds;
  }

  /**
   * The H2 URL of the database at {@code path} (without H2's {@code .mv.db}): DB_CLOSE_DELAY=-1
   * keeps the database open between connections, LOCK_TIMEOUT waits for row locks, WRITE_DELAY=0
   * writes each commit to the file before the commit returns.
   */
  static String url(String path) {
    return "jdbc:h2:file:" + path + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
  }

  /** The file H2 writes for {@code file}, to show to people. */
  public static Path dataFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".mv.db") ? file : file.resolveSibling(name + ".mv.db");
  }
}
