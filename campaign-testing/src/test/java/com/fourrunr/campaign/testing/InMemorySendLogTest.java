package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.spi.SendLog;

/** The send log contract for {@link SendLog#inMemory()}. */
class InMemorySendLogTest extends SendLogContract {
  @Override
  protected SendLog createLog() {
    return SendLog.inMemory();
  }
}
