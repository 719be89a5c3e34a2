package com.fourrunr.campaign;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by every public entry point that rejects its input. It lists every problem found, each
 * naming the field and what is wrong, so a caller can fix them all at once.
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final List<FieldError> errors;

  /**
   * @param subject what was being validated, for example {@code lead 'L-17'} or {@code
   *     CampaignEngine}
   * @param errors the problems found; at least one
   */
  public InvalidInputException(String subject, List<FieldError> errors) {
    super(
        subject
            + ": "
            + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one error");
    }
    this.subject = subject;
    this.errors = List.copyOf(errors);
  }

  /** Creates the exception for a single problem. */
  public static InvalidInputException of(String subject, String field, String problem) {
    return new InvalidInputException(subject, List.of(new FieldError(field, problem)));
  }

  /** What was being validated. */
  public String subject() {
    return subject;
  }

  /** Every problem found, in the order the fields were checked. */
  public List<FieldError> errors() {
    return errors;
  }
}
