package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplySource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The demo's prospects' mail: each handed out once, when the clock reaches its {@code receivedAt}.
 */
final class DemoReplies implements ReplySource {
  private final Clock clock;
  private final List<InboundReply> waiting = new ArrayList<>();

  DemoReplies(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Scripts a mail to arrive at its {@code receivedAt}. */
  synchronized void add(InboundReply reply) {
    waiting.add(Objects.requireNonNull(reply, "reply"));
  }

  /** When the next scripted mail arrives, or null when none waits. */
  synchronized @org.jspecify.annotations.Nullable Instant nextAt() {
    return waiting.stream()
        .map(InboundReply::receivedAt)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  @Override
  public synchronized List<InboundReply> poll() {
    Instant now = clock.instant();
    List<InboundReply> arrived = new ArrayList<>();
    waiting.removeIf(
        r -> {
          if (!r.receivedAt().isAfter(now)) {
            arrived.add(r);
            return true;
          }
          return false;
        });
    arrived.sort(Comparator.comparing(InboundReply::receivedAt));
    return arrived;
  }
}
