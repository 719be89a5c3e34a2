package com.fourrunr.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * How a message was written, for the audit trail: which generator, which prompt version, which
 * model, how many tokens and how many calls it took. A generator that knows none of this uses
 * {@link #of(String)}.
 *
 * @param generator the generator's name, for example {@code template} or {@code openai}
 * @param promptVersion the version of the prompt used, or empty when there is no prompt
 * @param model the model that wrote the text, or empty
 * @param promptTokens tokens sent to the model (0 when none)
 * @param completionTokens tokens the model wrote (0 when none)
 * @param attempts calls made to write this message, retries included (at least 1)
 */
public record GenerationInfo(
    String generator,
    String promptVersion,
    String model,
    long promptTokens,
    long completionTokens,
    int attempts) {
  /** What is known of a message whose generator says nothing about itself. */
  public static final GenerationInfo UNKNOWN = of("unknown");

  /** Checks every field, listing each problem. */
  public GenerationInfo {
    List<FieldError> errors = new ArrayList<>();
    if (generator == null || generator.isBlank()) {
      errors.add(new FieldError("generator", "is required"));
    }
    promptVersion = promptVersion == null ? "" : promptVersion.strip();
    model = model == null ? "" : model.strip();
    if (promptTokens < 0) {
      errors.add(new FieldError("promptTokens", "must not be negative"));
    }
    if (completionTokens < 0) {
      errors.add(new FieldError("completionTokens", "must not be negative"));
    }
    if (attempts < 1) {
      errors.add(new FieldError("attempts", attempts + " is less than 1"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("GenerationInfo", errors);
    }
  }

  /** A generator without prompt, model or tokens, written in one attempt. */
  public static GenerationInfo of(String generator) {
    return new GenerationInfo(generator, "", "", 0, 0, 1);
  }

  /** Tokens sent and written together. */
  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
