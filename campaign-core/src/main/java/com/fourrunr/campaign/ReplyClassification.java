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
 * @param confidence how sure the classifier is, from 0 (a guess) to 1 (a machine header or a
 *     delivery report); the engine treats a verdict below {@link ReplyPolicy#minConfidence()} as
 *     {@link ReplyCategory#NEEDS_REVIEW}
 * @param runnerUp the category that came second, when another one was in question (a person
 *     reviewing the mail confirms one of the two), or null
 * @param followUpAfter for a refusal for now ("try me next quarter"), the day from which the person
 *     may be written to again, or null
 * @param referral for {@link ReplyCategory#WRONG_PERSON}, the person the reply points to, or null
 * @param reason for a bounce, why it bounced; null for every other category (and for a bounce from
 *     a classifier that tells no reason)
 */
public record ReplyClassification(
    ReplyCategory category,
    @Nullable LocalDate returnDate,
    String evidence,
    double confidence,
    @Nullable ReplyCategory runnerUp,
    @Nullable LocalDate followUpAfter,
    @Nullable Referral referral,
    @Nullable BounceReason reason) {
  /** The confidence given to a verdict made without one. */
  public static final double DEFAULT_CONFIDENCE = 1.0;

  /** Checks the category and the confidence. */
  public ReplyClassification {
    Objects.requireNonNull(category, "category");
    evidence = evidence == null ? "" : evidence;
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw InvalidInputException.of(
          "ReplyClassification", "confidence", confidence + " is not between 0 and 1");
    }
  }

  /** A verdict without a runner-up, a follow-up date, a referral or a bounce reason. */
  public ReplyClassification(
      ReplyCategory category, @Nullable LocalDate returnDate, String evidence, double confidence) {
    this(category, returnDate, evidence, confidence, null, null, null, null);
  }

  /** A verdict with no bounce reason. */
  public ReplyClassification(
      ReplyCategory category,
      @Nullable LocalDate returnDate,
      String evidence,
      double confidence,
      @Nullable ReplyCategory runnerUp,
      @Nullable LocalDate followUpAfter,
      @Nullable Referral referral) {
    this(category, returnDate, evidence, confidence, runnerUp, followUpAfter, referral, null);
  }

  /** A bounce verdict with its reason and nothing of a person's reply. */
  public ReplyClassification(
      ReplyCategory category,
      @Nullable LocalDate returnDate,
      String evidence,
      double confidence,
      @Nullable BounceReason reason) {
    this(category, returnDate, evidence, confidence, null, null, null, reason);
  }

  /** A verdict with full confidence (for classifiers that have no notion of it). */
  public ReplyClassification(
      ReplyCategory category, @Nullable LocalDate returnDate, String evidence) {
    this(category, returnDate, evidence, DEFAULT_CONFIDENCE, null);
  }
}
