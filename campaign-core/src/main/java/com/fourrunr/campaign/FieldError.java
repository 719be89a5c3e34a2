package com.fourrunr.campaign;

import java.util.Objects;

/**
 * One problem with one input field: which field, and what is wrong with it.
 *
 * @param field the field's name as the caller knows it (for example {@code email} or {@code
 *     timezone})
 * @param problem what is wrong, in a short phrase that can be shown to a person
 */
public record FieldError(String field, String problem) {
  /** Checks both parts are present. */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * The problem a parser reported for {@code field}: the exception's message, or "is not valid"
   * when it has none.
   */
  public static FieldError of(String field, Exception cause) {
    String message = cause.getMessage();
    return new FieldError(field, message == null || message.isBlank() ? "is not valid" : message);
  }

  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
