package com.fourrunr.campaign.spi;

import java.time.LocalDate;

/**
 * Where each sending mailbox's warm-up started (see {@link com.fourrunr.campaign.WarmUp}), so a
 * restart keeps its place on the ramp. {@link #inMemory()} forgets on restart; {@code
 * JdbcWarmUpLog} in {@code campaign-adapters-jdbc} keeps the days in the campaign database, shared
 * by every instance. Implementations are thread-safe; mailbox addresses are given lower-cased.
 */
public interface WarmUpLog {
  /**
   * The day {@code mailbox} started its warm-up: the one stored, or {@code today}, which is then
   * stored. The first day stored wins, also when two instances ask at once.
   */
  LocalDate startedOn(String mailbox, LocalDate today);

  /** A log in this engine's memory. */
  static WarmUpLog inMemory() {
    return new InMemoryWarmUpLog();
  }
}
