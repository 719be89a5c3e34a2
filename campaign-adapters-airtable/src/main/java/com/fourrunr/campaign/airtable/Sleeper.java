package com.fourrunr.campaign.airtable;

import java.time.Duration;

/**
 * Waits. The {@link AirtableClient} waits through a {@code Sleeper} (for the rate limit, after a
 * 429 and between retries) so that tests can pass one that advances a settable clock instead of
 * waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits on the wall clock with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), 0);

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
