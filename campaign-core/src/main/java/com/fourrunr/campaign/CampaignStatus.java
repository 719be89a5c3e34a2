package com.fourrunr.campaign;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a campaign stands. The legal transitions are all listed here, in {@link #TRANSITIONS}:
 *
 * <pre>
 * ACTIVE    -&gt; PAUSED | COMPLETED | RESPONDED | STOPPED
 * PAUSED    -&gt; ACTIVE | RESPONDED | STOPPED
 * HELD      -&gt; ACTIVE | STOPPED      (approved after review, or dropped)
 * COMPLETED -&gt; RESPONDED | STOPPED      (an answer or an opt-out can come after the last step)
 * PENDING_COPY -&gt; ACTIVE | HELD | STOPPED (its copy came from a model batch, or it was dropped)
 * RESPONDED -&gt; (final)
 * STOPPED   -&gt; (final)
 * </pre>
 *
 * Anything else is rejected with an {@link IllegalTransitionException}.
 */
public enum CampaignStatus {
  /** Steps are being sent as they fall due. */
  ACTIVE,
  /** Nothing is sent until the campaign is resumed (by a person, or at a return date). */
  PAUSED,
  /**
   * Its copy failed the quality gates: nothing is sent until a person approves it ({@link
   * CampaignEngine#approve}) or stops it.
   */
  HELD,
  /** Every step was sent without an answer. */
  COMPLETED,
  /** The person answered; no further step is sent. */
  RESPONDED,
  /** Ended early: by a person, an opt-out, a bounce or a failure. */
  STOPPED,
  /**
   * Enrolled, its copy still being written through a model's batch API ({@link
   * CampaignEngineBuilder#batchGenerator}): nothing is queued or sent until the copy arrives and
   * passes the gates (then {@link #ACTIVE}) or fails them ({@link #HELD}).
   */
  PENDING_COPY;

  private static final Map<CampaignStatus, Set<CampaignStatus>> TRANSITIONS;

  static {
    Map<CampaignStatus, Set<CampaignStatus>> t = new EnumMap<>(CampaignStatus.class);
    t.put(ACTIVE, EnumSet.of(PAUSED, COMPLETED, RESPONDED, STOPPED));
    t.put(PAUSED, EnumSet.of(ACTIVE, RESPONDED, STOPPED));
    t.put(HELD, EnumSet.of(ACTIVE, STOPPED));
    t.put(COMPLETED, EnumSet.of(RESPONDED, STOPPED));
    t.put(RESPONDED, EnumSet.noneOf(CampaignStatus.class));
    t.put(STOPPED, EnumSet.noneOf(CampaignStatus.class));
    t.put(PENDING_COPY, EnumSet.of(ACTIVE, HELD, STOPPED));
    TRANSITIONS = Collections.unmodifiableMap(t);
  }

  /** Whether a campaign in this status may move to {@code target}. */
  public boolean canTransitionTo(CampaignStatus target) {
    return Objects.requireNonNull(TRANSITIONS.get(this)).contains(target);
  }

  /** The statuses this one may move to. */
  public Set<CampaignStatus> allowedTargets() {
    Set<CampaignStatus> targets = Objects.requireNonNull(TRANSITIONS.get(this));
    return targets.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(targets));
  }

  /** Whether no transition leaves this status. */
  public boolean isFinal() {
    return Objects.requireNonNull(TRANSITIONS.get(this)).isEmpty();
  }

  /**
   * Whether the campaign still occupies its lead (active, paused, held for review or waiting for
   * its copy).
   */
  public boolean isOpen() {
    return this == ACTIVE || this == PAUSED || this == HELD || this == PENDING_COPY;
  }
}
