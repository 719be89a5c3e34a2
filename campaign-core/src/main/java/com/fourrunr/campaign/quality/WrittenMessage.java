package com.fourrunr.campaign.quality;

import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.MessageType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step as written and checked, with its audit trail.
 *
 * @param stepIndex the step, from 0
 * @param type the step's message type
 * @param message the text kept for the step (the fallback's when a fallback applied)
 * @param verdicts every gate rule's verdict on that text
 * @param attempts texts written for this step, fallback included (the generator's own HTTP retries
 *     are in {@code message.info().attempts()})
 * @param fallback the fallback that applied ({@code none}, {@code template} or {@code hold})
 * @param fallbackReason why it applied, or empty
 * @param promptTokens tokens sent to a model for this step, every text written for it counted
 * @param completionTokens tokens a model wrote for this step, every text written for it counted
 */
public record WrittenMessage(
    int stepIndex,
    MessageType type,
    GeneratedMessage message,
    List<Verdict> verdicts,
    int attempts,
    String fallback,
    String fallbackReason,
    long promptTokens,
    long completionTokens) {
  /** Checks the fields and freezes the verdicts. */
  public WrittenMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    verdicts = List.copyOf(verdicts);
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(fallbackReason, "fallbackReason");
  }

  /** Whether every verdict passed. */
  public boolean passed() {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  /**
   * The audit trail of this step, as kept in a {@link
   * com.fourrunr.campaign.EventType#MESSAGE_CHECKED} event: step (type name), step index, whether
   * it passed, generator, prompt version, model, tokens, attempts, fallback and each rule's
   * verdict.
   */
  public EventPayload.MessageChecked audit() {
    GenerationInfo info = message.info();
    Map<String, String> byRule = new LinkedHashMap<>();
    for (Verdict v : verdicts) {
      byRule.put(v.rule(), v.summary());
    }
    return new EventPayload.MessageChecked(
        type.name(),
        stepIndex,
        passed(),
        info.generator(),
        info.promptVersion(),
        info.model(),
        promptTokens,
        completionTokens,
        attempts,
        info.attempts(),
        fallback,
        fallbackReason,
        byRule,
        null,
        false);
  }

  /**
   * {@link #audit()} in the string form events are stored in: one {@code verdict.<rule>} entry per
   * rule.
   *
   * @deprecated read {@link #audit()}
   */
  @Deprecated
  public Map<String, String> auditAttributes() {
    Map<String, String> a = new LinkedHashMap<>();
    GenerationInfo info = message.info();
    a.put("step", type.name());
    a.put("stepIndex", String.valueOf(stepIndex));
    a.put("passed", String.valueOf(passed()));
    a.put("generator", info.generator());
    a.put("promptVersion", info.promptVersion());
    a.put("model", info.model());
    a.put("promptTokens", String.valueOf(promptTokens));
    a.put("completionTokens", String.valueOf(completionTokens));
    a.put("attempts", String.valueOf(attempts));
    a.put("generatorCalls", String.valueOf(info.attempts()));
    a.put("fallback", fallback);
    a.put("fallbackReason", fallbackReason);
    for (Verdict v : verdicts) {
      a.put("verdict." + v.rule(), v.summary());
    }
    return a;
  }

  /** The rules that failed, comma-separated. */
  public String failedRules() {
    return String.join(
        ", ", verdicts.stream().filter(v -> !v.passed()).map(Verdict::rule).toList());
  }
}
