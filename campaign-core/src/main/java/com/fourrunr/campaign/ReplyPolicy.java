package com.fourrunr.campaign;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine does with each {@link ReplyCategory}: a configurable policy, given to {@link
 * CampaignEngineBuilder#replyPolicy(ReplyPolicy)}. {@link #defaults()} is:
 *
 * <table>
 *   <caption>Default actions</caption>
 *   <tr><th>category</th><th>campaign</th><th>also</th></tr>
 *   <tr><td>INTERESTED</td><td>RESPONDED</td><td>{@link EventType#LEAD_FLAGGED} for the team</td></tr>
 *   <tr><td>NOT_INTERESTED</td><td>RESPONDED</td><td>address suppressed for every campaign</td></tr>
 *   <tr><td>WRONG_PERSON</td><td>RESPONDED</td><td></td></tr>
 *   <tr><td>UNSUBSCRIBE_REQUEST</td><td>STOPPED</td><td>address suppressed</td></tr>
 *   <tr><td>COMPLAINT</td><td>STOPPED</td><td>address suppressed, {@link EventType#ALERT_RAISED}</td></tr>
 *   <tr><td>BOUNCE_HARD</td><td>STOPPED</td><td>address suppressed</td></tr>
 *   <tr><td>BOUNCE_SOFT</td><td>the bounced step is sent again after {@link #softBounceRetryDelay()};
 *       STOPPED at the {@link #maxSoftBounces()}th soft bounce</td><td></td></tr>
 *   <tr><td>OUT_OF_OFFICE</td><td>PAUSED until the business day after the return date, or for {@link
 *       #outOfOfficeDefaultPause()} when the mail names none; not a response</td><td></td></tr>
 *   <tr><td>AUTO_REPLY</td><td>no change</td><td></td></tr>
 *   <tr><td>NEEDS_REVIEW</td><td>PAUSED until a person resumes or stops it</td><td></td></tr>
 * </table>
 *
 * A bounce's {@link BounceReason} refines its action ({@link #action(ReplyClassification)}): a
 * {@link BounceReason#BLOCKED} or {@link BounceReason#SPAM_FILTERED} bounce says nothing against
 * the address, so it never suppresses it: the step is sent again later (as a soft bounce), an alert
 * is raised and it counts against the sending mailbox, which the engine pauses at the {@link
 * #MAILBOX_BLOCKS_TO_PAUSE}th such bounce within {@link #MAILBOX_BLOCK_WINDOW}. An unknown user or
 * domain is always a hard bounce (suppressed), a full mailbox, an expired delivery or a rate limit
 * always a soft one (sent again later).
 *
 * <p>A verdict whose confidence is below {@link #minConfidence()} is treated as NEEDS_REVIEW. With
 * {@link #companyWideStop()}, a person's reply from the lead's company domain also pauses every
 * other open campaign to that domain. Immutable and thread-safe.
 *
 * @param actions the action per category; every category must have one
 * @param minConfidence the sensitivity: verdicts below it go to a person (0 to 1)
 * @param outOfOfficeDefaultPause how long an out-of-office without a return date pauses the
 *     campaign
 * @param maxSoftBounces the soft bounce (counted per campaign) that stops the campaign (at least 1)
 * @param softBounceRetryDelay how long after a soft bounce the bounced step is sent again
 * @param companyWideStop whether a reply from the lead's company pauses the company's other
 *     campaigns
 */
public record ReplyPolicy(
    Map<ReplyCategory, Action> actions,
    double minConfidence,
    Duration outOfOfficeDefaultPause,
    int maxSoftBounces,
    Duration softBounceRetryDelay,
    boolean companyWideStop) {

  /**
   * The number of bounces for a blocked sender or a spam filter ({@link
   * BounceReason#isSenderProblem()}) within {@link #MAILBOX_BLOCK_WINDOW} that pauses the sending
   * mailbox.
   */
  public static final int MAILBOX_BLOCKS_TO_PAUSE = 3;

  /** The window in which {@link #MAILBOX_BLOCKS_TO_PAUSE} is counted. */
  public static final Duration MAILBOX_BLOCK_WINDOW = Duration.ofDays(1);

  /** Default sensitivity. */
  public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

  /** Default pause after an out-of-office that names no return date. */
  public static final Duration DEFAULT_OUT_OF_OFFICE_PAUSE = Duration.ofDays(7);

  /** Default number of soft bounces that stop a campaign. */
  public static final int DEFAULT_MAX_SOFT_BOUNCES = 3;

  /** Default wait before a soft-bounced step is sent again. */
  public static final Duration DEFAULT_SOFT_BOUNCE_RETRY_DELAY = Duration.ofDays(1);

  /** What happens to the campaign itself. */
  public enum Effect {
    /** The person answered: the campaign is RESPONDED and its remaining steps cancelled. */
    RESPOND,
    /** The campaign is STOPPED and its remaining steps cancelled. */
    STOP,
    /** Paused until the business day after the return date (or for the default pause). */
    PAUSE_UNTIL_RETURN,
    /** Paused until a person resumes or stops it. */
    PAUSE_FOR_REVIEW,
    /** The bounced step is sent again later; the campaign stops after too many soft bounces. */
    RETRY_LATER,
    /** Recorded only. */
    NONE
  }

  /**
   * What one category does.
   *
   * @param effect what happens to the campaign
   * @param suppress whether the lead's address is suppressed for every campaign
   * @param flagLead whether a {@link EventType#LEAD_FLAGGED} event asks the team to follow up
   * @param alert whether an {@link EventType#ALERT_RAISED} event is published
   */
  public record Action(Effect effect, boolean suppress, boolean flagLead, boolean alert) {
    /** Checks the effect. */
    public Action {
      Objects.requireNonNull(effect, "effect");
    }

    /** An action with only a campaign effect. */
    public static Action of(Effect effect) {
      return new Action(effect, false, false, false);
    }
  }

  /** Checks every field, listing each problem. */
  public ReplyPolicy {
    List<FieldError> errors = new ArrayList<>();
    Map<ReplyCategory, Action> copy = new EnumMap<>(ReplyCategory.class);
    if (actions == null) {
      errors.add(new FieldError("actions", "is required"));
    } else {
      copy.putAll(actions);
      for (ReplyCategory c : ReplyCategory.values()) {
        if (copy.get(c) == null) {
          errors.add(new FieldError("actions", "has no action for " + c));
        }
      }
    }
    if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
      errors.add(new FieldError("minConfidence", minConfidence + " is not between 0 and 1"));
    }
    if (outOfOfficeDefaultPause == null
        || outOfOfficeDefaultPause.isNegative()
        || outOfOfficeDefaultPause.isZero()) {
      errors.add(new FieldError("outOfOfficeDefaultPause", "must be a positive duration"));
    }
    if (maxSoftBounces < 1) {
      errors.add(new FieldError("maxSoftBounces", maxSoftBounces + " is less than 1"));
    }
    if (softBounceRetryDelay == null
        || softBounceRetryDelay.isNegative()
        || softBounceRetryDelay.isZero()) {
      errors.add(new FieldError("softBounceRetryDelay", "must be a positive duration"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("ReplyPolicy", errors);
    }
    actions = Collections.unmodifiableMap(copy);
  }

  /** The default policy described above. */
  public static ReplyPolicy defaults() {
    return new ReplyPolicy(
        defaultActions(),
        DEFAULT_MIN_CONFIDENCE,
        DEFAULT_OUT_OF_OFFICE_PAUSE,
        DEFAULT_MAX_SOFT_BOUNCES,
        DEFAULT_SOFT_BOUNCE_RETRY_DELAY,
        false);
  }

  /** The default action per category. */
  public static Map<ReplyCategory, Action> defaultActions() {
    Map<ReplyCategory, Action> a = new EnumMap<>(ReplyCategory.class);
    a.put(ReplyCategory.INTERESTED, new Action(Effect.RESPOND, false, true, false));
    a.put(ReplyCategory.NOT_INTERESTED, new Action(Effect.RESPOND, true, false, false));
    a.put(ReplyCategory.WRONG_PERSON, Action.of(Effect.RESPOND));
    a.put(ReplyCategory.UNSUBSCRIBE_REQUEST, new Action(Effect.STOP, true, false, false));
    a.put(ReplyCategory.COMPLAINT, new Action(Effect.STOP, true, false, true));
    a.put(ReplyCategory.BOUNCE_HARD, new Action(Effect.STOP, true, false, false));
    a.put(ReplyCategory.BOUNCE_SOFT, Action.of(Effect.RETRY_LATER));
    a.put(ReplyCategory.OUT_OF_OFFICE, Action.of(Effect.PAUSE_UNTIL_RETURN));
    a.put(ReplyCategory.AUTO_REPLY, Action.of(Effect.NONE));
    a.put(ReplyCategory.NEEDS_REVIEW, Action.of(Effect.PAUSE_FOR_REVIEW));
    return a;
  }

  /** The action for a category. */
  public Action action(ReplyCategory category) {
    return Objects.requireNonNull(actions.get(category), "every category has an action");
  }

  /**
   * The action for a verdict: its category's, except for a bounce whose reason is the sender's
   * problem ({@link BounceReason#isSenderProblem()}), which is sent again later without suppressing
   * the address and with an alert.
   */
  public Action action(ReplyClassification verdict) {
    Action a = action(verdict.category());
    BounceReason reason = verdict.reason();
    boolean bounce =
        verdict.category() == ReplyCategory.BOUNCE_HARD
            || verdict.category() == ReplyCategory.BOUNCE_SOFT;
    if (bounce && reason != null && reason.isSenderProblem()) {
      return new Action(Effect.RETRY_LATER, false, a.flagLead(), true);
    }
    return a;
  }

  /** This policy with another action for one category. */
  public ReplyPolicy withAction(ReplyCategory category, Action action) {
    Map<ReplyCategory, Action> a = new EnumMap<>(actions);
    a.put(Objects.requireNonNull(category, "category"), Objects.requireNonNull(action, "action"));
    return new ReplyPolicy(
        a,
        minConfidence,
        outOfOfficeDefaultPause,
        maxSoftBounces,
        softBounceRetryDelay,
        companyWideStop);
  }

  /** This policy with another sensitivity. */
  public ReplyPolicy withMinConfidence(double value) {
    return new ReplyPolicy(
        actions,
        value,
        outOfOfficeDefaultPause,
        maxSoftBounces,
        softBounceRetryDelay,
        companyWideStop);
  }

  /** This policy with another default out-of-office pause. */
  public ReplyPolicy withOutOfOfficeDefaultPause(Duration value) {
    return new ReplyPolicy(
        actions, minConfidence, value, maxSoftBounces, softBounceRetryDelay, companyWideStop);
  }

  /** This policy with other soft-bounce limits. */
  public ReplyPolicy withSoftBounces(int max, Duration retryDelay) {
    return new ReplyPolicy(
        actions, minConfidence, outOfOfficeDefaultPause, max, retryDelay, companyWideStop);
  }

  /** This policy with the company-wide stop on or off. */
  public ReplyPolicy withCompanyWideStop(boolean value) {
    return new ReplyPolicy(
        actions,
        minConfidence,
        outOfOfficeDefaultPause,
        maxSoftBounces,
        softBounceRetryDelay,
        value);
  }

  /**
   * The verdict the engine acts on: {@code c} itself, or NEEDS_REVIEW (with the original verdict
   * and its runner-up in the evidence, the runner-up kept) when its confidence is below {@link
   * #minConfidence()}.
   */
  public ReplyClassification review(ReplyClassification c) {
    if (c.category() == ReplyCategory.NEEDS_REVIEW || c.confidence() >= minConfidence) {
      return c;
    }
    return new ReplyClassification(
        ReplyCategory.NEEDS_REVIEW,
        null,
        "confidence "
            + c.confidence()
            + " below "
            + minConfidence
            + " for "
            + c.category()
            + (c.runnerUp() == null ? "" : " or " + c.runnerUp())
            + " ("
            + c.evidence()
            + ")",
        c.confidence(),
        c.runnerUp(),
        c.followUpAfter(),
        c.referral());
  }

  /** The first business day (Monday to Friday) after {@code date}. */
  public static LocalDate businessDayAfter(LocalDate date) {
    LocalDate d = date.plusDays(1);
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }
}
