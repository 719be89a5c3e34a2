package com.fourrunr.campaign;

/** Thrown by a {@link MessageGenerator} that could not write an acceptable message. */
public class GenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public GenerationException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
