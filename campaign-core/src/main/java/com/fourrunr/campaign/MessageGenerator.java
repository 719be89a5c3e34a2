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
}
