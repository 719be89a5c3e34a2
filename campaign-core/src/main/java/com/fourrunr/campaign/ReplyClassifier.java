package com.fourrunr.campaign;

import org.jspecify.annotations.Nullable;

/**
 * Puts an incoming mail into a {@link ReplyCategory}. The default is {@code
 * RuleBasedReplyClassifier} in {@code com.fourrunr.campaign.reply}; a model-backed one can replace
 * it. Must be thread-safe.
 */
@FunctionalInterface
public interface ReplyClassifier {
  /**
   * Categorises one mail; never throws for odd input (unclear mail is {@link
   * ReplyCategory#NEEDS_REVIEW}).
   */
  ReplyClassification classify(InboundReply reply);

  /**
   * As {@link #classify(InboundReply)}, knowing the lead the mail was matched to (or null when it
   * matched none), so a classifier that asks a model can give it the lead's context. The engine
   * calls this one; the default ignores the lead.
   */
  default ReplyClassification classify(InboundReply reply, @Nullable Lead lead) {
    return classify(reply);
  }
}
