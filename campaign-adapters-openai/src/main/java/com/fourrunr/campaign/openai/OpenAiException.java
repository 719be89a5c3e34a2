package com.fourrunr.campaign.openai;

import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import org.jspecify.annotations.Nullable;

/**
 * The model could not write a message: the API refused the request (400, 401, 403, 404, 429 {@code
 * insufficient_quota}) or kept failing after every retry. The message says what happened and what
 * to do; it never holds the API key.
 */
public final class OpenAiException extends GenerationException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final int attempts;

  OpenAiException(
      String message,
      int status,
      String code,
      int attempts,
      GenerationInfo spent,
      @Nullable Throwable cause) {
    super(message, spent, cause);
    this.status = status;
    this.code = code;
    this.attempts = attempts;
  }

  /** The last HTTP status, or 0 when there was no answer (a timeout, a refused connection). */
  public int status() {
    return status;
  }

  /**
   * The API's error code ({@code insufficient_quota}, {@code rate_limit_exceeded}, ...), or empty.
   */
  public String code() {
    return code;
  }

  /** Calls made before giving up. */
  public int attempts() {
    return attempts;
  }
}
