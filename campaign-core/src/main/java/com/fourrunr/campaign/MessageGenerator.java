package com.fourrunr.campaign;

/**
 * Writes the message for one step of one lead's sequence. Implementations: the template generator
 * in {@code com.fourrunr.campaign.template} (no network, deterministic) and the OpenAI adapter.
 *
 * <p>Implementations must be thread-safe. A generator that cannot write a message throws; the
 * engine then skips that lead with the reason and goes on with the others.
 */
@FunctionalInterface
public interface MessageGenerator {
  /**
   * Writes one message.
   *
   * @throws GenerationException when no acceptable message could be written
   */
  GeneratedMessage generate(GenerationRequest request);

  /**
   * How many {@link #generate} calls the engine may make at once. During enrolment the engine
   * writes the sequences of the leads of one batch concurrently, up to this many leads at a time,
   * then runs the quality gates and stores the campaigns one by one in lead order, so the outcome
   * is the one a sequential run gives. A generator over a rate-limited API returns its own bound
   * (the OpenAI generator returns its {@code maxConcurrency}).
   *
   * @return at least 1; the default 1 means one call at a time (no concurrency)
   */
  default int maxConcurrency() {
    return 1;
  }
}
