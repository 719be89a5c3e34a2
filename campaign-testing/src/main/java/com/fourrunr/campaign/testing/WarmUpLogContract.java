package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.spi.WarmUpLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WarmUpLog} must do. Extend it and return a new, empty log from {@link
 * #createLog()}; {@link #reopen(WarmUpLog)} returns a log over the same data, as after a restart.
 */
public abstract class WarmUpLogContract {
  private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");

  /** A new, empty log. */
  protected abstract WarmUpLog createLog();

  /** A log over the same data as {@code log}, as a restarted instance would open it. */
  protected abstract WarmUpLog reopen(WarmUpLog log);

  @Test
  public void theFirstDayAskedIsStoredAndKeptAcrossAReopen() {
    WarmUpLog log = createLog();
    assertThat(log.startedOn("hello@4runr.test", MONDAY)).isEqualTo(MONDAY);
    assertThat(log.startedOn("hello@4runr.test", MONDAY.plusDays(3))).isEqualTo(MONDAY);
    assertThat(log.startedOn("other@4runr.test", MONDAY.plusDays(3))).isEqualTo(MONDAY.plusDays(3));

    WarmUpLog again = reopen(log);
    assertThat(again.startedOn("hello@4runr.test", MONDAY.plusDays(20))).isEqualTo(MONDAY);
    assertThat(again.startedOn("other@4runr.test", MONDAY.plusDays(20)))
        .isEqualTo(MONDAY.plusDays(3));
  }

  @Test
  public void concurrentFirstAsksAgreeOnOneDay() throws Exception {
    WarmUpLog log = createLog();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<LocalDate>> days = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        LocalDate today = MONDAY.plusDays(i % 4);
        days.add(pool.submit(() -> log.startedOn("race@4runr.test", today)));
      }
      LocalDate first = days.get(0).get(10, TimeUnit.SECONDS);
      for (Future<LocalDate> d : days) {
        assertThat(d.get(10, TimeUnit.SECONDS)).isEqualTo(first);
      }
      assertThat(log.startedOn("race@4runr.test", MONDAY.plusDays(9))).isEqualTo(first);
    } finally {
      pool.shutdownNow();
    }
  }
}
