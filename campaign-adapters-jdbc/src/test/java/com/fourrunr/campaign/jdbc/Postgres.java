package com.fourrunr.campaign.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the whole test run (embedded binaries, no Docker), and a new empty
 * database for each caller.
 */
final class Postgres {
  private static EmbeddedPostgres server;
  private static boolean templateReady;

  private Postgres() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // durability is not what these tests are about: no fsync makes commits fast
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return server;
  }

  /** Creates a new database with the campaign schema already migrated, and returns its name. */
  static synchronized String newDatabase() {
    if (!templateReady) {
      execute("CREATE DATABASE campaign_template");
      JdbcCampaignStore.migrate(server().getDatabase("postgres", "campaign_template"));
      templateReady = true;
    }
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    // copying a migrated template is much faster than migrating each database
    execute("CREATE DATABASE " + name + " TEMPLATE campaign_template");
    return name;
  }

  private static void execute(String sql) {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain (unpooled) data source on a new database holding the migrated schema. */
  static DataSource newDataSource() {
    return server().getDatabase("postgres", newDatabase());
  }

  /** The JDBC URL of a database. */
  static String url(String database) {
    return server().getJdbcUrl("postgres", database);
  }
}
