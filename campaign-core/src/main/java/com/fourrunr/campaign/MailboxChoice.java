package com.fourrunr.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending mailbox of each new campaign when a {@link HealthThrottle} is set: of the mailboxes
 * that are not paused and have room left under their day cap today ({@link SendLedger#hasRoom}),
 * the healthiest (the highest share of their day cap, see {@link MailboxHealth#factor}), in turn.
 * When none has room, the healthiest of those not paused; when every mailbox is paused, all of them
 * in turn.
 */
final class MailboxChoice {
  private final List<Mailbox> mailboxes;
  private final MailboxHealth health;
  private final SendLedger ledger;
  private final MailboxPauses pauses;
  private final Clock clock;
  private final AtomicLong next = new AtomicLong();

  MailboxChoice(
      List<Mailbox> mailboxes,
      MailboxHealth health,
      SendLedger ledger,
      MailboxPauses pauses,
      Clock clock) {
    this.mailboxes = List.copyOf(mailboxes);
    this.health = health;
    this.ledger = ledger;
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
    List<Mailbox> withRoom = new ArrayList<>();
    for (Mailbox m : open) {
      if (ledger.hasRoom(m.address(), now)) {
        withRoom.add(m);
      }
    }
    List<Mailbox> candidates = withRoom.isEmpty() ? open : withRoom;
    double best = 0;
    List<Mailbox> healthiest = new ArrayList<>();
    for (Mailbox m : candidates) {
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
