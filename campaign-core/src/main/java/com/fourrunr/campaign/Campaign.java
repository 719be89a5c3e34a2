package com.fourrunr.campaign;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One lead's run through a sequence. Immutable: every change makes a new value with a higher {@link
 * #version()}, which stores use to refuse a lost update.
 *
 * @param id the campaign's id
 * @param leadId the lead it writes to
 * @param config the configuration it was created with, kept for its whole life
 * @param status where it stands
 * @param statusReason why it has its status, for people reading reports (for example {@code paused
 *     by operator} or {@code reply: INTERESTED})
 * @param createdAt when it was created
 * @param updatedAt when its status last changed
 * @param resumeAt when a paused campaign resumes by itself, or null to wait for a person
 * @param version starts at 0 and grows by one with every change
 */
public record Campaign(
    String id,
    String leadId,
    CampaignConfig config,
    CampaignStatus status,
    String statusReason,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant resumeAt,
    long version) {

  /** Checks the required fields. */
  public Campaign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(status, "status");
    statusReason = statusReason == null ? "" : statusReason;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
  }

  /** A new active campaign at version 0. */
  public static Campaign start(String id, String leadId, CampaignConfig config, Instant now) {
    return new Campaign(id, leadId, config, CampaignStatus.ACTIVE, "enrolled", now, now, null, 0);
  }

  /**
   * A new campaign at version 0 held for review ({@link CampaignStatus#HELD}): nothing is sent yet.
   */
  public static Campaign held(
      String id, String leadId, CampaignConfig config, Instant now, String reason) {
    return new Campaign(id, leadId, config, CampaignStatus.HELD, reason, now, now, null, 0);
  }

  /**
   * This campaign moved to {@code target}.
   *
   * @throws IllegalTransitionException when {@link CampaignStatus#canTransitionTo} refuses the move
   */
  public Campaign transitionTo(CampaignStatus target, String reason, Instant at) {
    if (!status.canTransitionTo(target)) {
      throw new IllegalTransitionException(id, status, target);
    }
    return new Campaign(id, leadId, config, target, reason, createdAt, at, null, version + 1);
  }

  /** This campaign paused until {@code resumeAt} (null: until a person resumes it). */
  public Campaign pausedUntil(@Nullable Instant resumeAt, String reason, Instant at) {
    Campaign paused = transitionTo(CampaignStatus.PAUSED, reason, at);
    return new Campaign(
        id, leadId, config, paused.status, reason, createdAt, at, resumeAt, paused.version);
  }
}
