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
 * @param info how it was written (generator, prompt version, model, tokens, attempts), for the
 *     audit trail
 */
public record GeneratedMessage(
    String subject, String textBody, @Nullable String htmlBody, GenerationInfo info) {
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
    info = info == null ? GenerationInfo.UNKNOWN : info;
  }

  /** A message from a generator that says nothing about how it was written. */
  public GeneratedMessage(String subject, String textBody, @Nullable String htmlBody) {
    this(subject, textBody, htmlBody, GenerationInfo.UNKNOWN);
  }
}
