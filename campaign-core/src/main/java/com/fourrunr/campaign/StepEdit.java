package com.fourrunr.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * A person's rewrite of one step of a held campaign, for {@link
 * CampaignEngine#reviseAndApprove(String, List, String)}.
 *
 * @param stepIndex the step, from 0
 * @param subject the new subject line; not blank, one line
 * @param textBody the new plain-text body; not blank (the step is then sent as text only)
 */
public record StepEdit(int stepIndex, String subject, String textBody) {
  /** Checks the fields, naming each problem. */
  public StepEdit {
    List<FieldError> errors = new ArrayList<>();
    if (stepIndex < 0) {
      errors.add(new FieldError("stepIndex", stepIndex + " is negative"));
    }
    if (subject == null || subject.isBlank()) {
      errors.add(new FieldError("subject", "is blank"));
    } else if (subject.contains("\n") || subject.contains("\r")) {
      errors.add(new FieldError("subject", "has a line break"));
    }
    if (textBody == null || textBody.isBlank()) {
      errors.add(new FieldError("textBody", "is blank"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("step " + (stepIndex + 1), errors);
    }
    subject = subject.strip();
    textBody = textBody.replace("\r\n", "\n").strip();
  }
}
