package com.fourrunr.campaign;

import java.util.List;

/**
 * The ordered steps of a campaign. The steps are data: a sequence of 2 or 5 steps works as well as
 * the default three.
 *
 * @param name a name for reports
 * @param steps the steps in sending order; 1 to 20
 */
public record Sequence(String name, List<SequenceStep> steps) {
  /** At most this many steps. */
  public static final int MAX_STEPS = 20;

  /** Checks the steps. */
  public Sequence {
    if (name == null || name.isBlank()) {
      throw InvalidInputException.of("Sequence", "name", "is required");
    }
    if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw InvalidInputException.of("Sequence", "steps", "must hold 1 to " + MAX_STEPS + " steps");
    }
    steps = List.copyOf(steps);
  }

  /** Hook on day 0, Proof 3 days later, FOMO 4 days after that (day 7). */
  public static Sequence hookProofFomo() {
    return new Sequence(
        "hook-proof-fomo",
        List.of(
            new SequenceStep(MessageType.HOOK, 0),
            new SequenceStep(MessageType.PROOF, 3),
            new SequenceStep(MessageType.FOMO, 4)));
  }

  /** The step at an index. */
  public SequenceStep step(int index) {
    return steps.get(index);
  }

  /** The number of steps. */
  public int size() {
    return steps.size();
  }
}
