package com.fourrunr.campaign.analytics;

/** The outcome an A/B comparison or a recommendation is judged on, over delivered messages. */
public enum Outcome {
  /** Any reply by a person, refusals and unsubscribe requests included. */
  REPLY,
  /** A positive reply ({@code INTERESTED}): the default, the one outcome a campaign wants. */
  POSITIVE_REPLY;

  long successes(Metrics m) {
    return this == REPLY ? m.replied() : m.positiveReplies();
  }

  String words() {
    return this == REPLY ? "reply rate" : "positive-reply rate";
  }

  String noun() {
    return this == REPLY ? "replies" : "positive replies";
  }
}
