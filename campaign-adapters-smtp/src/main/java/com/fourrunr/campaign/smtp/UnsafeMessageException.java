package com.fourrunr.campaign.smtp;

/**
 * A message refused before sending because a header value or address could be abused; names the
 * field.
 */
final class UnsafeMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  UnsafeMessageException(String field, String problem) {
    super(field + " " + problem);
  }
}
