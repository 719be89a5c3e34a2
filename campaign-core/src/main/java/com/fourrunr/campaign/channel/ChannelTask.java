package com.fourrunr.campaign.channel;

import com.fourrunr.campaign.Channel;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A step on a channel the library does not send itself: for LinkedIn, a connection note or a
 * follow-up message for a person to send from a given account to a given profile. Immutable; each
 * change makes a copy with the next {@link #version()}, which the {@link ChannelTaskStore} checks.
 *
 * @param id a unique id
 * @param campaignId the campaign the task belongs to
 * @param leadId the lead
 * @param channel the channel ({@link Channel#LINKEDIN})
 * @param kind connection note or follow-up
 * @param account the id of the {@link LinkedInAccount} to send from; a campaign keeps its account
 * @param profileUrl the lead's profile
 * @param text the prepared text, within the account's limit for its kind
 * @param status where the task stands
 * @param createdAt when it was prepared
 * @param dueAt when it may be handed out (moved later while a cap is reached)
 * @param releasedAt when it was handed to the {@link TaskSink} (counts against the caps from then),
 *     or null
 * @param outcome the last outcome reported, or null
 * @param reportedAt when the last outcome was reported, or null
 * @param reason why it was cancelled, or the empty string
 * @param version 0 when created, one more with each stored change
 */
public record ChannelTask(
    String id,
    String campaignId,
    String leadId,
    Channel channel,
    TaskKind kind,
    String account,
    URI profileUrl,
    String text,
    TaskStatus status,
    Instant createdAt,
    Instant dueAt,
    @Nullable Instant releasedAt,
    @Nullable TaskOutcome outcome,
    @Nullable Instant reportedAt,
    String reason,
    long version) {

  /** Checks the required fields. */
  public ChannelTask {
    List<FieldError> errors = new ArrayList<>();
    if (id == null || id.isBlank()) {
      errors.add(new FieldError("id", "is required"));
    }
    if (campaignId == null || campaignId.isBlank()) {
      errors.add(new FieldError("campaignId", "is required"));
    }
    if (leadId == null || leadId.isBlank()) {
      errors.add(new FieldError("leadId", "is required"));
    }
    if (channel == null) {
      errors.add(new FieldError("channel", "is required"));
    }
    if (kind == null) {
      errors.add(new FieldError("kind", "is required"));
    }
    if (account == null || account.isBlank()) {
      errors.add(new FieldError("account", "is required"));
    }
    if (profileUrl == null) {
      errors.add(new FieldError("profileUrl", "is required"));
    }
    if (text == null || text.isBlank()) {
      errors.add(new FieldError("text", "is blank"));
    }
    if (status == null) {
      errors.add(new FieldError("status", "is required"));
    }
    if (createdAt == null) {
      errors.add(new FieldError("createdAt", "is required"));
    }
    if (dueAt == null) {
      errors.add(new FieldError("dueAt", "is required"));
    }
    if (version < 0) {
      errors.add(new FieldError("version", version + " is negative"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("ChannelTask", errors);
    }
    reason = reason == null ? "" : reason;
  }

  /** A new task, {@link TaskStatus#WAITING} until {@code dueAt}. */
  public static ChannelTask waiting(
      String id,
      String campaignId,
      String leadId,
      Channel channel,
      TaskKind kind,
      String account,
      URI profileUrl,
      String text,
      Instant createdAt,
      Instant dueAt) {
    return new ChannelTask(
        id,
        campaignId,
        leadId,
        channel,
        kind,
        account,
        profileUrl,
        text,
        TaskStatus.WAITING,
        createdAt,
        dueAt,
        null,
        null,
        null,
        "",
        0);
  }

  /** This task waiting until {@code at}. */
  public ChannelTask deferredTo(Instant at) {
    return new ChannelTask(
        id,
        campaignId,
        leadId,
        channel,
        kind,
        account,
        profileUrl,
        text,
        TaskStatus.WAITING,
        createdAt,
        at,
        releasedAt,
        outcome,
        reportedAt,
        reason,
        version + 1);
  }

  /** This task handed out at {@code at}. */
  public ChannelTask released(Instant at) {
    return new ChannelTask(
        id,
        campaignId,
        leadId,
        channel,
        kind,
        account,
        profileUrl,
        text,
        TaskStatus.OPEN,
        createdAt,
        dueAt,
        at,
        outcome,
        reportedAt,
        reason,
        version + 1);
  }

  /**
   * This task back to waiting until {@code at} after its hand-over failed (it no longer counts on
   * caps).
   */
  public ChannelTask unreleased(Instant at) {
    return new ChannelTask(
        id,
        campaignId,
        leadId,
        channel,
        kind,
        account,
        profileUrl,
        text,
        TaskStatus.WAITING,
        createdAt,
        at,
        null,
        outcome,
        reportedAt,
        reason,
        version + 1);
  }

  /** This task with an outcome reported at {@code at}, in {@code status}. */
  public ChannelTask reported(TaskOutcome outcome, TaskStatus status, Instant at) {
    return new ChannelTask(
        id,
        campaignId,
        leadId,
        channel,
        kind,
        account,
        profileUrl,
        text,
        status,
        createdAt,
        dueAt,
        releasedAt,
        outcome,
        at,
        reason,
        version + 1);
  }

  /** This task cancelled for {@code why}. */
  public ChannelTask cancelled(String why) {
    return new ChannelTask(
        id,
        campaignId,
        leadId,
        channel,
        kind,
        account,
        profileUrl,
        text,
        TaskStatus.CANCELLED,
        createdAt,
        dueAt,
        releasedAt,
        outcome,
        reportedAt,
        why,
        version + 1);
  }
}
