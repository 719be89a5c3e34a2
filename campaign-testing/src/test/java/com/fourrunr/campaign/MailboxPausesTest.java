package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A mailbox pause is stored as an event, so another instance reads it within a minute. */
class MailboxPausesTest {
  private final EngineParts p = new EngineParts();

  @Test
  void aPauseIsIdempotentStoredAndSeenByAnotherInstanceUntilResumed() {
    MailboxPauses other = new MailboxPauses(p.ctx);
    assertThat(other.pausedMailboxes()).isEmpty();

    assertThat(p.mailboxPauses.pauseMailbox(" Hello@4runr.test ", "bounces")).isTrue();
    assertThat(p.mailboxPauses.pauseMailbox("hello@4runr.test", "again")).isFalse();
    assertThat(p.mailboxPauses.mailboxPauseReason("HELLO@4runr.test", p.clock.instant()))
        .isEqualTo("bounces");
    assertThat(other.pausedMailboxes()).as("read less than a minute ago").isEmpty();

    p.clock.advance(Duration.ofMinutes(2));
    assertThat(other.pausedMailboxes()).containsEntry("hello@4runr.test", "bounces");
    assertThat(other.resumeMailbox("hello@4runr.test", "fixed")).isTrue();
    p.clock.advance(Duration.ofMinutes(2));
    assertThat(p.mailboxPauses.mailboxPauseReason("hello@4runr.test", p.clock.instant())).isNull();
    assertThat(p.heardTypes()).containsExactly(EventType.MAILBOX_PAUSED, EventType.MAILBOX_RESUMED);
  }
}
