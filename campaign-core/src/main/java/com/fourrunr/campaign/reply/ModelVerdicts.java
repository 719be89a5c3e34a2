package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.LocalDate;
import java.util.List;

/**
 * Puts the rules' verdict and the model's together for {@link ModelReplyClassifier}: one job, so
 * the audit trail (the evidence) always names both.
 */
final class ModelVerdicts {
  private ModelVerdicts() {}

  static ReplyClassification combine(
      ReplyClassification byRules,
      ReplyModel.Verdict verdict,
      List<ReplyCategory> allowed,
      InboundReply reply,
      String own) {
    String both = "rules: " + describe(byRules) + "; model: " + describe(verdict);
    ReplyCategory ruled = byRules.category();
    ReplyCategory modelled = verdict.category();
    if (!allowed.contains(modelled)) {
      // A model calling a person's mail a bounce or an auto-reply is wrong by construction: a
      // person reads it.
      return new ReplyClassification(
          ReplyCategory.NEEDS_REVIEW,
          null,
          "model answered " + modelled + " for a person's mail; " + both,
          0.0,
          ruled == ReplyCategory.NEEDS_REVIEW ? null : ruled,
          null,
          null);
    }
    if (modelled == ReplyCategory.NEEDS_REVIEW) {
      return new ReplyClassification(
          ReplyCategory.NEEDS_REVIEW,
          null,
          "model could not tell; " + both,
          0.0,
          ruled == ReplyCategory.NEEDS_REVIEW ? byRules.runnerUp() : ruled,
          byRules.followUpAfter(),
          byRules.referral());
    }
    if (ruled != ReplyCategory.NEEDS_REVIEW && ruled != modelled) {
      return new ReplyClassification(
          ReplyCategory.NEEDS_REVIEW,
          null,
          "rules and model disagree (" + ruled + " or " + modelled + "); " + both,
          0.0,
          modelled,
          byRules.followUpAfter(),
          byRules.referral());
    }
    boolean agree = ruled == modelled;
    LocalDate back = verdict.returnDate();
    if (modelled == ReplyCategory.OUT_OF_OFFICE && back == null) {
      back = agree ? byRules.returnDate() : RuleBasedReplyClassifier.returnDate(reply, own);
    }
    return new ReplyClassification(
        modelled,
        modelled == ReplyCategory.OUT_OF_OFFICE ? back : null,
        (agree ? "rules and model agree; " : "model decides what the rules could not; ") + both,
        verdict.confidence(),
        null,
        agree ? byRules.followUpAfter() : null,
        agree ? byRules.referral() : null);
  }

  private static String describe(ReplyClassification c) {
    return c.category()
        + " "
        + round(c.confidence())
        + (c.runnerUp() == null ? "" : " (runner-up " + c.runnerUp() + ")")
        + (c.evidence().isEmpty() ? "" : " [" + c.evidence() + "]");
  }

  private static String describe(ReplyModel.Verdict v) {
    return v.category()
        + " "
        + round(v.confidence())
        + (v.reason().isEmpty() ? "" : " [" + v.reason() + "]");
  }

  private static String round(double d) {
    return String.format(java.util.Locale.ROOT, "%.2f", d);
  }
}
