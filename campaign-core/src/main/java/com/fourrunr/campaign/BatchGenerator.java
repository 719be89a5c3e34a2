package com.fourrunr.campaign;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes many messages at once through a model's deferred batch interface (the OpenAI Batch API:
 * half the price, answers within 24 hours). Given to {@link CampaignEngineBuilder#batchGenerator},
 * it makes enrolment store each new campaign as {@link CampaignStatus#PENDING_COPY} and submit one
 * batch for all their steps; the engine's periodic work ({@link CampaignEngine#runDue()}, or {@link
 * CampaignEngine#pollCopyBatches()}) checks the batch and, once it has ended, puts each campaign's
 * copy through the quality gates. The {@code campaign-adapters-openai} module has one ({@code
 * OpenAiBatchGenerator}).
 *
 * <p>Every step of a sequence is asked for at once, so a request's {@link
 * GenerationRequest#previous()} is empty. Implementations are thread-safe and keep no state the
 * engine needs: what is pending is in the store.
 */
public interface BatchGenerator {
  /**
   * Submits one batch.
   *
   * @param requests the messages to write, each under an id unique in the batch
   * @return the batch's id and the submission's estimated tokens
   * @throws GenerationException when the batch could not be submitted (the campaigns stay pending
   *     and are submitted again later)
   */
  Submission submit(List<Request> requests);

  /**
   * What became of a batch so far.
   *
   * @throws GenerationException when the batch could not be checked now (it is checked again later)
   */
  Outcome check(String batchId);

  /**
   * One message to write.
   *
   * @param customId the id its answer comes back under
   * @param request what to write
   */
  record Request(String customId, GenerationRequest request) {
    /** Checks the fields. */
    public Request {
      Objects.requireNonNull(customId, "customId");
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * A submitted batch.
   *
   * @param batchId the batch's id at the provider
   * @param model the model that writes it
   * @param promptTokens the estimated prompt tokens of all its requests
   * @param completionTokens the estimated completion tokens (the answers' allowance)
   */
  record Submission(String batchId, String model, long promptTokens, long completionTokens) {
    /** Checks the fields. */
    public Submission {
      Objects.requireNonNull(batchId, "batchId");
      Objects.requireNonNull(model, "model");
    }
  }

  /**
   * A batch's state.
   *
   * @param state whether it is still running
   * @param messages the messages written, by custom id (each with its tokens in its {@link
   *     GenerationInfo})
   * @param failures why a request got no message, by custom id (a request in neither map got no
   *     answer: the batch expired, failed or was cancelled first)
   * @param detail the batch's own status and error, for the log and the campaigns' reasons
   */
  record Outcome(
      State state,
      Map<String, GeneratedMessage> messages,
      Map<String, String> failures,
      String detail) {
    /** Freezes the maps. */
    public Outcome {
      Objects.requireNonNull(state, "state");
      messages = Map.copyOf(messages);
      failures = Map.copyOf(failures);
      Objects.requireNonNull(detail, "detail");
    }

    /** A batch still running. */
    public static Outcome pending(String detail) {
      return new Outcome(State.PENDING, Map.of(), Map.of(), detail);
    }
  }

  /** Whether a batch is still running. */
  enum State {
    /** Validating, in progress or finalising: check again later. */
    PENDING,
    /**
     * Ended (completed, expired, failed or cancelled): its answers are final; a request without one
     * will not get one.
     */
    ENDED
  }
}
