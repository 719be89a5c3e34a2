package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.testing.SendLogContract;

/** The send log contract against a real PostgreSQL server. */
class PostgresSendLogTest extends SendLogContract {
  @Override
  protected SendLog createLog() {
    return JdbcSendLog.create(Postgres.newDataSource());
  }
}
