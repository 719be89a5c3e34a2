package com.fourrunr.campaign;

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
}
