package com.fourrunr.campaign.spring;

import java.util.concurrent.atomic.AtomicBoolean;

/** Open while the application runs; closed once it stops, after which no message is claimed. */
final class ClaimGate {
  private final AtomicBoolean closed = new AtomicBoolean();

  /** From now on, claims return nothing. */
  void close() {
    closed.set(true);
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed.get();
  }
}
