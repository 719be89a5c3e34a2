package com.fourrunr.campaign.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Embedded databases for the benchmarks: PostgreSQL with its defaults (fsync on), and a pool. */
final class BenchDatabases {
  private BenchDatabases() {}

  /** A PostgreSQL server with its default durability settings. */
  static EmbeddedPostgres postgres() throws IOException {
    return EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
  }

  /** A pool of {@code size} connections to the server's {@code postgres} database. */
  static HikariDataSource pool(EmbeddedPostgres server, int size) {
    return pool(server.getJdbcUrl("postgres", "postgres"), "postgres", size);
  }

  static HikariDataSource pool(String url, String user, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
