package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.spi.WarmUpLog;

/** The warm-up log contract against {@link WarmUpLog#inMemory()} (a reopen is the same map). */
class InMemoryWarmUpLogTest extends WarmUpLogContract {
  @Override
  protected WarmUpLog createLog() {
    return WarmUpLog.inMemory();
  }

  @Override
  protected WarmUpLog reopen(WarmUpLog log) {
    return log;
  }
}
