package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The health of each sending mailbox, from its {@link MailboxSignal}s counted by one {@link
 * MailboxTally}: the share of its day cap a mailbox gets under the {@link HealthThrottle} (a rising
 * soft-bounce, block, deferral or complaint rate lowers it), and the pause, through {@link
 * MailboxPauses}, at the {@link ReplyPolicy#MAILBOX_BLOCKS_TO_PAUSE}th block within {@link
 * ReplyPolicy#MAILBOX_BLOCK_WINDOW}. The bounce-rate alert rule ({@code AlertRule.bounceRate})
 * pauses a mailbox whose weighted bounces keep rising after it was slowed. Counted from this
 * engine's events since it started (each bounce is also stored with its reason in its {@link
 * EventType#REPLY_CLASSIFIED} event); a pause is stored. Without a throttle only blocks are counted
 * (the pause's rule): sends and other events are passed over by type, and no campaign is read for
 * them. Thread-safe.
 */
final class MailboxHealth implements CampaignListener {
  private final MailboxTally tally;
  private final MailboxPauses pauses;
  private final @Nullable HealthThrottle throttle;

  MailboxHealth(CampaignStore store, MailboxPauses pauses, @Nullable HealthThrottle throttle) {
    Duration window = ReplyPolicy.MAILBOX_BLOCK_WINDOW;
    if (throttle != null && throttle.window().compareTo(window) > 0) {
      window = throttle.window();
    }
    // without a throttle only the pause rule counts, and it counts blocks only
    this.tally =
        throttle == null
            ? new MailboxTally(store, window, EnumSet.of(MailboxSignal.BLOCK))
            : new MailboxTally(store, window);
    this.pauses = pauses;
    this.throttle = throttle;
  }

  /** A health without a throttle, told of every event of {@code ctx}. */
  static MailboxHealth listeningTo(EngineContext ctx, MailboxPauses pauses) {
    MailboxHealth health = new MailboxHealth(ctx.store(), pauses, null);
    ctx.listen(health);
    return health;
  }

  @Override
  public void onEvent(CampaignEvent event) {
    tally.onEvent(event);
  }

  /** Whether a throttle is set, so that {@link #factor} may slow a mailbox. */
  boolean throttles() {
    return throttle != null;
  }

  /**
   * The share of its day cap {@code mailbox} gets at {@code now}: 1, 1/2 or 1/4 by the {@link
   * HealthThrottle}'s trouble rate (soft bounces, blocks, deferred sends and complaints per send
   * over its window); 1 without a throttle.
   */
  double factor(String mailbox, Instant now) {
    HealthThrottle t = throttle;
    if (t == null) {
      return 1.0;
    }
    Instant since = now.minus(t.window());
    long trouble = 0;
    for (MailboxSignal s : MailboxSignal.values()) {
      if (s.slows()) {
        trouble += tally.count(mailbox, s, since);
      }
    }
    return t.factor(tally.count(mailbox, MailboxSignal.SENT, since), trouble);
  }

  /**
   * After a bounce for a sender problem was counted (its event published): pauses the mailbox at
   * the {@link ReplyPolicy#MAILBOX_BLOCKS_TO_PAUSE}th within the window; returns what was done, for
   * the reply's action (", counted against mailbox ...", and ", mailbox paused").
   */
  String blocked(String mailbox, BounceReason reason, Instant now) {
    String key = mailbox.strip().toLowerCase(Locale.ROOT);
    long count = tally.count(key, MailboxSignal.BLOCK, now.minus(ReplyPolicy.MAILBOX_BLOCK_WINDOW));
    String counted = ", counted against mailbox " + key + " (" + count + " " + reason + ")";
    if (count >= ReplyPolicy.MAILBOX_BLOCKS_TO_PAUSE
        && pauses.pauseMailbox(
            key,
            count
                + " bounces for a blocked sender or spam filter within "
                + ReplyPolicy.MAILBOX_BLOCK_WINDOW
                + " (last: "
                + reason
                + ")")) {
      return counted + ", mailbox paused";
    }
    return counted;
  }
}
