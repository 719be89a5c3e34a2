package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.spi.ReplyIntakeState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReplyIntakeState} kept in memory: survives a restart of the reply source within one JVM
 * (tests, the demo), not a restart of the process. Thread-safe.
 */
public final class InMemoryReplyIntakeState implements ReplyIntakeState {
  private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Optional<Checkpoint> load(String mailbox, String folder) {
    return Optional.ofNullable(checkpoints.get(key(mailbox, folder)));
  }

  @Override
  public void save(String mailbox, String folder, Checkpoint checkpoint) {
    checkpoints.put(
        key(mailbox, folder), java.util.Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  private static String key(String mailbox, String folder) {
    return ReplyIntakeState.requireKey("mailbox", mailbox)
        + "\u0000"
        + ReplyIntakeState.requireKey("folder", folder);
  }
}
