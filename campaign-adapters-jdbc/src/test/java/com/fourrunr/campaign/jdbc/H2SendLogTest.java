package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.testing.SendLogContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The send log contract against the embedded H2 file database. */
class H2SendLogTest extends SendLogContract {
  @TempDir static Path dir;

  @Override
  protected SendLog createLog() {
    return JdbcSendLog.create(EmbeddedDatabase.file(dir.resolve("log-" + UUID.randomUUID())));
  }
}
