package com.fourrunr.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CampaignEvent} says beyond its ids: one record per {@link EventType}. Read it with
 * a {@code switch} or {@code instanceof} over the records, or through the accessors declared here,
 * which several records share.
 *
 * <p>Text fields that a writer always sets are never null (empty when an old stored row lacks
 * them); numbers and flags missing from an old row read as 0 and false; optional fields are null
 * when absent. Events of a message carry the lead's A/B {@link #variant()} of the message's step
 * (see {@link Experiment}).
 */
public sealed interface EventPayload {

  /** The event type this payload belongs to. */
  EventType type();

  /** The step concerned (a {@link MessageType} name), or null. */
  default @Nullable String step() {
    return null;
  }

  /** The lead's A/B variant of the message's step, or null (no experiment or no message). */
  default @Nullable String variant() {
    return null;
  }

  /** Whether {@link #variant()} changes the timing (judged on the whole sequence). */
  default boolean variantTiming() {
    return false;
  }

  /** The reply category concerned, or null. */
  default @Nullable ReplyCategory category() {
    return null;
  }

  /** This payload naming the variant, for the events that carry one; otherwise this payload. */
  default EventPayload withVariant(String variant, boolean timing) {
    return this;
  }

  private static Map<String, String> frozen(@Nullable Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * A lead passed the gates and its campaign was created.
   *
   * @param sequence the sequence's name
   * @param steps its number of steps
   * @param tokens the model tokens used to write it
   * @param schedule the facts of its send schedule ({@code zone}, {@code zoneSource}, {@code
   *     zoneWarning}, ...)
   */
  record CampaignCreated(String sequence, int steps, long tokens, Map<String, String> schedule)
      implements EventPayload {
    /** Freezes the schedule facts. */
    public CampaignCreated {
      schedule = frozen(schedule);
    }

    @Override
    public EventType type() {
      return EventType.CAMPAIGN_CREATED;
    }

    /** The time zone the schedule used, or empty (a schedule without zones). */
    public String zone() {
      return schedule.getOrDefault("zone", "");
    }
  }

  /**
   * A lead was not enrolled.
   *
   * @param location where the lead came from (a CSV line, an id)
   * @param reason a {@link SkipReason} name
   * @param detail why, in words
   */
  record LeadSkipped(String location, String reason, String detail) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.LEAD_SKIPPED;
    }
  }

  /**
   * A message got its send time.
   *
   * @param step the step
   * @param scheduledAt the send time, null if an old row lacks it
   * @param reason why it was moved, or null for a first schedule
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageScheduled(
      String step,
      @Nullable Instant scheduledAt,
      @Nullable String reason,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_SCHEDULED;
    }

    @Override
    public MessageScheduled withVariant(String variant, boolean timing) {
      return new MessageScheduled(step, scheduledAt, reason, variant, timing);
    }
  }

  /**
   * The mail server accepted a message.
   *
   * @param step the step
   * @param messageId the Message-ID header sent
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageSent(String step, String messageId, @Nullable String variant, boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_SENT;
    }

    @Override
    public MessageSent withVariant(String variant, boolean timing) {
      return new MessageSent(step, messageId, variant, timing);
    }
  }

  /**
   * A send failed for a passing reason and will be tried again.
   *
   * @param error the failure
   * @param attempt the attempt that failed
   * @param retryAt when it is tried again, null if an old row lacks it
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageRetryScheduled(
      String error,
      int attempt,
      @Nullable Instant retryAt,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_RETRY_SCHEDULED;
    }

    @Override
    public MessageRetryScheduled withVariant(String variant, boolean timing) {
      return new MessageRetryScheduled(error, attempt, retryAt, variant, timing);
    }
  }

  /**
   * A message was given up.
   *
   * @param error the failure
   * @param attempts the attempts made
   * @param permanent whether the failure was permanent (rather than the attempts exhausted)
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageFailed(
      String error,
      int attempts,
      boolean permanent,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_FAILED;
    }

    @Override
    public MessageFailed withVariant(String variant, boolean timing) {
      return new MessageFailed(error, attempts, permanent, variant, timing);
    }
  }

  /**
   * Every attempt of a message failed and it went to the dead-letter queue.
   *
   * @param error the last failure
   * @param attempts the attempts made
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageDeadLettered(
      String error, int attempts, @Nullable String variant, boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_DEAD_LETTERED;
    }

    @Override
    public MessageDeadLettered withVariant(String variant, boolean timing) {
      return new MessageDeadLettered(error, attempts, variant, timing);
    }
  }

  /**
   * A dead-lettered or uncertain message was scheduled again by an operator.
   *
   * @param from the {@link DeliveryStatus} name it left
   * @param reason the operator's reason
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageReplayed(
      String from, String reason, @Nullable String variant, boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_REPLAYED;
    }

    @Override
    public MessageReplayed withVariant(String variant, boolean timing) {
      return new MessageReplayed(from, reason, variant, timing);
    }
  }

  /**
   * The mail server refused the recipient or the message during the send (a synchronous bounce).
   *
   * @param error the server's answer
   * @param replyCode the SMTP reply code
   * @param step the step, or null (the engine does not write it)
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageBounced(
      String error,
      int replyCode,
      @Nullable String step,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_BOUNCED;
    }

    @Override
    public MessageBounced withVariant(String variant, boolean timing) {
      return new MessageBounced(error, replyCode, step, variant, timing);
    }
  }

  /**
   * A message will not be sent.
   *
   * @param step the step
   * @param reason why
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageCancelled(
      String step, String reason, @Nullable String variant, boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_CANCELLED;
    }

    @Override
    public MessageCancelled withVariant(String variant, boolean timing) {
      return new MessageCancelled(step, reason, variant, timing);
    }
  }

  /**
   * A recipient opened a message (tracking).
   *
   * @param step the step, or null
   * @param traffic {@code human} or {@code machine}, or null
   * @param machineReason why a machine was seen, or null
   */
  record MessageOpened(
      @Nullable String step, @Nullable String traffic, @Nullable String machineReason)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_OPENED;
    }

    /** Whether a machine made the hit. */
    public boolean machine() {
      return "machine".equals(traffic);
    }
  }

  /**
   * A recipient clicked a link (tracking).
   *
   * @param step the step, or null
   * @param traffic {@code human} or {@code machine}, or null
   * @param machineReason why a machine was seen, or null
   * @param url the link's target, or null
   * @param link the link's index in the message, or null
   * @param linkCount the number of links in the message, or null
   */
  record LinkClicked(
      @Nullable String step,
      @Nullable String traffic,
      @Nullable String machineReason,
      @Nullable String url,
      @Nullable Integer link,
      @Nullable Integer linkCount)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.LINK_CLICKED;
    }

    /** Whether a machine made the hit. */
    public boolean machine() {
      return "machine".equals(traffic);
    }
  }

  /**
   * The campaign was paused.
   *
   * @param reason why
   * @param resumeAt when it resumes by itself, or null
   */
  record CampaignPaused(String reason, @Nullable Instant resumeAt) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_PAUSED;
    }
  }

  /**
   * The campaign was resumed.
   *
   * @param reason why, empty when not given
   */
  record CampaignResumed(String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_RESUMED;
    }
  }

  /** Every step was sent. */
  record CampaignCompleted() implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_COMPLETED;
    }
  }

  /**
   * The person answered (by mail or on another channel).
   *
   * @param channel the channel of the answer for a channel task, or null
   * @param taskKind the task's kind, or null
   * @param taskId the task, or null
   * @param category the reply's category, or null
   * @param step the step answered, or null
   * @param respondedAt when, or null
   * @param reason why the campaign ended, or null
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record CampaignResponded(
      @Nullable String channel,
      @Nullable String taskKind,
      @Nullable String taskId,
      @Nullable ReplyCategory category,
      @Nullable String step,
      @Nullable Instant respondedAt,
      @Nullable String reason,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_RESPONDED;
    }

    @Override
    public CampaignResponded withVariant(String variant, boolean timing) {
      return new CampaignResponded(
          channel, taskKind, taskId, category, step, respondedAt, reason, variant, timing);
    }
  }

  /**
   * The campaign was ended early.
   *
   * @param reason why
   */
  record CampaignStopped(String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_STOPPED;
    }
  }

  /**
   * A mail came in.
   *
   * @param replyId the stored reply's id
   * @param from the sender
   * @param source where it came from
   */
  record ReplyReceived(String replyId, String from, String source) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.REPLY_RECEIVED;
    }
  }

  /**
   * A mail was categorised and acted on.
   *
   * @param replyId the stored reply's id
   * @param category the category, or null if an old row names none known
   * @param action what was done
   * @param evidence why the classifier chose the category
   * @param confidence how sure it was, from 0 to 1
   * @param receivedAt when the mail came, or null
   * @param step the step answered when matched, or null
   * @param returnDate for an out-of-office, when the person is back, or null
   * @param reason for a bounce, why it bounced, or null (and in events stored before reasons)
   */
  record ReplyClassified(
      String replyId,
      @Nullable ReplyCategory category,
      String action,
      String evidence,
      double confidence,
      @Nullable Instant receivedAt,
      @Nullable String step,
      @Nullable LocalDate returnDate,
      @Nullable BounceReason reason)
      implements EventPayload {
    /** A classification without a bounce reason. */
    public ReplyClassified(
        String replyId,
        @Nullable ReplyCategory category,
        String action,
        String evidence,
        double confidence,
        @Nullable Instant receivedAt,
        @Nullable String step,
        @Nullable LocalDate returnDate) {
      this(replyId, category, action, evidence, confidence, receivedAt, step, returnDate, null);
    }

    @Override
    public EventType type() {
      return EventType.REPLY_CLASSIFIED;
    }
  }

  /**
   * An address was put on the suppression list.
   *
   * @param email the address
   * @param reason why
   */
  record AddressSuppressed(String email, String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.ADDRESS_SUPPRESSED;
    }
  }

  /**
   * A message was written and checked by the quality gates: the audit trail of its generation.
   *
   * @param step the step
   * @param stepIndex the step's index, from 0
   * @param passed whether every gate passed
   * @param generator the generator's name
   * @param promptVersion the prompt's version
   * @param model the model
   * @param promptTokens tokens sent to a model
   * @param completionTokens tokens a model wrote
   * @param attempts texts written, fallback included
   * @param generatorCalls the generator's own calls
   * @param fallback {@code none}, {@code template} or {@code hold}
   * @param fallbackReason why the fallback applied, or empty
   * @param verdicts per gate rule, its verdict ({@code PASS 0.950 detail} or {@code FAIL ...})
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record MessageChecked(
      String step,
      int stepIndex,
      boolean passed,
      String generator,
      String promptVersion,
      String model,
      long promptTokens,
      long completionTokens,
      int attempts,
      int generatorCalls,
      String fallback,
      String fallbackReason,
      Map<String, String> verdicts,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    /** Freezes the verdicts. */
    public MessageChecked {
      verdicts = frozen(verdicts);
    }

    @Override
    public EventType type() {
      return EventType.MESSAGE_CHECKED;
    }

    @Override
    public MessageChecked withVariant(String variant, boolean timing) {
      return new MessageChecked(
          step,
          stepIndex,
          passed,
          generator,
          promptVersion,
          model,
          promptTokens,
          completionTokens,
          attempts,
          generatorCalls,
          fallback,
          fallbackReason,
          verdicts,
          variant,
          timing);
    }
  }

  /**
   * A new campaign's copy failed the quality gates; it waits for review.
   *
   * @param reason why
   */
  record CampaignHeld(String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_HELD;
    }
  }

  /**
   * A held campaign was approved and its first step scheduled.
   *
   * @param reason why
   */
  record CampaignApproved(String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CAMPAIGN_APPROVED;
    }
  }

  /**
   * A reply asks the team to follow the lead up.
   *
   * @param category the reply's category, or null
   * @param step the step answered
   * @param reason the classifier's evidence
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record LeadFlagged(
      @Nullable ReplyCategory category,
      String step,
      String reason,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.LEAD_FLAGGED;
    }

    @Override
    public LeadFlagged withVariant(String variant, boolean timing) {
      return new LeadFlagged(category, step, reason, variant, timing);
    }
  }

  /**
   * Something needs a person at once.
   *
   * @param details further facts given by the rule that raised it (for example {@code subject})
   * @param rule the alert rule, or null when the engine raised it
   * @param reason why
   * @param category the reply's category for a reply alert, or null
   * @param step the step concerned, or null
   * @param variant the lead's A/B variant, or null
   * @param variantTiming whether the variant changes timing
   */
  record AlertRaised(
      Map<String, String> details,
      @Nullable String rule,
      String reason,
      @Nullable ReplyCategory category,
      @Nullable String step,
      @Nullable String variant,
      boolean variantTiming)
      implements EventPayload {
    /** Freezes the details. */
    public AlertRaised {
      details = frozen(details);
    }

    @Override
    public EventType type() {
      return EventType.ALERT_RAISED;
    }

    @Override
    public AlertRaised withVariant(String variant, boolean timing) {
      return new AlertRaised(details, rule, reason, category, step, variant, timing);
    }
  }

  /**
   * A task for a person on another channel was prepared.
   *
   * @param channel the {@link Channel} name
   * @param taskKind the task's kind
   * @param taskId the task
   * @param account the account it is done from
   * @param dueAt when it is due, or null
   * @param step the step it stands for
   * @param generator the text's generator
   * @param passed whether the text passed the quality gates
   * @param characters the text's length
   * @param limit the channel's length limit
   * @param verdicts the failed rules, comma-separated
   */
  record ChannelTaskCreated(
      String channel,
      String taskKind,
      String taskId,
      String account,
      @Nullable Instant dueAt,
      String step,
      String generator,
      boolean passed,
      int characters,
      int limit,
      String verdicts)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CHANNEL_TASK_CREATED;
    }
  }

  /**
   * A channel task will not be done.
   *
   * @param channel the {@link Channel} name
   * @param taskKind the task's kind
   * @param taskId the task
   * @param reason why
   */
  record ChannelTaskCancelled(String channel, String taskKind, String taskId, String reason)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CHANNEL_TASK_CANCELLED;
    }
  }

  /**
   * A person reported what came of a channel task.
   *
   * @param channel the {@link Channel} name
   * @param taskKind the task's kind
   * @param taskId the task
   * @param outcome {@code SENT}, {@code ACCEPTED}, {@code REPLIED} or {@code DECLINED}
   * @param step the step it stands for, or null
   */
  record ChannelTaskReported(
      String channel, String taskKind, String taskId, String outcome, @Nullable String step)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.CHANNEL_TASK_REPORTED;
    }
  }

  /**
   * A sending mailbox was paused.
   *
   * @param mailbox the address
   * @param reason why
   */
  record MailboxPaused(String mailbox, String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MAILBOX_PAUSED;
    }
  }

  /**
   * A paused sending mailbox was resumed.
   *
   * @param mailbox the address
   * @param reason why
   */
  record MailboxResumed(String mailbox, String reason) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MAILBOX_RESUMED;
    }
  }

  /**
   * A person declined for now: the campaign ended, the address stays writable, and the lead may be
   * written to again from a day (see {@link ReplyClassification#followUpAfter()}).
   *
   * @param followUpAfter the first day the lead may be written to again, or null when an old row
   *     lacks it
   * @param category the reply's category
   * @param reason the classifier's evidence
   */
  record FollowUpScheduled(
      @Nullable LocalDate followUpAfter, @Nullable ReplyCategory category, String reason)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.FOLLOW_UP_SCHEDULED;
    }
  }

  /**
   * A reply pointed to someone else, who was enrolled as a new lead; recorded on both campaigns.
   *
   * @param direction {@code referred_to} on the campaign whose reply named the person, {@code
   *     referred_by} on the new lead's campaign
   * @param otherCampaignId the other campaign's id, or empty when the new lead was not enrolled
   * @param otherLeadId the other campaign's lead id
   * @param name the referral's name as written
   * @param email the referral's address
   * @param outcome {@code enrolled}, or why the new lead was not (a gate's reason, suppressed,
   *     already in a campaign)
   */
  record LeadReferred(
      String direction,
      String otherCampaignId,
      String otherLeadId,
      String name,
      String email,
      String outcome)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.LEAD_REFERRED;
    }
  }

  /** An operator took an entry (an address, or a domain written {@code @domain}) off the list. */
  record SuppressionRemoved(String email, String reason, String operator) implements EventPayload {
    @Override
    public EventType type() {
      return EventType.SUPPRESSION_REMOVED;
    }
  }

  /** An operator marked an uncertain message (step, Message-ID) as sent, saying why; none sent. */
  record MessageMarkedSent(String step, String messageId, String operator, String reason)
      implements EventPayload {
    @Override
    public EventType type() {
      return EventType.MESSAGE_MARKED_SENT;
    }
  }
}
