package com.fourrunr.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The generator the engine's {@link com.fourrunr.campaign.quality.SequenceWriter} calls, with
 * drafts written ahead: the {@link Enroller} has {@link #draft} called for several leads at once
 * (on its own threads, up to {@link #maxConcurrency()}), then writes and checks each lead in order
 * as before. A request that equals a drafted one (same lead, step, variant and earlier messages) is
 * answered with the draft, once; any other request (a retry after failed gates, a step after a
 * replaced one) goes to the generator. So the gates see the same texts in the same order as in a
 * sequential run with a generator that answers the same request the same way.
 */
final class ConcurrentDrafts implements MessageGenerator {
  private final MessageGenerator generator;
  private final Map<GenerationRequest, Draft> drafts = new ConcurrentHashMap<>();

  /** A drafted answer: the message, or what the generator threw. */
  private record Draft(@Nullable GeneratedMessage message, @Nullable RuntimeException failure) {}

  ConcurrentDrafts(MessageGenerator generator) {
    this.generator = generator;
  }

  @Override
  public int maxConcurrency() {
    return Math.max(1, generator.maxConcurrency());
  }

  @Override
  public GeneratedMessage generate(GenerationRequest request) {
    Draft d = drafts.remove(request);
    if (d == null) {
      return generator.generate(request);
    }
    RuntimeException failure = d.failure();
    if (failure != null) {
      throw failure;
    }
    GeneratedMessage m = d.message();
    return m != null ? m : generator.generate(request);
  }

  /**
   * Drafts every step of {@code sequence} for {@code lead}, each step building on the drafts before
   * it, and stops at the first step the generator cannot write. Thread-safe.
   */
  void draft(Lead lead, Sequence sequence) {
    List<GeneratedMessage> previous = new ArrayList<>();
    for (int i = 0; i < sequence.size(); i++) {
      GenerationRequest request =
          new GenerationRequest(
              lead, sequence, i, previous, Experiment.variantOf(sequence, i, lead.id()));
      GeneratedMessage m;
      try {
        m = generator.generate(request);
      } catch (RuntimeException e) {
        drafts.put(request, new Draft(null, e));
        return;
      }
      if (m == null) {
        return;
      }
      drafts.put(request, new Draft(m, null));
      previous.add(m);
    }
  }

  /** Forgets the drafts not used (a batch is done). */
  void clear() {
    drafts.clear();
  }
}
