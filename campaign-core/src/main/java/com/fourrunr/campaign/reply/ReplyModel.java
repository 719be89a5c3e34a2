package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A language model that categorises what a person wrote, for {@link ModelReplyClassifier}.
 * Implemented by an adapter (for example over the OpenAI API with a JSON schema for {@link
 * Verdict}); this interface keeps core free of HTTP and JSON. Must be thread-safe. May throw any
 * runtime exception on failure: the classifier then falls back to the rules.
 */
@FunctionalInterface
public interface ReplyModel {
  /** Asks the model about one mail. */
  Verdict categorise(Request request);

  /**
   * What the model is shown.
   *
   * @param from the sender's address
   * @param subject the subject
   * @param text what the person wrote, quoted history and signature already cut off
   * @param mailDate the day the mail was written, to read relative return dates against
   * @param categories the categories to choose from
   * @param rules what the rules made of the same text (category, confidence, runner-up), or null
   *     when they were not asked; a second opinion the model sees, not an answer it must copy
   * @param lead what the campaign knows of the person written to (for example {@code company},
   *     {@code title}), empty when the mail matched no lead
   */
  record Request(
      String from,
      String subject,
      String text,
      LocalDate mailDate,
      List<ReplyCategory> categories,
      @Nullable ReplyClassification rules,
      Map<String, String> lead) {
    /** Checks the fields. */
    public Request {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(mailDate, "mailDate");
      categories = List.copyOf(categories);
      lead = lead == null ? Map.of() : Map.copyOf(lead);
    }

    /** A request without the rules' guess or the lead's context. */
    public Request(
        String from,
        String subject,
        String text,
        LocalDate mailDate,
        List<ReplyCategory> categories) {
      this(from, subject, text, mailDate, categories, null, Map.of());
    }
  }

  /**
   * What the model answered.
   *
   * @param category its category
   * @param confidence how sure it is, 0 to 1
   * @param returnDate for an out-of-office, the return date it read, or null
   * @param reason its short reason, for people checking
   */
  record Verdict(
      ReplyCategory category, double confidence, @Nullable LocalDate returnDate, String reason) {
    /** Checks the fields. */
    public Verdict {
      Objects.requireNonNull(category, "category");
      if (!(confidence >= 0.0 && confidence <= 1.0)) {
        throw InvalidInputException.of(
            "Verdict", "confidence", confidence + " is not between 0 and 1");
      }
      reason = reason == null ? "" : reason;
    }
  }
}
