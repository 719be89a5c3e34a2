package com.fourrunr.campaign;

import org.jspecify.annotations.Nullable;

/**
 * One step of a sequence: which message to send and how long after the previous step.
 *
 * @param type the message's job
 * @param daysAfterPrevious days after the previous step was actually sent; for the first step, days
 *     after enrolment (usually 0)
 * @param experiment an A/B test on this step, or null
 */
public record SequenceStep(
    MessageType type, int daysAfterPrevious, @Nullable Experiment experiment) {
  /** Checks the delay. */
  public SequenceStep {
    if (type == null) {
      throw InvalidInputException.of("SequenceStep", "type", "is required");
    }
    if (daysAfterPrevious < 0 || daysAfterPrevious > 365) {
      throw InvalidInputException.of(
          "SequenceStep", "daysAfterPrevious", daysAfterPrevious + " is not between 0 and 365");
    }
  }

  /** A step without an experiment. */
  public SequenceStep(MessageType type, int daysAfterPrevious) {
    this(type, daysAfterPrevious, null);
  }

  /** This step with an A/B test (or none, with null). */
  public SequenceStep withExperiment(@Nullable Experiment experiment) {
    return new SequenceStep(type, daysAfterPrevious, experiment);
  }
}
