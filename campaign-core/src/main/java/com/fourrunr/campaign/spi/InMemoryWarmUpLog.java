package com.fourrunr.campaign.spi;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link WarmUpLog#inMemory()}: the start days in a map. */
final class InMemoryWarmUpLog implements WarmUpLog {
  private final Map<String, LocalDate> started = new ConcurrentHashMap<>();

  @Override
  public LocalDate startedOn(String mailbox, LocalDate today) {
    return started.computeIfAbsent(mailbox, m -> today);
  }
}
