package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.testing.SendLogContract;
import org.junit.jupiter.api.Tag;

/** The send log contract against a real PostgreSQL server. */
@Tag("postgres")
class PostgresSendLogTest extends SendLogContract {
  @Override
  protected SendLog createLog() {
    return JdbcSendLog.create(Postgres.newDataSource());
  }
}
