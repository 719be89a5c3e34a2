package com.fourrunr.campaign;

import com.fourrunr.campaign.CampaignChanges.Change;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reply intake and policy: stores each incoming mail before acting, matches it to its campaign
 * ({@link ReplyMatcher}), categorises it, and does what the {@link ReplyPolicy} says (respond,
 * stop, suppress, flag, alert, pause until the return date or for review, retry after a soft
 * bounce, company-wide stop).
 */
final class ReplyHandler {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);
  private static final int MAX_REPLY_POLLS_PER_CALL = 1_000;

  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final OperatorActions actions;
  private final ReplyMatcher matcher;
  private final CampaignStore store;
  private final Clock clock;
  private final Supplier<String> ids;
  private final int batchSize;
  private final @Nullable ReplySource replySource;
  private final ReplyClassifier classifier;
  private final ReplyPolicy replyPolicy;
  private final MailboxHealth mailboxHealth;
  private final @Nullable ReplyReferrals referrals;
  private volatile @Nullable Instant lastReplyPoll;

  /**
   * A handler that counts blocks in the engine's {@code mailboxHealth} (told of its events).
   *
   * @param referrals what enrols the referrals a reply names, or null to enrol none
   */
  ReplyHandler(
      EngineContext ctx,
      CampaignChanges campaigns,
      OperatorActions actions,
      ReplyMatcher matcher,
      @Nullable ReplySource replySource,
      ReplyClassifier classifier,
      ReplyPolicy replyPolicy,
      MailboxHealth mailboxHealth,
      @Nullable ReplyReferrals referrals) {
    this.ctx = ctx;
    this.mailboxHealth = mailboxHealth;
    this.campaigns = campaigns;
    this.actions = actions;
    this.matcher = matcher;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.ids = ctx.ids();
    this.batchSize = ctx.batchSize();
    this.replySource = replySource;
    this.classifier = classifier;
    this.replyPolicy = replyPolicy;
    this.referrals = referrals;
  }

  boolean hasReplySource() {
    return replySource != null;
  }

  /**
   * When {@link #pollReplies()} last read the reply source to the end without failing; empty
   * before.
   */
  java.util.Optional<Instant> lastReplyPoll() {
    return java.util.Optional.ofNullable(lastReplyPoll);
  }

  /** See {@link CampaignEngine#pollReplies()}. */
  List<ReplyOutcome> pollReplies() {
    if (replySource == null) {
      throw new IllegalStateException("no ReplySource was given to CampaignEngine.builder()");
    }
    List<ReplyOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < MAX_REPLY_POLLS_PER_CALL; i++) {
      List<InboundReply> batch = replySource.poll();
      if (batch.isEmpty()) {
        break;
      }
      for (InboundReply reply : batch) {
        try {
          outcomes.add(receive(reply));
        } catch (RuntimeException e) {
          log.error("reply from {} could not be handled", reply.from(), e);
        }
      }
    }
    lastReplyPoll = clock.instant();
    return outcomes;
  }

  /** See {@link CampaignEngine#receive(InboundReply)}. */
  ReplyOutcome receive(InboundReply reply) {
    return receive(reply, null);
  }

  /**
   * See {@link CampaignEngine#receive(InboundReply, ReplyClassification)}; a null classification
   * asks the classifier.
   */
  ReplyOutcome receive(InboundReply reply, @Nullable ReplyClassification given) {
    Objects.requireNonNull(reply, "reply");
    String replyId = reply.messageId() != null ? reply.messageId() : contentId(reply);
    var existing = store.findReply(replyId);
    if (existing.isPresent() && existing.get().category() != null) {
      return new ReplyOutcome(replyId, true, existing.get().campaignId(), null, "already received");
    }
    Instant now = clock.instant();
    if (existing.isEmpty()) {
      // Stored before anything is done with it. A stored mail without a category was interrupted
      // before
      // it was acted on; receiving it again finishes the work.
      CampaignEvent received =
          new CampaignEvent(
              ids.get(),
              now,
              null,
              null,
              null,
              new EventPayload.ReplyReceived(replyId, reply.from(), reply.source()));
      store.commit(
          StoreChanges.builder()
              .reply(new StoredReply(replyId, reply, null, null, ""))
              .event(received)
              .build());
      ctx.publish(List.of(received));
    }
    ReplyClassification classification;
    try {
      classification =
          given != null
              ? given
              : Objects.requireNonNull(
                  classifier.classify(reply, leadFor(reply)), "classifier returned null");
    } catch (RuntimeException e) {
      log.warn("classifier failed on reply {}; kept for review", replyId, e);
      classification =
          new ReplyClassification(
              ReplyCategory.NEEDS_REVIEW,
              null,
              "classifier failed: " + e.getClass().getSimpleName());
    }
    classification = replyPolicy.review(classification);
    ConcurrentUpdateException conflict = null;
    try {
      for (int attempt = 0; attempt < CampaignChanges.MAX_OPTIMISTIC_RETRIES; attempt++) {
        try {
          return act(replyId, reply, classification, now);
        } catch (ConcurrentUpdateException e) {
          conflict = e; // the campaign changed meanwhile (a send, an operator): read it again
        }
      }
    } finally {
      LogContext.clearLogContext();
    }
    throw Objects.requireNonNull(conflict);
  }

  /** The lead the mail answers, for a classifier's context; null when it matches none. */
  private @Nullable Lead leadFor(InboundReply reply) {
    CampaignMessage answered = matcher.matchMessage(reply);
    Campaign campaign =
        answered == null
            ? matcher.matchByAddress(reply)
            : store.findCampaign(answered.campaignId()).orElse(null);
    return campaign == null ? null : store.findLead(campaign.leadId()).orElse(null);
  }

  private ReplyOutcome act(
      String replyId, InboundReply reply, ReplyClassification classification, Instant now) {
    CampaignMessage answered = matcher.matchMessage(reply);
    Campaign campaign =
        answered == null
            ? matcher.matchByAddress(reply)
            : store.findCampaign(answered.campaignId()).orElse(null);
    ReplyCategory category = classification.category();
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    LogContext.putLogContext(
        campaign == null ? null : campaign.id(),
        campaign == null ? null : campaign.leadId(),
        answered == null ? null : answered.id());
    String action =
        campaign == null
            ? "unmatched"
            : act(campaign, answered, classification, now, changes, events);
    changes.reply(
        new StoredReply(replyId, reply, campaign == null ? null : campaign.id(), category, action));
    String step =
        campaign == null
            ? null
            : answered != null ? answered.type().name() : lastSentStep(campaign);
    EventPayload.ReplyClassified classified =
        new EventPayload.ReplyClassified(
            replyId,
            category,
            action,
            classification.evidence(),
            classification.confidence(),
            reply.receivedAt(),
            step,
            classification.returnDate(),
            classification.reason());
    events.add(
        0,
        new CampaignEvent(
            ids.get(),
            now,
            campaign == null ? null : campaign.id(),
            campaign == null ? null : campaign.leadId(),
            answered == null ? null : answered.id(),
            classified));
    events.forEach(changes::event);
    ctx.commitAndPublish(changes, events);
    BounceReason reason = classification.reason();
    if (campaign != null
        && reason != null
        && reason.isSenderProblem()
        && (category == ReplyCategory.BOUNCE_HARD || category == ReplyCategory.BOUNCE_SOFT)) {
      action = action + mailboxHealth.blocked(campaign.config().from().address(), reason, now);
    }
    if (campaign != null && category.isFromPerson() && replyPolicy.companyWideStop()) {
      action = action + pauseCompanyCampaigns(campaign, reply);
    }
    if (campaign != null && referrals != null) {
      // After the company-wide pause, so the referral's new campaign is not paused with the rest.
      action = action + referrals.enrolReferral(campaign, classification, now);
    }
    log.info(
        "reply {} for lead {}: {} -> {}",
        replyId,
        campaign == null ? "(unmatched)" : campaign.leadId(),
        category,
        action);
    return new ReplyOutcome(
        replyId, false, campaign == null ? null : campaign.id(), category, action);
  }

  private String act(
      Campaign campaign,
      @Nullable CampaignMessage answered,
      ReplyClassification classification,
      Instant now,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    ReplyCategory category = classification.category();
    String step = answered == null ? lastSentStep(campaign) : answered.type().name();
    ReplyPolicy.Action rule = replyPolicy.action(classification);
    List<String> done = new ArrayList<>();
    Lead lead = store.findLead(campaign.leadId()).orElse(null);
    // A refusal for now ("try me next quarter") keeps the address: the campaign ends and the day
    // the lead may be written to again is recorded.
    java.time.LocalDate followUp =
        category == ReplyCategory.NOT_INTERESTED ? classification.followUpAfter() : null;
    if (rule.suppress() && followUp == null && lead != null && !store.isSuppressed(lead.email())) {
      campaigns.suppress(lead.email(), category.name(), now, campaign, changes, events);
      done.add("address suppressed");
    }
    if (followUp != null) {
      events.add(
          ctx.event(
              now,
              campaign,
              answered,
              new EventPayload.FollowUpScheduled(followUp, category, classification.evidence())));
      done.add("follow-up after " + followUp);
    }
    if (rule.flagLead()) {
      events.add(
          ctx.event(
              now,
              campaign,
              answered,
              new EventPayload.LeadFlagged(
                  category, step, classification.evidence(), null, false)));
      done.add("lead flagged");
    }
    if (rule.alert()) {
      events.add(
          ctx.event(
              now,
              campaign,
              answered,
              new EventPayload.AlertRaised(
                  Map.of(), null, classification.evidence(), category, step, null, false)));
      done.add("alert raised");
    }
    String effect =
        switch (rule.effect()) {
          case RESPOND -> {
            if (!campaign.status().canTransitionTo(CampaignStatus.RESPONDED)) {
              yield "no change (campaign " + campaign.status() + ")";
            }
            Campaign responded =
                campaign.transitionTo(CampaignStatus.RESPONDED, "reply: " + category, now);
            changes.campaign(responded);
            events.add(
                ctx.event(
                    now,
                    responded,
                    answered,
                    new EventPayload.CampaignResponded(
                        null, null, null, category, step, now, null, null, false)));
            campaigns.endChanges(
                responded, CampaignStatus.RESPONDED, "reply: " + category, now, changes, events);
            yield "campaign RESPONDED";
          }
          case STOP -> stopFor(campaign, "reply: " + category, now, changes, events);
          case PAUSE_UNTIL_RETURN ->
              pauseUntilReturn(campaign, lead, classification, now, changes, events);
          case PAUSE_FOR_REVIEW -> {
            if (campaign.status() != CampaignStatus.ACTIVE) {
              yield "no change (campaign " + campaign.status() + "), kept for review";
            }
            pauseInto(
                campaign.pausedUntil(null, "reply needs review: " + classification.evidence(), now),
                now,
                changes,
                events);
            yield "campaign PAUSED for review";
          }
          case RETRY_LATER -> retryAfterSoftBounce(campaign, answered, now, changes, events);
          case NONE -> "no change";
        };
    done.add(0, effect);
    return String.join(", ", done);
  }

  private String stopFor(
      Campaign campaign,
      String reason,
      Instant now,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    if (!campaign.status().canTransitionTo(CampaignStatus.STOPPED)) {
      return "no change (campaign " + campaign.status() + ")";
    }
    campaigns.endChanges(campaign, CampaignStatus.STOPPED, reason, now, changes, events);
    return "campaign STOPPED";
  }

  /**
   * Out of office: paused until the business day after the return date, in the lead's time zone.
   */
  private String pauseUntilReturn(
      Campaign campaign,
      @Nullable Lead lead,
      ReplyClassification classification,
      Instant now,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    if (campaign.status() != CampaignStatus.ACTIVE) {
      return "no change (campaign " + campaign.status() + ")";
    }
    java.time.LocalDate back = classification.returnDate();
    Instant resumeAt;
    String reason;
    if (back != null) {
      java.time.ZoneId zone =
          lead != null && lead.timezone() != null ? lead.timezone() : ZoneOffset.UTC;
      resumeAt = ReplyPolicy.businessDayAfter(back).atStartOfDay(zone).toInstant();
      reason = "out of office until " + back;
      if (!resumeAt.isAfter(now)) {
        return "no change (return date " + back + " passed)";
      }
    } else {
      resumeAt = now.plus(replyPolicy.outOfOfficeDefaultPause());
      reason = "out of office, no return date";
    }
    pauseInto(campaign.pausedUntil(resumeAt, reason, now), now, changes, events);
    return "campaign PAUSED until " + resumeAt;
  }

  private void pauseInto(
      Campaign paused, Instant now, StoreChanges.Builder changes, List<CampaignEvent> events) {
    Change change = campaigns.pauseChanges(paused, now, paused.statusReason());
    changes.campaign(paused);
    change.changes().build().messages().forEach(changes::message);
    events.addAll(change.events());
  }

  /**
   * A soft bounce: the bounced step (or the last one sent) goes out again after the retry delay,
   * the later steps wait for it; the campaign stops at the policy's limit. Soft bounces are counted
   * from the stored {@link EventType#REPLY_CLASSIFIED} events of the campaign.
   */
  private String retryAfterSoftBounce(
      Campaign campaign,
      @Nullable CampaignMessage answered,
      Instant now,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    long earlier =
        store.findEvents(campaign.id()).stream()
            .filter(e -> e.type() == EventType.REPLY_CLASSIFIED)
            .filter(e -> e.payload().category() == ReplyCategory.BOUNCE_SOFT)
            .count();
    long count = earlier + 1;
    if (count >= replyPolicy.maxSoftBounces()) {
      return stopFor(
              campaign,
              "soft bounce " + count + " of " + replyPolicy.maxSoftBounces(),
              now,
              changes,
              events)
          + " after "
          + count
          + " soft bounces";
    }
    if (campaign.status() != CampaignStatus.ACTIVE) {
      return "no change (campaign " + campaign.status() + "), soft bounce " + count;
    }
    List<CampaignMessage> messages = store.findMessages(campaign.id());
    CampaignMessage bounced = answered;
    if (bounced == null || bounced.status() != DeliveryStatus.SENT) {
      bounced = null;
      for (CampaignMessage m : messages) {
        if (m.status() == DeliveryStatus.SENT) {
          bounced = m;
        }
      }
    }
    if (bounced == null) {
      return "no change (nothing sent), soft bounce " + count;
    }
    Instant retryAt = now.plus(replyPolicy.softBounceRetryDelay());
    CampaignMessage retry = bounced.withRetry(retryAt, "soft bounce " + count);
    changes.message(retry);
    events.add(
        ctx.event(
            now,
            campaign,
            retry,
            new EventPayload.MessageRetryScheduled(
                "soft bounce", Math.toIntExact(count), retryAt, null, false)));
    for (CampaignMessage m : messages) {
      if (m.stepIndex() > bounced.stepIndex() && m.status() == DeliveryStatus.SCHEDULED) {
        changes.message(m.withStatus(DeliveryStatus.PENDING));
      }
    }
    return "step " + bounced.type() + " retried at " + retryAt + " (soft bounce " + count + ")";
  }

  /**
   * Company-wide stop: pauses the other open campaigns whose lead is at the replying lead's company
   * domain. Pages through every campaign (this policy is off by default for that reason).
   */
  private String pauseCompanyCampaigns(Campaign answeredCampaign, InboundReply reply) {
    Lead lead = store.findLead(answeredCampaign.leadId()).orElse(null);
    String domain = lead == null ? "" : companyDomain(lead);
    String senderDomain = reply.from().substring(reply.from().indexOf('@') + 1);
    if (domain.isEmpty() || !senderDomain.equals(domain)) {
      return "";
    }
    int paused = 0;
    String after = null;
    while (true) {
      List<Campaign> page = store.listCampaigns(after, batchSize);
      if (page.isEmpty()) {
        break;
      }
      for (Campaign c : page) {
        after = c.id();
        if (c.id().equals(answeredCampaign.id()) || c.status() != CampaignStatus.ACTIVE) {
          continue;
        }
        Lead other = store.findLead(c.leadId()).orElse(null);
        if (other != null && domain.equals(companyDomain(other))) {
          try {
            actions.pause(c.id(), "company-wide stop: reply from " + reply.from());
            paused++;
          } catch (RuntimeException e) {
            log.debug("campaign {} not paused for its company: {}", c.id(), e.getMessage());
          }
        }
      }
    }
    return paused == 0 ? "" : ", " + paused + " other campaign(s) at " + domain + " paused";
  }

  private static String companyDomain(Lead lead) {
    String d = lead.companyDomain();
    if (!d.isBlank()) {
      return d.strip().toLowerCase(java.util.Locale.ROOT);
    }
    return lead.email().substring(lead.email().indexOf('@') + 1);
  }

  private String lastSentStep(Campaign campaign) {
    String step = "";
    for (CampaignMessage m : store.findMessages(campaign.id())) {
      if (m.status() == DeliveryStatus.SENT) {
        step = m.type().name();
      }
    }
    return step;
  }

  private static String contentId(InboundReply reply) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(reply.from(), reply.subject(), reply.text(), reply.receivedAt().toString())) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** See {@link CampaignEngine#classifyReply}. */
  ReplyOutcome classifyReply(String replyId, ReplyCategory category, String operator) {
    if (replyId == null || replyId.isBlank()) {
      throw InvalidInputException.of("reply", "replyId", "is required");
    }
    if (category == null || category == ReplyCategory.NEEDS_REVIEW) {
      throw InvalidInputException.of("reply", "category", "choose a category other than review");
    }
    if (operator == null || operator.isBlank()) {
      throw InvalidInputException.of("reply", "operator", "is required");
    }
    StoredReply stored =
        store
            .findReply(replyId)
            .orElseThrow(
                () -> InvalidInputException.of("reply", "replyId", "no reply '" + replyId + "'"));
    if (stored.category() == category) {
      return new ReplyOutcome(
          replyId, true, stored.campaignId(), category, "already classified " + category);
    }
    if (stored.category() != ReplyCategory.NEEDS_REVIEW) {
      throw new IllegalStateException(
          "reply '" + replyId + "' is classified " + stored.category() + ", not NEEDS_REVIEW");
    }
    ReplyClassification classification =
        new ReplyClassification(category, null, "chosen by operator " + operator.strip());
    // The campaign paused for this review goes on as if the mail had been classified at once.
    Campaign campaign =
        stored.campaignId() == null ? null : store.findCampaign(stored.campaignId()).orElse(null);
    ReplyPolicy.Effect effect = replyPolicy.action(classification).effect();
    if (campaign != null
        && campaign.status() == CampaignStatus.PAUSED
        && campaign.statusReason().startsWith("reply needs review")
        && effect != ReplyPolicy.Effect.RESPOND
        && effect != ReplyPolicy.Effect.STOP) {
      actions.resume(campaign.id());
    }
    ConcurrentUpdateException conflict = null;
    try {
      for (int attempt = 0; attempt < CampaignChanges.MAX_OPTIMISTIC_RETRIES; attempt++) {
        try {
          return act(replyId, stored.reply(), classification, clock.instant());
        } catch (ConcurrentUpdateException e) {
          conflict = e;
        }
      }
    } finally {
      LogContext.clearLogContext();
    }
    throw Objects.requireNonNull(conflict);
  }
}
