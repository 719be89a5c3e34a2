package com.fourrunr.campaign.quality;

import java.util.List;
import java.util.Objects;

/**
 * A lead's sequence as the {@link SequenceWriter} left it.
 *
 * @param outcome whether it can be sent, must wait for review, or was not written
 * @param messages the steps written, in order (all of them unless the outcome is {@link
 *     Outcome#SKIPPED} or {@link Outcome#FAILED}, which keep the steps written before the stop)
 * @param reason why it is held, skipped or failed; empty when ready
 */
public record WrittenSequence(Outcome outcome, List<WrittenMessage> messages, String reason) {
  /** What became of the sequence. */
  public enum Outcome {
    /** Every step passed every gate: ready to send. */
    READY,
    /**
     * A step failed the gates (or the generator failed under {@link FallbackPolicy#HOLD}): a person
     * decides.
     */
    HELD,
    /** The lead has too little data to personalise (no company description and no services). */
    SKIPPED,
    /** No text at all could be written for a step. */
    FAILED
  }

  /** Checks the fields. */
  public WrittenSequence {
    Objects.requireNonNull(outcome, "outcome");
    messages = List.copyOf(messages);
    Objects.requireNonNull(reason, "reason");
  }

  /** Tokens spent on the whole sequence (prompt and completion). */
  public long totalTokens() {
    return messages.stream().mapToLong(m -> m.promptTokens() + m.completionTokens()).sum();
  }
}
