package com.fourrunr.campaign.analytics;

/** The outcome an A/B comparison or a recommendation is judged on, over delivered messages. */
public enum Outcome {
  /** A reply by a person. */
  REPLY,
  /** A positive reply ({@code INTERESTED}). */
  POSITIVE_REPLY;

  long successes(Metrics m) {
    return this == REPLY ? m.replied() : m.positiveReplies();
  }

  String words() {
    return this == REPLY ? "reply rate" : "positive-reply rate";
  }
}
