package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.ReplyClassifier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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
    return classify(reply, null);
  }

  /**
   * Decides machines' mail by the rules; asks the model about a person's mail, with the rules'
   * guess and the lead's context. When both name a category and they differ, the mail goes to
   * review with both verdicts in the evidence (the model's category as the runner-up); when the
   * rules could not tell (NEEDS_REVIEW), the model decides; when they agree, the category stands
   * with the rules' dates and referral. The evidence always holds both verdicts.
   */
  @Override
  public ReplyClassification classify(InboundReply reply, @Nullable Lead lead) {
    ReplyClassification machine = rules.machineVerdict(reply);
    if (machine != null) {
      return machine;
    }
    InboundReply bounded = RuleBasedReplyClassifier.bounded(reply);
    ReplyClassification byRules = rules.classify(reply);
    String own = RuleBasedReplyClassifier.ownText(bounded.text());
    LocalDate mailDate = RuleBasedReplyClassifier.mailDate(bounded);
    ReplyModel.Verdict verdict;
    try {
      verdict =
          Objects.requireNonNull(
              model.categorise(
                  new ReplyModel.Request(
                      bounded.from(),
                      bounded.subject(),
                      own.strip(),
                      mailDate,
                      PERSON_CATEGORIES,
                      byRules,
                      leadContext(lead))),
              "model returned null");
    } catch (RuntimeException e) {
      log.warn("reply model failed ({}); the rules decide", e.toString());
      return new ReplyClassification(
          byRules.category(),
          byRules.returnDate(),
          "model failed (" + e.getClass().getSimpleName() + "), rules: " + byRules.evidence(),
          byRules.confidence(),
          byRules.runnerUp(),
          byRules.followUpAfter(),
          byRules.referral());
    }
    return ModelVerdicts.combine(byRules, verdict, PERSON_CATEGORIES, reply, own);
  }

  /** The lead's fields a model may use to read the reply; empty without a lead. */
  static Map<String, String> leadContext(@Nullable Lead lead) {
    if (lead == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("name", lead.displayName());
    out.put("email", lead.email());
    out.put("title", lead.title());
    out.put("company", lead.company());
    out.put("company_domain", lead.companyDomain());
    out.values().removeIf(String::isBlank);
    return out;
  }
}
