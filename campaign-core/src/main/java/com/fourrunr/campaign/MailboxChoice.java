package com.fourrunr.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending mailbox of each new campaign when a {@link HealthThrottle} is set: the healthiest
 * mailboxes (the highest share of their day cap, see {@link MailboxThrottle}) that are not paused,
 * in turn; when every mailbox is paused, all of them in turn.
 */
final class MailboxChoice {
  private final List<Mailbox> mailboxes;
  private final MailboxThrottle health;
  private final MailboxPauses pauses;
  private final Clock clock;
  private final AtomicLong next = new AtomicLong();

  MailboxChoice(
      List<Mailbox> mailboxes, MailboxThrottle health, MailboxPauses pauses, Clock clock) {
    this.mailboxes = List.copyOf(mailboxes);
    this.health = health;
    this.pauses = pauses;
    this.clock = clock;
  }

  /** The mailbox of the next new campaign. */
  Mailbox next() {
    Instant now = clock.instant();
    List<Mailbox> open = new ArrayList<>();
    for (Mailbox m : mailboxes) {
      if (pauses.mailboxPauseReason(m.address(), now) == null) {
        open.add(m);
      }
    }
    if (open.isEmpty()) {
      open.addAll(mailboxes);
    }
    double best = 0;
    List<Mailbox> healthiest = new ArrayList<>();
    for (Mailbox m : open) {
      double f = health.factor(m.address(), now);
      if (f > best) {
        best = f;
        healthiest.clear();
      }
      if (f == best) {
        healthiest.add(m);
      }
    }
    int i = (int) Math.floorMod(next.getAndIncrement(), (long) healthiest.size());
    return healthiest.get(i);
  }
}
