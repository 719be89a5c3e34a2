package com.fourrunr.campaign;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One arm of an A/B {@link Experiment} on a sequence step: what its messages say differently (a
 * subject and/or body hint handed to the {@link MessageGenerator} through {@link
 * GenerationRequest#variant()}) or when they go out (another interval or send window).
 *
 * <p>Build one with {@link #of(String, int)} and the {@code with...} methods:
 *
 * <pre>{@code
 * Variant b = Variant.of("B", 50).withSubjectHint("Quick question, {firstName}").withWindow(
 *     LocalTime.of(14, 0), LocalTime.of(16, 0));
 * }</pre>
 *
 * @param name a short name, recorded as attribute {@code variant} on the message events (letters,
 *     digits, {@code -} and {@code _}, up to 32 characters)
 * @param weight the share of leads it gets, relative to the other variants' weights (1 to 10000)
 * @param subjectHint a subject line, or the idea of one, for the generator; empty for none. The
 *     template generator uses it as the subject, with {@code {firstName}} and {@code {company}}
 *     filled in
 * @param bodyHint an angle or opening for the body, for the generator; empty for none
 * @param daysAfterPrevious another interval for the step than the sequence's, or null to keep it
 * @param windowStart start of another daily send window for the step, or null to keep the policy's
 * @param windowEnd end of that window (after {@code windowStart}), or null
 */
public record Variant(
    String name,
    int weight,
    String subjectHint,
    String bodyHint,
    @Nullable Integer daysAfterPrevious,
    @Nullable LocalTime windowStart,
    @Nullable LocalTime windowEnd) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** Checks every field, listing each problem. */
  public Variant {
    subjectHint = subjectHint == null ? "" : subjectHint.strip();
    bodyHint = bodyHint == null ? "" : bodyHint.strip();
    List<FieldError> errors = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      errors.add(new FieldError("name", "'" + name + "' is not 1 to 32 letters, digits, - or _"));
    }
    if (weight < 1 || weight > 10_000) {
      errors.add(new FieldError("weight", weight + " is not between 1 and 10000"));
    }
    if (daysAfterPrevious != null && (daysAfterPrevious < 0 || daysAfterPrevious > 365)) {
      errors.add(
          new FieldError("daysAfterPrevious", daysAfterPrevious + " is not between 0 and 365"));
    }
    if ((windowStart == null) != (windowEnd == null)) {
      errors.add(new FieldError("window", "needs both a start and an end, or neither"));
    } else if (windowStart != null && !windowStart.isBefore(windowEnd)) {
      errors.add(new FieldError("window", windowStart + " is not before " + windowEnd));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Variant " + name, errors);
    }
  }

  /**
   * A variant that changes nothing yet: the control arm, or a start for the {@code with...}
   * methods.
   */
  public static Variant of(String name, int weight) {
    return new Variant(name, weight, "", "", null, null, null);
  }

  /** This variant with a subject hint. */
  public Variant withSubjectHint(String subjectHint) {
    return new Variant(
        name, weight, subjectHint, bodyHint, daysAfterPrevious, windowStart, windowEnd);
  }

  /** This variant with a body hint. */
  public Variant withBodyHint(String bodyHint) {
    return new Variant(
        name, weight, subjectHint, bodyHint, daysAfterPrevious, windowStart, windowEnd);
  }

  /** This variant with another interval for its step. */
  public Variant withInterval(int daysAfterPrevious) {
    return new Variant(
        name, weight, subjectHint, bodyHint, daysAfterPrevious, windowStart, windowEnd);
  }

  /** This variant with another daily send window for its step. */
  public Variant withWindow(LocalTime start, LocalTime end) {
    return new Variant(name, weight, subjectHint, bodyHint, daysAfterPrevious, start, end);
  }

  /** This variant with another weight. */
  public Variant withWeight(int weight) {
    return new Variant(
        name, weight, subjectHint, bodyHint, daysAfterPrevious, windowStart, windowEnd);
  }

  /** Whether it changes when its step goes out. */
  public boolean changesTiming() {
    return daysAfterPrevious != null || windowStart != null;
  }
}
