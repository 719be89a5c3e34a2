package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.WarmUpLog;
import com.fourrunr.campaign.testing.WarmUpLogContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up log contract against the embedded H2 file database; a reopen is a new log on it. */
class H2WarmUpLogTest extends WarmUpLogContract {
  @TempDir static Path dir;

  private final Map<WarmUpLog, DataSource> sources = new ConcurrentHashMap<>();

  @Override
  protected WarmUpLog createLog() {
    DataSource ds = EmbeddedDatabase.file(dir.resolve("warm-" + UUID.randomUUID()));
    WarmUpLog log = JdbcWarmUpLog.create(ds);
    sources.put(log, ds);
    return log;
  }

  @Override
  protected WarmUpLog reopen(WarmUpLog log) {
    return JdbcWarmUpLog.create(sources.get(log));
  }
}
