package com.fourrunr.campaign;

import com.fourrunr.campaign.channel.internal.LinkedInFallback;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.tracking.LinkTracker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch: claims due messages for this instance in batches, checks each (campaign active, lead
 * stored and not suppressed, earlier steps sent, send window, paused mailbox, send limits, provider
 * rate), stores its Message-ID before the send, sends it, and records the send with the next step's
 * time. A failed send goes to {@link SendFailures}.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  /** How one claimed message ended. */
  enum SendResult {
    SENT,
    RETRYING,
    FAILED,
    NOT_SENT
  }

  /**
   * Dispatch's own settings, as given to the builder.
   *
   * @param providerLimiters per mailbox address; they override {@code providerLimiter}
   */
  record Settings(
      Sender sender,
      int maxMessagesPerRun,
      String instanceId,
      Duration claimLease,
      QueuePriority queuePriority,
      Map<String, RateLimiter> providerLimiters,
      @Nullable RateLimiter providerLimiter,
      @Nullable LinkTracker linkTracker) {
    Settings {
      providerLimiters = Map.copyOf(providerLimiters);
    }
  }

  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final OperatorActions actions;
  private final MailboxPauses mailboxPauses;
  private final SendFailures failures;
  private final SendLedger ledger;
  private final @Nullable LinkedInFallback linkedIn;
  private final CampaignStore store;
  private final Clock clock;
  private final CampaignConfig config;
  private final SendSchedule schedule;
  private final int batchSize;
  private final Sender sender;
  private final int maxMessagesPerRun;
  private final String instanceId;
  private final Duration claimLease;
  private final QueuePriority queuePriority;
  private final Map<String, RateLimiter> providerLimiters;
  private final @Nullable RateLimiter providerLimiter;
  private final @Nullable LinkTracker linkTracker;

  /** Messages this instance is handing to the sender right now: SENDING, but not uncertain. */
  private final Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Whether the first {@link #runDue()} released the claims this instance id held before it
   * started.
   */
  private volatile boolean ownClaimsReleased;

  Dispatcher(
      EngineContext ctx,
      CampaignChanges campaigns,
      OperatorActions actions,
      MailboxPauses mailboxPauses,
      SendFailures failures,
      SendLedger ledger,
      @Nullable LinkedInFallback linkedIn,
      Settings settings) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.actions = actions;
    this.mailboxPauses = mailboxPauses;
    this.failures = failures;
    this.ledger = ledger;
    this.linkedIn = linkedIn;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.config = ctx.config();
    this.schedule = ctx.schedule();
    this.batchSize = ctx.batchSize();
    this.sender = settings.sender();
    this.maxMessagesPerRun = settings.maxMessagesPerRun();
    this.instanceId = settings.instanceId();
    this.claimLease = settings.claimLease();
    this.queuePriority = settings.queuePriority();
    this.providerLimiters = settings.providerLimiters();
    this.providerLimiter = settings.providerLimiter();
    this.linkTracker = settings.linkTracker();
  }

  /**
   * Whether the message is being sent at this moment: by this instance, or (on a store that keeps
   * the claims of SENDING messages until their hand-over) by any instance whose claim still runs.
   */
  boolean isInFlight(String messageId) {
    return inFlight.contains(messageId)
        || !store.findSendingInFlight(Set.of(messageId), clock.instant()).isEmpty();
  }

  /** Whether this instance is handing the message to the sender at this moment. */
  boolean isInFlightHere(String messageId) {
    return inFlight.contains(messageId);
  }

  /** See {@link CampaignEngine#runDue()}. */
  RunReport runDue() {
    Instant now = clock.instant();
    if (!ownClaimsReleased) {
      // Restarted under the same id: what this instance claimed before is taken back at once, not
      // after the lease. A message it had recorded as SENDING stays uncertain, unless the store
      // kept its claim and can tell it was never handed over (see CampaignStore.handOver).
      int released = store.releaseClaims(instanceId);
      ownClaimsReleased = true;
      if (released > 0) {
        log.info(
            "runDue: took back {} messages claimed by {} before a restart", released, instanceId);
      }
    }
    int resumed = actions.resumeDueCampaigns(now);
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    int handled = 0;
    while (handled < maxMessagesPerRun) {
      // Claimed for this instance until the lease ends: other instances skip them meanwhile.
      List<CampaignMessage> due =
          store.claimDueMessages(
              now,
              instanceId,
              claimLease,
              Math.min(batchSize, maxMessagesPerRun - handled),
              queuePriority);
      if (due.isEmpty()) {
        break;
      }
      // The batch's campaigns in one read, for its mailboxes and the checks of its first messages.
      Map<String, Campaign> campaignsById = store.findCampaigns(campaignIds(due));
      // One batch per sending mailbox, each over one connection of the sender, told when it ends.
      for (Map.Entry<Mailbox, List<CampaignMessage>> batch :
          byMailbox(due, campaignsById).entrySet()) {
        int sentBefore = sent;
        int retryingBefore = retrying;
        int failedBefore = failed;
        try {
          handled += batch.getValue().size();
          for (SendResult result : sendBatch(batch.getValue(), campaignsById, now)) {
            switch (result) {
              case SENT -> sent++;
              case RETRYING -> retrying++;
              case FAILED -> failed++;
              case NOT_SENT -> {}
            }
          }
        } finally {
          endBatch(batch.getKey());
          log.info(
              "send batch from {}: {} messages, sent {}, retrying {}, failed {}",
              batch.getKey().address(),
              batch.getValue().size(),
              sent - sentBefore,
              retrying - retryingBefore,
              failed - failedBefore);
        }
      }
    }
    if (linkedIn != null) {
      linkedIn.releaseDue(now);
    }
    boolean more = handled >= maxMessagesPerRun && !store.findDueMessages(now, 1).isEmpty();
    if (sent + retrying + failed + resumed > 0) {
      log.info(
          "runDue: sent {}, retrying {}, failed {}, resumed {}", sent, retrying, failed, resumed);
    }
    return new RunReport(sent, retrying, failed, resumed, more);
  }

  /**
   * Moves a claimed message to a later time instead of sending it now (it is never dropped), with a
   * MESSAGE_SCHEDULED event saying why; the claim is released by the write.
   */
  private SendResult defer(
      CampaignMessage due, Campaign campaign, Instant now, Instant at, String reason) {
    CampaignMessage later = due.withScheduled(at);
    CampaignEvent moved =
        ctx.event(
            now,
            campaign,
            later,
            new EventPayload.MessageScheduled(later.type().name(), at, reason, null, false));
    ctx.commitAndPublish(
        StoreChanges.builder().expectClaim(due.id(), instanceId).message(later).event(moved),
        List.of(moved));
    return SendResult.NOT_SENT;
  }

  /**
   * The claimed messages grouped by the mailbox their campaign sends from, each group in claim
   * order.
   */
  private Map<Mailbox, List<CampaignMessage>> byMailbox(
      List<CampaignMessage> due, Map<String, Campaign> campaignsById) {
    Map<Mailbox, List<CampaignMessage>> groups = new java.util.LinkedHashMap<>();
    for (CampaignMessage m : due) {
      Campaign campaign = campaignsById.get(m.campaignId());
      Mailbox from = campaign == null ? config.from() : campaign.config().from();
      groups.computeIfAbsent(from, k -> new ArrayList<>()).add(m);
    }
    return groups;
  }

  private static Set<String> campaignIds(List<CampaignMessage> due) {
    Set<String> ids = new LinkedHashSet<>();
    due.forEach(m -> ids.add(m.campaignId()));
    return ids;
  }

  private void endBatch(Mailbox from) {
    try {
      sender.batchEnded(from);
    } catch (RuntimeException e) {
      log.warn("sender failed to end the batch of {}", from.address(), e);
    }
  }

  /** A claimed message that passed its checks: to be stored as SENDING, then sent. */
  private record Ready(
      Campaign campaign, Lead lead, CampaignMessage sending, List<CampaignMessage> all) {}

  /** A message the sender accepted, to be recorded as SENT with the others of its chunk. */
  private record Accepted(Ready ready, CampaignMessage sent) {}

  /**
   * Sends one mailbox's claimed messages. Their checks read the batch once (see {@link
   * BatchReads}): its campaigns as read when it was claimed, its leads, suppressed addresses and
   * messages in one query each, by segments in which no campaign appears twice. On a store that
   * {@linkplain CampaignStore#commitsSendBatches() commits send batches} and without send limits a
   * segment goes in one chunk: its Message-IDs stored as SENDING in one commit before any send, and
   * each send recorded before the next message is handed over (see {@link #deliverRecordingEach}).
   * Otherwise each message is a chunk of its own, with two commits (and, with send limits, each
   * send counted before the next is checked).
   */
  private List<SendResult> sendBatch(
      List<CampaignMessage> due, Map<String, Campaign> claimedCampaigns, Instant now) {
    List<SendResult> results = new ArrayList<>();
    boolean oneByOne = ledger.limits() || !store.commitsSendBatches();
    boolean first = true;
    for (List<CampaignMessage> segment : BatchReads.segments(due)) {
      // a later segment repeats a campaign of an earlier one, which may have changed since
      BatchReads reads = BatchReads.read(store, segment, claimedCampaigns, first);
      first = false;
      int chunk = oneByOne ? 1 : segment.size();
      for (int start = 0; start < segment.size(); start += chunk) {
        sendChunk(
            segment.subList(start, Math.min(segment.size(), start + chunk)), now, reads, results);
      }
    }
    return results;
  }

  private void sendChunk(
      List<CampaignMessage> chunk, Instant now, BatchReads reads, List<SendResult> results) {
    List<Ready> ready = new ArrayList<>();
    for (CampaignMessage m : chunk) {
      LogContext.putLogContext(m.campaignId(), m.leadId(), m.id());
      try {
        Lead lead = reads.lead(m.leadId());
        Ready r =
            prepare(
                m,
                now,
                reads.campaign(m.campaignId()),
                lead,
                lead != null && reads.suppressed(lead),
                reads.messages(m.campaignId()),
                results);
        if (r != null) {
          ready.add(r);
        }
      } catch (ConcurrentUpdateException e) {
        log.debug("message {} skipped: {}", m.id(), e.getMessage());
        results.add(SendResult.NOT_SENT);
      } finally {
        LogContext.clearLogContext();
      }
    }
    deliverAll(markSending(ready, results), results);
  }

  /**
   * Stores the chunk's Message-IDs before any send, in one commit and only while this instance
   * still holds every claim ({@link CampaignStore#commitSending}): a crash after this leaves the
   * messages SENDING, and a SENDING message is never picked up again, unless the store kept its
   * claim and it was never handed over (see {@link #handOver}). When a claim was lost meanwhile,
   * each is stored alone so the others still go.
   */
  private List<Ready> markSending(List<Ready> ready, List<SendResult> results) {
    if (ready.isEmpty()) {
      return ready;
    }
    StoreChanges.Builder all = StoreChanges.builder();
    for (Ready r : ready) {
      all.expectClaim(r.sending().id(), instanceId).message(r.sending());
    }
    try {
      store.commitSending(all.build());
      return ready;
    } catch (ConcurrentUpdateException lost) {
      List<Ready> marked = new ArrayList<>();
      for (Ready r : ready) {
        try {
          store.commitSending(
              StoreChanges.builder()
                  .expectClaim(r.sending().id(), instanceId)
                  .message(r.sending())
                  .build());
          marked.add(r);
        } catch (ConcurrentUpdateException e) {
          log.debug("message {} skipped: {}", r.sending().id(), e.getMessage());
          results.add(SendResult.NOT_SENT);
        }
      }
      return marked;
    }
  }

  /**
   * Checks one claimed message (campaign active, lead stored and not suppressed, earlier steps
   * sent, send window, paused mailbox, send limits, provider rate) and returns it ready to be sent,
   * or null when it was handled otherwise (its result added to {@code results}).
   */
  private @Nullable Ready prepare(
      CampaignMessage due,
      Instant now,
      @Nullable Campaign campaign,
      @Nullable Lead lead,
      boolean suppressed,
      List<CampaignMessage> all,
      List<SendResult> results) {
    if (campaign == null) {
      // Taken off the queue so it cannot block the messages behind it.
      log.error("message {} belongs to no stored campaign {}; failed", due.id(), due.campaignId());
      store.commit(
          StoreChanges.builder()
              .expectClaim(due.id(), instanceId)
              .message(due.withFailed("campaign " + due.campaignId() + " is not stored"))
              .build());
      results.add(SendResult.FAILED);
      return null;
    }
    if (campaign.status() != CampaignStatus.ACTIVE) {
      // A due message of a campaign that is not active should not exist; put it where it belongs.
      DeliveryStatus target =
          campaign.status() == CampaignStatus.PAUSED
              ? DeliveryStatus.PENDING
              : DeliveryStatus.CANCELLED;
      store.commit(
          StoreChanges.builder()
              .expectClaim(due.id(), instanceId)
              .message(due.withStatus(target))
              .build());
      results.add(SendResult.NOT_SENT);
      return null;
    }
    if (lead == null || suppressed) {
      String reason =
          lead == null ? "lead " + due.leadId() + " is not stored" : "address suppressed";
      campaigns.end(
          campaign, CampaignStatus.STOPPED, reason, now, StoreChanges.builder(), new ArrayList<>());
      results.add(SendResult.NOT_SENT);
      return null;
    }
    // Never before the previous step succeeded.
    for (CampaignMessage earlier : all) {
      if (earlier.stepIndex() < due.stepIndex() && earlier.status() != DeliveryStatus.SENT) {
        log.error(
            "message {} is due before step {} was sent; held back", due.id(), earlier.stepIndex());
        store.commit(
            StoreChanges.builder()
                .expectClaim(due.id(), instanceId)
                .message(due.withStatus(DeliveryStatus.PENDING))
                .build());
        results.add(SendResult.NOT_SENT);
        return null;
      }
    }
    // An overdue message found outside the send window (the engine was down) waits for the next
    // window.
    Instant allowed =
        schedule.earliestSend(
            Experiment.timing(campaign.config(), lead.id(), due.stepIndex()),
            lead,
            due.stepIndex(),
            now);
    if (allowed.isAfter(now)) {
      results.add(defer(due, campaign, now, allowed, "outside the send window"));
      return null;
    }
    // A paused mailbox sends nothing: its messages wait and are looked at again later.
    String pausedFor = mailboxPauses.mailboxPauseReason(campaign.config().from().address(), now);
    if (pausedFor != null) {
      log.info(
          "message {} deferred: mailbox {} is paused ({})",
          due.id(),
          campaign.config().from().address(),
          pausedFor);
      results.add(
          defer(
              due,
              campaign,
              now,
              now.plus(CampaignEngine.MAILBOX_PAUSE_RECHECK),
              "mailbox paused"));
      return null;
    }
    // A reached send limit defers the message to the next moment every limit allows; it never
    // drops it.
    Instant capped =
        ledger.nextAllowed(campaign.config().from().address(), domainOf(lead.email()), now);
    if (capped.isAfter(now)) {
      results.add(defer(due, campaign, now, capped, "send limit reached"));
      return null;
    }
    // The provider's rate: wait up to the limiter's timeout for a permit, else try again a period
    // later.
    RateLimiter limiter =
        providerLimiters.getOrDefault(campaign.config().from().address(), providerLimiter);
    if (limiter != null && !limiter.acquirePermission()) {
      results.add(
          defer(
              due,
              campaign,
              now,
              now.plus(limiter.getRateLimiterConfig().getLimitRefreshPeriod()),
              "provider rate limit reached"));
      return null;
    }
    String messageId =
        due.messageId() != null
            ? due.messageId()
            : "<" + UUID.randomUUID() + "@" + campaign.config().from().domain() + ">";
    return new Ready(campaign, lead, due.withSending(messageId), all);
  }

  /**
   * Sends the messages stored as SENDING, then records every accepted one (with its next step's
   * time) in one commit. Each is {@linkplain CampaignStore#handOver handed over} just before its
   * send, and left alone when the store refuses. A failed send goes to {@link SendFailures} at
   * once. Until the record is committed the messages count as in flight, not uncertain.
   */
  private void deliverAll(List<Ready> marked, List<SendResult> results) {
    if (marked.isEmpty()) {
      return;
    }
    marked.forEach(r -> inFlight.add(r.sending().id()));
    try {
      if (store.commitsSendBatches()) {
        deliverRecordingEach(marked, results);
        return;
      }
      List<Accepted> accepted = new ArrayList<>();
      for (Ready r : marked) {
        LogContext.putLogContext(r.campaign().id(), r.lead().id(), r.sending().id());
        try {
          if (!handOver(r.sending())) {
            results.add(SendResult.NOT_SENT);
            continue;
          }
          SendResult failed = send(r, accepted);
          if (failed != null) {
            results.add(failed);
          }
        } finally {
          LogContext.clearLogContext();
        }
      }
      if (accepted.isEmpty()) {
        return;
      }
      recordSent(accepted);
      accepted.forEach(a -> results.add(SendResult.SENT));
    } finally {
      marked.forEach(r -> inFlight.remove(r.sending().id()));
    }
  }

  /**
   * Sends a send batch's messages stored as SENDING one after the other, each send recorded before
   * the next message is handed over, both in one call to the store ({@link
   * CampaignStore#commitSentAndHandOver}): a crash leaves at most the message handed over last
   * uncertain. Those records schedule the next steps from the campaigns as read for the batch (a
   * campaign paused or ended meanwhile gets its next step put back where it belongs when that step
   * is claimed); the last send of the batch is recorded alone, from its campaign read again.
   */
  private void deliverRecordingEach(List<Ready> marked, List<SendResult> results) {
    Accepted unrecorded = null;
    for (Ready r : marked) {
      boolean handedOver;
      if (unrecorded == null) {
        handedOver = handOver(r.sending());
      } else {
        handedOver = recordAndHandOver(unrecorded, r.sending());
        results.add(SendResult.SENT);
        unrecorded = null;
      }
      if (!handedOver) {
        results.add(SendResult.NOT_SENT);
        continue;
      }
      LogContext.putLogContext(r.campaign().id(), r.lead().id(), r.sending().id());
      try {
        List<Accepted> accepted = new ArrayList<>(1);
        SendResult failed = send(r, accepted);
        if (failed != null) {
          results.add(failed);
        } else {
          unrecorded = accepted.get(0);
        }
      } finally {
        LogContext.clearLogContext();
      }
    }
    if (unrecorded != null) {
      recordSent(List.of(unrecorded));
      results.add(SendResult.SENT);
    }
  }

  /**
   * Records one accepted send and hands {@code next} over, in one call to the store; true when
   * {@code next} was handed over (see {@link #handOver}).
   */
  private boolean recordAndHandOver(Accepted sent, CampaignMessage next) {
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    record(sent, sent.ready().campaign(), changes, events);
    events.forEach(changes::event);
    boolean handedOver = store.commitSentAndHandOver(changes.build(), next.id(), instanceId);
    ctx.publish(events);
    recorded(sent);
    if (!handedOver) {
      log.info("message {} not sent: it was taken back before its hand-over", next.id());
    }
    return handedOver;
  }

  /**
   * Tells the store this message is handed to the sender now (see {@link CampaignStore#handOver}):
   * false when it must not be sent, because it was taken back since it was stored as SENDING or the
   * store could not be told (it then stays SENDING, and a store that kept its claim puts it back in
   * the queue or leaves it uncertain when the claim runs out).
   */
  private boolean handOver(CampaignMessage sending) {
    try {
      if (store.handOver(sending.id(), instanceId)) {
        return true;
      }
      log.info("message {} not sent: it was taken back before its hand-over", sending.id());
    } catch (RuntimeException e) {
      log.warn("message {} not sent: its hand-over could not be stored", sending.id(), e);
    }
    return false;
  }

  /** Hands one message to the sender; null when it was accepted (added to {@code accepted}). */
  private @Nullable SendResult send(Ready r, List<Accepted> accepted) {
    Campaign campaign = r.campaign();
    CampaignMessage sending = r.sending();
    List<CampaignMessage> all = r.all();
    List<String> thread = new ArrayList<>();
    for (CampaignMessage earlier : all) {
      if (earlier.stepIndex() < sending.stepIndex() && earlier.messageId() != null) {
        thread.add(earlier.messageId());
      }
    }
    OutgoingEmail email =
        new OutgoingEmail(
            campaign.config().from(),
            r.lead().email(),
            sending.subject(),
            sending.textBody(),
            sending.htmlBody(),
            Objects.requireNonNull(sending.messageId()),
            thread.isEmpty() ? null : thread.get(thread.size() - 1),
            thread,
            Map.of(),
            sending.stepIndex() == 0 ? null : firstSubject(all, sending),
            campaign.id());
    if (linkTracker != null) {
      email = linkTracker.track(email, sending);
    }
    SendReceipt receipt;
    try {
      receipt = sender.send(email);
    } catch (SendException e) {
      return failures.failed(
          campaign, r.lead(), sending, e.getMessage(), e.isTransient(), e.replyCode());
    } catch (RuntimeException e) {
      // A sender that throws unchecked failed before or during the hand-over; treat it as passing.
      log.warn("sender threw for message {}", sending.id(), e);
      return failures.failed(campaign, r.lead(), sending, e.toString(), true, 0);
    }
    accepted.add(new Accepted(r, sending.withSent(clock.instant(), receipt.providerResponse())));
    return null;
  }

  /**
   * Records the accepted sends of a chunk in one commit: first the fact of each send, which no
   * concurrent campaign change can refuse, with the next step's send time (the campaign may have
   * been paused or ended meanwhile, so it is read again, once for the chunk).
   */
  private void recordSent(List<Accepted> accepted) {
    Set<String> ids = new LinkedHashSet<>();
    accepted.forEach(a -> ids.add(a.ready().campaign().id()));
    Map<String, Campaign> currentById = store.findCampaigns(ids);
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    for (Accepted a : accepted) {
      Campaign campaign = a.ready().campaign();
      record(a, currentById.getOrDefault(campaign.id(), campaign), changes, events);
    }
    events.forEach(changes::event);
    // the messages are SENDING already: lost in a crash of the database, this record leaves them
    // uncertain, never sent twice, so the store need not flush it to disk before going on
    ctx.commitSentAndPublish(changes, events);
    accepted.forEach(this::recorded);
  }

  /**
   * After a send's record was committed: the send counted against the limits, and the campaign
   * completed when it was its last step.
   */
  private void recorded(Accepted a) {
    CampaignMessage sent = a.sent();
    Campaign campaign = a.ready().campaign();
    Lead lead = a.ready().lead();
    Instant sentAt = Objects.requireNonNull(sent.sentAt());
    LogContext.putLogContext(campaign.id(), lead.id(), sent.id());
    try {
      log.debug(
          "message {} sent: step {}, Message-ID {}", sent.id(), sent.type(), sent.messageId());
      ledger.record(campaign.config().from().address(), domainOf(lead.email()), sentAt);
      boolean last = a.ready().all().stream().noneMatch(m -> m.stepIndex() == sent.stepIndex() + 1);
      // With LinkedIn as the fallback channel the campaign stays open for its connection note.
      if (last && (linkedIn == null || !linkedIn.afterLastEmail(campaign, lead, sentAt))) {
        campaigns.completeIfActive(campaign.id(), sentAt);
      }
    } finally {
      LogContext.clearLogContext();
    }
  }

  private void record(
      Accepted a, Campaign current, StoreChanges.Builder changes, List<CampaignEvent> events) {
    CampaignMessage sent = a.sent();
    Instant sentAt = Objects.requireNonNull(sent.sentAt());
    Lead lead = a.ready().lead();
    // the sent message and its next step keep their stored copy: only their delivery is written
    changes.messageDelivery(sent);
    events.add(
        ctx.event(
            sentAt,
            a.ready().campaign(),
            sent,
            new EventPayload.MessageSent(
                sent.type().name(), Objects.requireNonNull(sent.messageId()), null, false)));
    CampaignMessage next =
        a.ready().all().stream()
            .filter(m -> m.stepIndex() == sent.stepIndex() + 1)
            .findFirst()
            .orElse(null);
    Instant at = null;
    if (next != null && next.status() == DeliveryStatus.PENDING && current.status().isOpen()) {
      try {
        at =
            schedule.nextSend(
                Experiment.timing(current.config(), lead.id(), next.stepIndex()),
                lead,
                next.stepIndex(),
                sentAt);
      } catch (RuntimeException e) {
        // The send happened and must be recorded whatever the schedule says; the next step waits
        // for a person, who is told.
        log.error(
            "campaign {}: step {} could not be scheduled", current.id(), next.stepIndex() + 1, e);
        events.add(
            ctx.event(
                sentAt,
                current,
                next,
                new EventPayload.AlertRaised(
                    Map.of(),
                    null,
                    "next step could not be scheduled: " + e.getMessage(),
                    null,
                    null,
                    null,
                    false)));
      }
    }
    if (at != null && next != null) {
      CampaignMessage scheduled =
          current.status() == CampaignStatus.ACTIVE
              ? next.withScheduled(at)
              : new CampaignMessage(
                  next.id(),
                  next.campaignId(),
                  next.leadId(),
                  next.stepIndex(),
                  next.type(),
                  next.subject(),
                  next.textBody(),
                  next.htmlBody(),
                  DeliveryStatus.PENDING,
                  at,
                  null,
                  null,
                  0,
                  null,
                  null);
      changes.messageDelivery(scheduled);
      events.add(
          ctx.event(
              sentAt,
              current,
              scheduled,
              new EventPayload.MessageScheduled(scheduled.type().name(), at, null, null, false)));
    }
  }

  private static String domainOf(String email) {
    return email.substring(email.lastIndexOf('@') + 1);
  }

  /** The subject of the campaign's first step, which follow-ups may be threaded under. */
  private static @Nullable String firstSubject(List<CampaignMessage> all, CampaignMessage sending) {
    for (CampaignMessage m : all) {
      if (m.stepIndex() == 0) {
        return m.subject();
      }
    }
    return sending.subject();
  }
}
