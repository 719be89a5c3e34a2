package com.fourrunr.campaign;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link Sender} that could not hand a message over. It says whether trying again can
 * help: {@link #isTransient()} for throttling, timeouts and refused connections (SMTP 4xx), not for
 * a refusal of the recipient or the message (SMTP 5xx).
 */
public class SendException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;
  private final int replyCode;

  /**
   * @param message what went wrong, without secrets
   * @param transientFailure whether a later attempt may succeed
   * @param replyCode the SMTP reply code, or 0 when there was none
   * @param cause the underlying failure, or null
   */
  public SendException(
      String message, boolean transientFailure, int replyCode, @Nullable Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
    this.replyCode = replyCode;
  }

  /** A failure that a later attempt may get past. */
  public static SendException transientFailure(String message, int replyCode) {
    return new SendException(message, true, replyCode, null);
  }

  /** A refusal that no retry will change. */
  public static SendException permanentFailure(String message, int replyCode) {
    return new SendException(message, false, replyCode, null);
  }

  /** Whether a later attempt may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The SMTP reply code, or 0. */
  public int replyCode() {
    return replyCode;
  }
}
