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
    ds.setURL(url(path) + tuning(Runtime.getRuntime().maxMemory()));
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

  /**
   * The settings for volume, after {@link #url}: H2's page cache sized for the heap ({@link
   * #cacheSizeKb}), and text values of up to {@value #INPLACE_LOB_BYTES} bytes kept in their row
   * ({@code MAX_LENGTH_INPLACE_LOB}; H2's default is 256 bytes). Message bodies, lead data and
   * event attributes are {@code CLOB} columns: a longer value is a LOB of its own, written to
   * separate maps, which made each enrolled lead several LOB writes.
   */
  static String tuning(long maxHeap) {
    return ";CACHE_SIZE=" + cacheSizeKb(maxHeap) + ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_LOB_BYTES;
  }

  /** The longest text (in bytes) H2 keeps in the row of a {@code CLOB} column. */
  static final int INPLACE_LOB_BYTES = 32 * 1024;

  /**
   * H2's page cache in KB for a JVM whose heap may grow to {@code maxHeap} bytes: a sixteenth of
   * it, at least 16 MB and at most 1 GB. A quarter kept the indexes of a large enrolment in memory,
   * but in a 256 MB heap the cache's turnover kept the garbage collector marking the old generation
   * over and over: 100,000 leads took 75 s with a quarter, 61 s with an eighth and 58 s with a
   * sixteenth ({@code EnrolmentAtScaleBenchmark}); the ids are time-ordered, so inserts touch the
   * right-hand pages of each index, which stay cached.
   */
  static long cacheSizeKb(long maxHeap) {
    long quarterKb = maxHeap == Long.MAX_VALUE ? Long.MAX_VALUE : maxHeap / 16 / 1024;
    return Math.max(16L * 1024, Math.min(1024L * 1024, quarterKb));
  }

  /** The file H2 writes for {@code file}, to show to people. */
  public static Path dataFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".mv.db") ? file : file.resolveSibling(name + ".mv.db");
  }
}
