package com.fourrunr.campaign.airtable;

import org.jspecify.annotations.Nullable;

/**
 * Airtable refused a request or could not be reached. Carries Airtable's own error type and message
 * (for example {@code INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND}) and the HTTP status, never the
 * access token.
 */
public class AirtableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final boolean transientFailure;

  /**
   * @param status the HTTP status, or 0 when no answer came
   * @param type Airtable's error type, for example {@code INVALID_REQUEST_UNKNOWN}, or a type of
   *     ours such as {@code NETWORK_ERROR}
   * @param message Airtable's error message
   * @param transientFailure whether trying again later may succeed (429, 5xx, network)
   * @param cause the underlying failure, or null
   */
  public AirtableException(
      int status,
      String type,
      String message,
      boolean transientFailure,
      @Nullable Throwable cause) {
    super(
        "Airtable "
            + (status == 0 ? "unreachable" : "HTTP " + status)
            + " "
            + type
            + ": "
            + message,
        cause);
    this.status = status;
    this.type = type;
    this.transientFailure = transientFailure;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** Airtable's error type, for example {@code LIST_RECORDS_ITERATOR_NOT_AVAILABLE}. */
  public String type() {
    return type;
  }

  /** Whether trying again later may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
