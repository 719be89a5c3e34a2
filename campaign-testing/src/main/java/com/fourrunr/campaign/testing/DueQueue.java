package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueuePriority;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The scheduled messages of {@link InMemoryCampaignStore}, earliest first (ties by id), kept in two
 * sorted sets: follow-ups (steps after the first) and first messages. A write moves a message in
 * one set only; the order of a {@link QueuePriority} is one set after the other, or both merged for
 * {@link QueuePriority#EARLIEST_FIRST}. Not thread-safe (the store holds its lock).
 */
final class DueQueue {
  /** Scheduled time, then id: only SCHEDULED messages (never without a time) are in the queue. */
  private static final Comparator<CampaignMessage> BY_TIME_THEN_ID =
      (a, b) -> {
        int byTime = scheduledAt(a).compareTo(scheduledAt(b));
        return byTime != 0 ? byTime : a.id().compareTo(b.id());
      };

  private final NavigableSet<CampaignMessage> followUps = new TreeSet<>(BY_TIME_THEN_ID);
  private final NavigableSet<CampaignMessage> firsts = new TreeSet<>(BY_TIME_THEN_ID);

  private static Instant scheduledAt(CampaignMessage m) {
    return Objects.requireNonNull(m.scheduledAt(), "scheduledAt");
  }

  void add(CampaignMessage m) {
    classOf(m).add(m);
  }

  void remove(CampaignMessage m) {
    classOf(m).remove(m);
  }

  private NavigableSet<CampaignMessage> classOf(CampaignMessage m) {
    return m.stepIndex() > 0 ? followUps : firsts;
  }

  /**
   * The classes of {@code priority} in claim order, each earliest first (one merged class for
   * earliest first): a reader may stop a class at its first message not due.
   */
  List<Iterable<CampaignMessage>> classes(QueuePriority priority) {
    return switch (priority) {
      case FOLLOW_UPS_FIRST -> List.of(followUps, firsts);
      case FIRST_MESSAGES_FIRST -> List.of(firsts, followUps);
      case EARLIEST_FIRST -> List.of(earliestFirst());
    };
  }

  /** Every queued message, earliest first (ties by id): both classes merged. */
  Iterable<CampaignMessage> earliestFirst() {
    return () -> new Merged(followUps.iterator(), firsts.iterator());
  }

  /** Two iterators in {@link #BY_TIME_THEN_ID} order merged into one. */
  private static final class Merged implements Iterator<CampaignMessage> {
    private final Iterator<CampaignMessage> left;
    private final Iterator<CampaignMessage> right;
    private @Nullable CampaignMessage nextLeft;
    private @Nullable CampaignMessage nextRight;

    Merged(Iterator<CampaignMessage> left, Iterator<CampaignMessage> right) {
      this.left = left;
      this.right = right;
      this.nextLeft = left.hasNext() ? left.next() : null;
      this.nextRight = right.hasNext() ? right.next() : null;
    }

    @Override
    public boolean hasNext() {
      return nextLeft != null || nextRight != null;
    }

    @Override
    public CampaignMessage next() {
      CampaignMessage l = nextLeft;
      CampaignMessage r = nextRight;
      if (l == null && r == null) {
        throw new NoSuchElementException();
      }
      if (r == null || (l != null && BY_TIME_THEN_ID.compare(l, r) <= 0)) {
        nextLeft = left.hasNext() ? left.next() : null;
        return Objects.requireNonNull(l);
      }
      nextRight = right.hasNext() ? right.next() : null;
      return r;
    }
  }
}
