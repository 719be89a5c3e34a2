package com.fourrunr.campaign;

import org.jspecify.annotations.Nullable;

/** Thrown by a {@link MessageGenerator} that could not write an acceptable message. */
public class GenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable GenerationInfo spent;

  /** Creates the exception. */
  public GenerationException(String message) {
    super(message);
    this.spent = null;
  }

  /** Creates the exception with its cause. */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
    this.spent = null;
  }

  /**
   * Creates the exception saying what the failed attempts cost (tokens, calls), for the audit
   * trail.
   *
   * @param cause the cause, or null
   */
  public GenerationException(String message, GenerationInfo spent, @Nullable Throwable cause) {
    super(message, cause);
    this.spent = spent;
  }

  /**
   * What the failed attempts cost (model, tokens, calls), or null when the generator did not say.
   */
  public @Nullable GenerationInfo spent() {
    return spent;
  }
}
