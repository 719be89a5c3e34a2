package com.fourrunr.campaign;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message a {@link MessageGenerator} wrote.
 *
 * @param subject the subject line; not blank, one line
 * @param textBody the plain-text body; not blank
 * @param htmlBody an HTML body, or null for text only
 */
public record GeneratedMessage(String subject, String textBody, @Nullable String htmlBody) {
  /** Checks the subject and body. */
  public GeneratedMessage {
    List<FieldError> errors = new ArrayList<>();
    if (subject == null || subject.isBlank()) {
      errors.add(new FieldError("subject", "is blank"));
    } else if (subject.contains("\n") || subject.contains("\r")) {
      errors.add(new FieldError("subject", "has a line break"));
    }
    if (textBody == null || textBody.isBlank()) {
      errors.add(new FieldError("textBody", "is blank"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("GeneratedMessage", errors);
    }
    subject = subject.strip();
  }
}
