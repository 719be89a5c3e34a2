package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplySource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ReplySource} that hands out scripted mail once the clock reaches its arrival time
 * ({@link InboundReply#receivedAt()}). Each mail is handed out once. Thread-safe.
 */
public final class ScriptedReplySource implements ReplySource {
  private final Clock clock;
  private final List<InboundReply> waiting = new ArrayList<>();

  /** A source that reads the time from {@code clock}. */
  public ScriptedReplySource(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Scripts a mail to arrive at its {@code receivedAt}. */
  public synchronized void add(InboundReply reply) {
    waiting.add(Objects.requireNonNull(reply, "reply"));
  }

  /** How many scripted mails have not arrived yet. */
  public synchronized int pending() {
    return waiting.size();
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
