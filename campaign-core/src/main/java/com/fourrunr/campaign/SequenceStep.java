package com.fourrunr.campaign;

/**
 * One step of a sequence: which message to send and how long after the previous step.
 *
 * @param type the message's job
 * @param daysAfterPrevious days after the previous step was actually sent; for the first step, days after
 *     enrolment (usually 0)
 */
public record SequenceStep(MessageType type, int daysAfterPrevious) {
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
}
