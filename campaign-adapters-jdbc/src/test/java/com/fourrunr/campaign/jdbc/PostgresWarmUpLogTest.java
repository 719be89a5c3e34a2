package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.WarmUpLog;
import com.fourrunr.campaign.testing.WarmUpLogContract;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;

/** The warm-up log contract against a real PostgreSQL server; a reopen is a new log on it. */
@Tag("postgres")
class PostgresWarmUpLogTest extends WarmUpLogContract {
  private final Map<WarmUpLog, DataSource> sources = new ConcurrentHashMap<>();

  @Override
  protected WarmUpLog createLog() {
    DataSource ds = Postgres.newDataSource();
    WarmUpLog log = JdbcWarmUpLog.create(ds);
    sources.put(log, ds);
    return log;
  }

  @Override
  protected WarmUpLog reopen(WarmUpLog log) {
    return JdbcWarmUpLog.create(sources.get(log));
  }
}
