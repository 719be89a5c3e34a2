package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplySource;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a polling {@link ReplySource} (IMAP) remembers how far it has read each folder, so a
 * restart reads only new mail. Keyed by mailbox (for example {@code
 * replies@example.com@imap.example.com}) and folder; the value is the folder's {@code UIDVALIDITY}
 * with the highest UID handled. When the server reports another UIDVALIDITY the saved UID means
 * nothing and the folder is read from the start (the engine then ignores mail it stored already, by
 * Message-ID).
 *
 * <p>Implementations: {@code InMemoryReplyIntakeState} in {@code campaign-testing}; a JDBC one.
 * Must be thread-safe; {@link #save} must be durable when it returns.
 */
public interface ReplyIntakeState {
  /** The checkpoint of one folder, or empty when it was never read. */
  Optional<Checkpoint> load(String mailbox, String folder);

  /** Replaces the checkpoint of one folder. */
  void save(String mailbox, String folder, Checkpoint checkpoint);

  /**
   * How far one folder was read.
   *
   * @param uidValidity the folder's UIDVALIDITY when the UID was handled
   * @param lastUid the highest UID handled (0: none)
   */
  record Checkpoint(long uidValidity, long lastUid) {
    /** Checks the numbers. */
    public Checkpoint {
      if (uidValidity < 0) {
        throw InvalidInputException.of("Checkpoint", "uidValidity", uidValidity + " is negative");
      }
      if (lastUid < 0) {
        throw InvalidInputException.of("Checkpoint", "lastUid", lastUid + " is negative");
      }
    }
  }

  /** Checks a key part; for implementations. */
  static String requireKey(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw InvalidInputException.of("ReplyIntakeState", field, "is blank");
    }
    return value;
  }
}
