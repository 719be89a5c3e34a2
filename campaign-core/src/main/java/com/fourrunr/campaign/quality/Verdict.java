package com.fourrunr.campaign.quality;

import java.util.Objects;

/**
 * One rule's judgement of one message.
 *
 * @param rule the rule, {@code gate.rule}, for example {@code brand.banned-phrases}
 * @param passed whether the message passes it
 * @param score how well it passes, from 0 (worst) to 1 (best)
 * @param detail what was found, for a person reviewing the copy
 */
public record Verdict(String rule, boolean passed, double score, String detail) {
  /** Checks the fields and clamps the score to 0..1. */
  public Verdict {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score is NaN");
    }
    score = Math.max(0, Math.min(1, score));
  }

  /** The gate the rule belongs to: {@code brand}, {@code progression} or {@code uniqueness}. */
  public String gate() {
    int dot = rule.indexOf('.');
    return dot < 0 ? rule : rule.substring(0, dot);
  }

  /** {@code PASS 0.93 detail} or {@code FAIL ...}: the form kept in event attributes. */
  public String summary() {
    return (passed ? "PASS " : "FAIL ")
        + Decimals.fixed(score, 3)
        + (detail.isEmpty() ? "" : " " + detail);
  }
}
