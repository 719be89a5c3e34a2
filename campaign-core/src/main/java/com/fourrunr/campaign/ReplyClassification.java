package com.fourrunr.campaign;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ReplyClassifier} made of a mail.
 *
 * @param category the category
 * @param returnDate for an out-of-office answer, the date the person is back, when the mail says it
 * @param evidence what decided it, for people checking (for example {@code header Auto-Submitted})
 */
public record ReplyClassification(
    ReplyCategory category, @Nullable LocalDate returnDate, String evidence) {
  /** Checks the category. */
  public ReplyClassification {
    Objects.requireNonNull(category, "category");
    evidence = evidence == null ? "" : evidence;
  }
}
