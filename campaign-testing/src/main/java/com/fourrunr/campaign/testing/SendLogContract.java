package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.spi.SendLog.MailboxSend;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SendLog} must do. Extend it and return a new, empty log from {@link
 * #createLog()}; the in-memory log and the JDBC log (H2 and PostgreSQL) run it.
 */
public abstract class SendLogContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** A new, empty log. */
  protected abstract SendLog createLog();

  private SendLog log;

  @BeforeEach
  void newLog() {
    log = createLog();
  }

  @Test
  public void mailboxSendsComeBackNewestFirstAfterTheGivenMomentUpToTheLimitWithTheirGapEnds() {
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plus(Duration.ofMinutes(10L * i));
      log.record("hello@4runr.test", "d" + i + ".example", at, at.plus(Duration.ofMinutes(7)));
    }
    log.record("other@4runr.test", "d0.example", T0.plus(Duration.ofMinutes(45)), null);

    assertThat(log.recentByMailbox("hello@4runr.test", T0.plus(Duration.ofMinutes(10)), 10))
        .containsExactly(
            new MailboxSend(T0.plus(Duration.ofMinutes(40)), T0.plus(Duration.ofMinutes(47))),
            new MailboxSend(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(37))),
            new MailboxSend(T0.plus(Duration.ofMinutes(20)), T0.plus(Duration.ofMinutes(27))));
    assertThat(log.recentByMailbox("hello@4runr.test", T0.minusSeconds(1), 2))
        .extracting(MailboxSend::at)
        .containsExactly(T0.plus(Duration.ofMinutes(40)), T0.plus(Duration.ofMinutes(30)));
    assertThat(log.recentByMailbox("other@4runr.test", T0, 10))
        .containsExactly(new MailboxSend(T0.plus(Duration.ofMinutes(45)), null));
    assertThat(log.recentByMailbox("nobody@4runr.test", T0.minusSeconds(1), 10)).isEmpty();
  }

  @Test
  public void domainSendsAreCountedOverEveryMailbox() {
    log.record("a@4runr.test", "bigcorp.example", T0, null);
    log.record("b@4runr.test", "bigcorp.example", T0.plusSeconds(60), null);
    log.record("b@4runr.test", "small.example", T0.plusSeconds(120), null);

    assertThat(log.recentByDomain("bigcorp.example", T0.minusSeconds(1), 10))
        .containsExactly(T0.plusSeconds(60), T0);
    assertThat(log.recentByDomain("bigcorp.example", T0, 10)).containsExactly(T0.plusSeconds(60));
    assertThat(log.recentByDomain("small.example", T0.minusSeconds(1), 10))
        .containsExactly(T0.plusSeconds(120));
  }
}
