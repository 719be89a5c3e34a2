package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Sender} that keeps every message it accepts, and can be told to fail the next sends.
 * Thread-safe.
 *
 * <pre>{@code
 * RecordingSender sender = new RecordingSender();
 * sender.failNext(SendException.transientFailure("421 try later", 421));
 * engine.runDue();
 * assertThat(sender.sent()).isEmpty();
 * }</pre>
 */
public final class RecordingSender implements Sender {
  private final List<OutgoingEmail> sent = new ArrayList<>();
  private final Deque<SendException> failures = new ArrayDeque<>();
  private int attempts;

  @Override
  public synchronized SendReceipt send(OutgoingEmail email) throws SendException {
    attempts++;
    SendException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    sent.add(email);
    return new SendReceipt(
        "250 2.0.0 Ok: queued as " + Integer.toHexString(sent.size()).toUpperCase(Locale.ROOT));
  }

  /** Makes the next send throw {@code failure} (queued: call again for several). */
  public synchronized void failNext(SendException failure) {
    failures.add(failure);
  }

  /** Every accepted message, in order. */
  public synchronized List<OutgoingEmail> sent() {
    return List.copyOf(sent);
  }

  /** The accepted messages to one address, in order. */
  public synchronized List<OutgoingEmail> sentTo(String address) {
    return sent.stream().filter(e -> e.to().equalsIgnoreCase(address)).toList();
  }

  /** How many sends were tried, failed ones included. */
  public synchronized int attempts() {
    return attempts;
  }
}
