package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyClassifier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Categorises people's mail with a {@link ReplyModel}, machines' mail with rules. Delivery and
 * feedback reports, bounces and automatic replies are decided by {@link RuleBasedReplyClassifier}'s
 * header and report rules and never reach the model (so a model can never take a bounce for a
 * person). A person's mail goes to the model with quoted history and signature cut off; when the
 * model fails, the rules decide, with the failure in the evidence. An out-of-office verdict without
 * a return date gets the date the rules read from the text. Thread-safe when the model is.
 *
 * <pre>{@code
 * CampaignEngine.builder().classifier(new ModelReplyClassifier(myModel))...
 * }</pre>
 */
public final class ModelReplyClassifier implements ReplyClassifier {
  private static final Logger log = LoggerFactory.getLogger(ModelReplyClassifier.class);

  /** What the model may answer: every category a person's mail can have. */
  private static final List<ReplyCategory> PERSON_CATEGORIES =
      Arrays.stream(ReplyCategory.values())
          .filter(
              c ->
                  c != ReplyCategory.BOUNCE_HARD
                      && c != ReplyCategory.BOUNCE_SOFT
                      && c != ReplyCategory.AUTO_REPLY)
          .toList();

  private final ReplyModel model;
  private final RuleBasedReplyClassifier rules = new RuleBasedReplyClassifier();

  /** A classifier asking {@code model} about people's mail. */
  public ModelReplyClassifier(ReplyModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  @Override
  public ReplyClassification classify(InboundReply reply) {
    ReplyClassification machine = rules.machineVerdict(reply);
    if (machine != null) {
      return machine;
    }
    String own = RuleBasedReplyClassifier.ownText(reply.text());
    LocalDate mailDate = RuleBasedReplyClassifier.mailDate(reply);
    ReplyModel.Verdict verdict;
    try {
      verdict =
          Objects.requireNonNull(
              model.categorise(
                  new ReplyModel.Request(
                      reply.from(), reply.subject(), own.strip(), mailDate, PERSON_CATEGORIES)),
              "model returned null");
    } catch (RuntimeException e) {
      log.warn("reply model failed ({}); the rules decide", e.toString());
      ReplyClassification byRules = rules.classify(reply);
      return new ReplyClassification(
          byRules.category(),
          byRules.returnDate(),
          "model failed (" + e.getClass().getSimpleName() + "), rules: " + byRules.evidence(),
          byRules.confidence());
    }
    if (!PERSON_CATEGORIES.contains(verdict.category())) {
      // A model calling a person's mail a bounce or an auto-reply is wrong by construction: a
      // person reads it.
      return new ReplyClassification(
          ReplyCategory.NEEDS_REVIEW,
          null,
          "model answered " + verdict.category() + " for a person's mail: " + verdict.reason(),
          0.0);
    }
    LocalDate back = verdict.returnDate();
    if (verdict.category() == ReplyCategory.OUT_OF_OFFICE && back == null) {
      back = RuleBasedReplyClassifier.returnDate(reply, own);
    }
    return new ReplyClassification(
        verdict.category(),
        verdict.category() == ReplyCategory.OUT_OF_OFFICE ? back : null,
        "model: " + verdict.reason(),
        verdict.confidence());
  }
}
