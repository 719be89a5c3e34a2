package com.fourrunr.campaign;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link MessageGenerator} is asked to write: one step of a sequence for one lead, with the
 * messages already written for the earlier steps so the step can build on them.
 *
 * @param lead the lead
 * @param sequence the whole sequence
 * @param stepIndex the step to write, from 0
 * @param previous the messages written for steps 0 to {@code stepIndex - 1}, in order
 * @param variant the lead's A/B variant of this step, or null: a generator should follow its {@link
 *     Variant#subjectHint()} and {@link Variant#bodyHint()} when they are not empty
 */
public record GenerationRequest(
    Lead lead,
    Sequence sequence,
    int stepIndex,
    List<GeneratedMessage> previous,
    @Nullable Variant variant) {
  /** Checks the step index against the sequence. */
  public GenerationRequest {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(sequence, "sequence");
    if (stepIndex < 0 || stepIndex >= sequence.size()) {
      throw new IllegalArgumentException(
          "stepIndex " + stepIndex + " is outside the sequence of " + sequence.size());
    }
    previous = List.copyOf(previous);
  }

  /** The step to write. */
  public SequenceStep step() {
    return sequence.step(stepIndex);
  }

  /** A request without a variant. */
  public GenerationRequest(
      Lead lead, Sequence sequence, int stepIndex, List<GeneratedMessage> previous) {
    this(lead, sequence, stepIndex, previous, null);
  }
}
