package com.fourrunr.campaign;

import com.fourrunr.campaign.channel.internal.LinkedInFallback;
import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.spi.CampaignClient;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.SendLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs campaigns: enrols leads, sends what is due, and acts on replies. The one entry point of the
 * library, made by {@link #builder()}:
 *
 * <pre>{@code
 * CampaignEngine engine = CampaignEngine.builder()
 *     .store(store)
 *     .sender(SmtpSender.create(smtpConfig))
 *     .from(new Mailbox("hello@4runr.com", "4Runr"))
 *     .clock(Clock.systemUTC())
 *     .build();
 * engine.enrol(CsvLeadSource.of(Path.of("leads.csv")));
 * engine.runDue();        // call on a schedule of your own; safe to call again and again
 * engine.pollReplies();
 * }</pre>
 *
 * <p>The engine starts no threads: the host calls {@link #runDue()} and {@link #pollReplies()} when
 * it wants (a scheduled executor, a cron job, a test). All time comes from the {@link Clock} given
 * to the builder. Every change is committed to the {@link CampaignStore} together with its events
 * before anything is sent, and a message's Message-ID is stored before the send, so a message left
 * {@link DeliveryStatus#SENDING} by a crash is never sent again by itself. The engine is
 * thread-safe as far as its store is. Several engines (threads, processes, hosts) may share one
 * store: each claims due messages under its {@link CampaignEngineBuilder#instanceId(String)
 * instance id} for a {@link CampaignEngineBuilder#claimLease(Duration) lease}, and a message is
 * sent only by the instance whose claim still holds when it records the send (see {@link
 * CampaignStore}).
 */
public final class CampaignEngine implements CampaignClient {
  /** Records committed together during enrolment, and messages read per query while sending. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  /**
   * Records committed together during enrolment when neither {@link
   * CampaignEngineBuilder#enrolmentBatchSize} nor {@link CampaignEngineBuilder#batchSize} was set.
   * Each batch is committed while the next one is written; a batch of 100 keeps a commit's writes
   * (a few megabytes in the embedded H2 file) small enough for the database to reuse its write
   * buffer instead of allocating a new one per commit (measured in {@code
   * EnrolmentAtScaleBenchmark}: 100,000 leads in 58 s in a 256 MB heap with batches of 100 or 150,
   * 71 s with 250; on PostgreSQL 51 s with 100 or 500).
   */
  public static final int DEFAULT_ENROLMENT_BATCH_SIZE = 100;

  /**
   * At most this many messages are handled by one {@link #runDue()}; the rest wait for the next
   * call.
   */
  public static final int DEFAULT_MAX_MESSAGES_PER_RUN = 10_000;

  /** How long claimed messages stay this instance's before another instance may take them over. */
  public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);

  /**
   * At most this many skips are listed in an {@link EnrolmentReport} (all are stored as events).
   */
  public static final int MAX_REPORTED_SKIPS = 1_000;

  /** How long a message of a paused mailbox waits before it is looked at again. */
  public static final Duration MAILBOX_PAUSE_RECHECK = Duration.ofHours(1);

  /** The MDC keys set on every log line about a send or a reply. */
  public static final String MDC_CAMPAIGN_ID = "campaignId";

  /** The MDC key of the lead id. */
  public static final String MDC_LEAD_ID = "leadId";

  /** The MDC key of the message id ({@link CampaignMessage#id()}). */
  public static final String MDC_MESSAGE_ID = "messageId";

  // The engine hands each job to one package-private part; they share the context (store, clock,
  // ids,
  // configuration, schedule, batch size, event publishing) and CampaignChanges (campaign changes
  // that
  // several parts make).
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(CampaignEngine.class);

  private final EngineContext ctx;
  private final Enroller enroller;
  private final Dispatcher dispatcher;
  private final QueueOperations queue;
  private final OperatorActions actions;
  private final ReplyHandler replies;
  private final MailboxPauses mailboxPauses;
  private final ChannelTasks channels;
  private final ActivityRecorder activity;
  private final HeldCopyReview review;
  private final UncertainMarks uncertainMarks;
  private final SuppressionList suppressionList;

  /** Copy written through a model's batch; null when no batch generator was given. */
  private final @Nullable CopyBatches copyBatches;

  CampaignEngine(CampaignEngineBuilder b) {
    CampaignConfig config = Objects.requireNonNull(b.config);
    CampaignStore store = Objects.requireNonNull(b.store);
    this.ctx =
        new EngineContext(
            store,
            b.clock,
            b.ids != null ? b.ids : new TimeOrderedIds(b.clock),
            config,
            b.schedule,
            b.batchSize,
            b.listeners);
    this.mailboxPauses = new MailboxPauses(ctx);
    // The mailboxes' health (the throttle's slowing, the pause after blocks), told of every event
    // after the listeners given.
    MailboxHealth health = new MailboxHealth(store, mailboxPauses, b.healthThrottle);
    ctx.listen(health);
    CampaignChanges campaigns = new CampaignChanges(ctx);
    // The writer's generator answers from drafts written ahead, concurrently, when the generator
    // allows more than one call at a time (see MessageGenerator#maxConcurrency).
    ConcurrentDrafts drafts = new ConcurrentDrafts(Objects.requireNonNull(b.generator));
    SequenceWriter writer =
        SequenceWriter.builder(drafts)
            .gates(b.qualityGates)
            .fallback(b.fallback)
            .fallbackGenerator(b.fallbackGenerator)
            .build();
    SendLedger ledger =
        new SendLedger(
            b.sendLimits,
            b.random,
            b.sendLog,
            b.warmUp == null ? null : new WarmUpCaps(b.warmUp, b.warmUpLog, b.clock.getZone()),
            health.throttles() ? health : null);
    // The mailboxes new campaigns are spread over, in the order given; one when only {@code from}
    // was set.
    List<Mailbox> mailboxes =
        b.mailboxes.isEmpty() ? List.of(config.from()) : List.copyOf(b.mailboxes);
    // Where channel tasks are kept, or null when the store keeps none and none was given.
    com.fourrunr.campaign.channel.@Nullable ChannelTaskStore taskStore =
        b.taskStore != null
            ? b.taskStore
            : store instanceof com.fourrunr.campaign.channel.ChannelTaskStore s ? s : null;
    ChannelPlan linkedInPlan =
        java.util.Objects.requireNonNull(b.channels).stream()
            .filter(p -> p.channel() == Channel.LINKEDIN)
            .findFirst()
            .orElse(null);
    // The LinkedIn fallback, when the channels name LinkedIn (see CampaignEngineBuilder#channels).
    LinkedInFallback linkedIn =
        linkedInPlan == null || taskStore == null
            ? null
            : new LinkedInFallback(
                new LinkedInFallback.Context(
                    ctx.store(),
                    ctx.schedule(),
                    ctx.clock(),
                    ctx.ids(),
                    ctx::publish,
                    ctx.batchSize()),
                campaigns,
                new LinkedInFallback.Setup(
                    taskStore,
                    b.taskSink,
                    b.linkedInSettings,
                    linkedInPlan.businessDaysAfterPrevious(),
                    b.generator,
                    b.fallbackGenerator,
                    writer.gates()));
    if (linkedIn != null) {
      ctx.follow(linkedIn::onEvent);
    }
    this.actions = new OperatorActions(ctx, campaigns);
    this.enroller =
        new Enroller(
            ctx,
            writer,
            mailboxes,
            b.addressVerifier,
            health.throttles()
                ? new MailboxChoice(mailboxes, health, ledger, mailboxPauses, b.clock)
                : null,
            drafts);
    enroller.commitEvery(b.enrolmentBatch());
    this.copyBatches =
        b.batchGenerator == null
            ? null
            : new CopyBatches(
                ctx,
                b.batchGenerator,
                writer.gates(),
                b.fallback,
                b.fallbackGenerator,
                b.modelPrices,
                b.copyBatchPollInterval);
    enroller.copy(copyBatches, b.modelPrices);
    this.dispatcher =
        new Dispatcher(
            ctx,
            campaigns,
            actions,
            mailboxPauses,
            new SendFailures(ctx, campaigns, b.retryIntervals, b.deadLetterQueue),
            ledger,
            linkedIn,
            new Dispatcher.Settings(
                Objects.requireNonNull(b.sender),
                b.maxMessagesPerRun,
                b.instanceId,
                b.claimLease,
                b.queuePriority,
                b.providerLimiters,
                b.providerLimiter,
                b.linkTracker));
    this.queue =
        new QueueOperations(
            ctx, campaigns, dispatcher::isInFlightHere, b.uncertainPolicy, ledger, mailboxes);
    this.replies =
        new ReplyHandler(
            ctx,
            campaigns,
            actions,
            new ReplyMatcher(store),
            b.replySource,
            b.classifier,
            b.replyPolicy,
            health,
            new ReplyReferrals(ctx, enroller, b.referralLeads));
    this.channels = new ChannelTasks(store, taskStore, linkedIn);
    this.activity = new ActivityRecorder(ctx);
    this.review = new HeldCopyReview(ctx, campaigns, actions, writer.gates());
    this.uncertainMarks = new UncertainMarks(ctx, campaigns, dispatcher::isInFlight);
    this.suppressionList = new SuppressionList(ctx);
  }

  /**
   * Starts a builder; {@code store}, {@code sender} and {@code from} (or {@code config}) are
   * required.
   */
  public static CampaignEngineBuilder builder() {
    return new CampaignEngineBuilder();
  }

  /** The configuration new campaigns are created with. */
  @Override
  public CampaignConfig config() {
    return ctx.config();
  }

  /**
   * Whether the engine was built with a {@link ReplySource}, so {@link #pollReplies()} can be
   * called.
   */
  @Override
  public boolean hasReplySource() {
    return replies.hasReplySource();
  }

  /** The store this engine writes to, for reading campaigns, messages and events. */
  @Override
  public CampaignStore store() {
    return ctx.store();
  }

  // ------------------------------------------------------------------------------------------------
  // Enrolment (Enroller)

  /**
   * Reads every record of {@code source} and enrols each lead that passes the gates, committing in
   * batches. A bad record or a lead whose messages cannot be written is skipped with its reason; it
   * never stops the rest.
   */
  public EnrolmentReport enrol(LeadSource source) {
    return enroller.enrol(source);
  }

  /** Enrols the given leads, as {@link #enrol(LeadSource)} does. */
  public EnrolmentReport enrol(Iterable<Lead> leads) {
    return enroller.enrol(leads);
  }

  // ------------------------------------------------------------------------------------------------
  // Sending (Dispatcher, SendFailures)

  /**
   * Sends every message that is due by the clock, in order of due time, and resumes paused
   * campaigns whose return date has come. Safe to call repeatedly, from a scheduler and from
   * several instances: due messages are claimed in batches for this instance, a message is only
   * taken while {@link DeliveryStatus#SCHEDULED}, and it leaves that status (under its claim)
   * before it is sent.
   */
  public RunReport runDue() {
    if (copyBatches != null) {
      try {
        copyBatches.pollIfDue();
      } catch (RuntimeException e) {
        // a store or provider failure here must not stop sending; the next run checks again
        log.warn("copy batches: check failed: {}", e.toString());
      }
    }
    return dispatcher.runDue();
  }

  /**
   * Checks the pending copy batches now ({@link CampaignEngineBuilder#batchGenerator}): submits the
   * {@link CampaignStatus#PENDING_COPY} campaigns whose submission failed, and settles the
   * campaigns of each batch that has ended (their copy through the quality gates, then {@link
   * CampaignStatus#ACTIVE} with the first step scheduled, or {@link CampaignStatus#HELD}). {@link
   * #runDue()} does this every {@link CampaignEngineBuilder#copyBatchPollInterval}.
   *
   * @return what was settled; all zero when no batch generator was given or no batch has ended
   */
  public CopyBatchReport pollCopyBatches() {
    return copyBatches == null ? new CopyBatchReport(0, 0, 0, 0, 0) : copyBatches.poll();
  }

  // ------------------------------------------------------------------------------------------------
  // Dead letters, uncertain sends and the queue (QueueOperations)

  /**
   * Up to {@code limit} dead-lettered messages ({@link DeliveryStatus#DEAD_LETTERED}, only when
   * {@link CampaignEngineBuilder#deadLetterQueue(boolean)} is on), ordered by message id, after
   * {@code afterId} (null: from the first). Each carries its reason in {@link
   * CampaignMessage#lastError()}.
   */
  public List<CampaignMessage> deadLetters(@Nullable String afterId, int limit) {
    return queue.deadLetters(afterId, limit);
  }

  /**
   * Schedules a dead letter again, due now and with its attempts counted afresh; the next {@link
   * #runDue()} delivers it (once: it is claimed like any due message) under the same Message-ID,
   * and its campaign goes on from there.
   *
   * @param messageId the Message-ID the dead letter was sent under, as listed by {@link
   *     #deadLetters}
   * @return the message as scheduled
   * @throws InvalidInputException when no message was sent under that Message-ID
   * @throws IllegalStateException when the message is not dead-lettered, or its campaign is not
   *     active (resume a paused campaign first; an ended one is not sent to)
   */
  public CampaignMessage replayDeadLetter(String messageId) {
    return queue.replayDeadLetter(messageId);
  }

  /**
   * Up to {@code limit} uncertain messages, ordered by message id, after {@code afterId}: messages
   * left {@link DeliveryStatus#SENDING} by a crash between the server's acceptance and the record,
   * which are never sent again by themselves. Messages this instance is sending at this moment are
   * left out; with several instances sharing the store, one another instance is handing over right
   * now (for at most the sender's timeouts) may be listed too, so review an entry only once it
   * stays listed.
   */
  public List<CampaignMessage> uncertainMessages(@Nullable String afterId, int limit) {
    return queue.uncertainMessages(afterId, limit);
  }

  /**
   * Sends an uncertain message again after a person checked the lead did not get it: scheduled now,
   * under the same Message-ID. Allowed only with {@link UncertainPolicy#RESEND_AFTER_REVIEW}.
   *
   * @param messageId the Message-ID of the uncertain message, as listed by {@link
   *     #uncertainMessages}
   * @return the message as scheduled
   * @throws IllegalStateException when the policy is {@link UncertainPolicy#NEVER_RESEND}, the
   *     message is not uncertain, or its campaign is not active
   * @throws InvalidInputException when no message was sent under that Message-ID
   */
  public CampaignMessage resendUncertain(String messageId) {
    return queue.resendUncertain(messageId);
  }

  /**
   * The send queue now: messages per state and the oldest due message's age (from the store), and
   * each sending mailbox's recent sends against its {@link SendLimits} (from the engine's {@link
   * SendLog}).
   */
  @Override
  public QueueStatus queueStatus() {
    return queue.queueStatus();
  }

  // ------------------------------------------------------------------------------------------------
  // Operator actions (OperatorActions)

  /**
   * Pauses an active campaign until {@link #resume(String)} is called: nothing of it is sent
   * meanwhile.
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalTransitionException when the campaign is not active
   */
  public Campaign pause(String campaignId, String reason) {
    return actions.pause(campaignId, reason);
  }

  /**
   * Resumes a paused campaign: its next step goes out when due, or, if it fell due meanwhile, at
   * the next moment the schedule allows from now (with the default schedule: at once inside the
   * lead's send window, else in the next window); later steps keep their spacing from its actual
   * send.
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalTransitionException when the campaign is not paused
   */
  public Campaign resume(String campaignId) {
    return actions.resume(campaignId);
  }

  /**
   * Approves a campaign held for review ({@link CampaignStatus#HELD}): it becomes active and its
   * first step is scheduled as at enrolment. The held copy is sent as it was stored (edit the
   * messages in the store first if a person rewrote them).
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalStateException when the campaign is not held
   */
  public Campaign approve(String campaignId) {
    return actions.approve(campaignId);
  }

  /**
   * Stops a campaign for good; its outstanding messages are cancelled.
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalTransitionException when the campaign already ended
   */
  public Campaign stop(String campaignId, String reason) {
    return actions.stop(campaignId, reason);
  }

  /**
   * Unsubscribes an address at once, as an unsubscribe reply does: the address is suppressed
   * (reason {@code UNSUBSCRIBE_REQUEST}, so no campaign sends to it again) and the named campaign,
   * when it is this address's and still running, is STOPPED. Idempotent: an address already
   * suppressed stays as it is.
   *
   * @param email the address to unsubscribe
   * @param campaignId the campaign the link was sent for, or null
   * @param source how it came, for the stop reason, such as {@code one-click}
   * @return whether anything changed
   * @throws InvalidInputException when the address is blank
   */
  @Override
  public boolean unsubscribe(String email, @Nullable String campaignId, String source) {
    return actions.unsubscribe(email, campaignId, source);
  }

  // ------------------------------------------------------------------------------------------------
  // Replies (ReplyHandler, ReplyMatcher)

  /**
   * Reads every mail the {@link ReplySource} has and {@link #receive(InboundReply) receives} each.
   * One mail that cannot be handled is logged and does not stop the others.
   *
   * @return the outcomes, in arrival order
   * @throws IllegalStateException when the engine was built without a reply source
   */
  public List<ReplyOutcome> pollReplies() {
    return replies.pollReplies();
  }

  /**
   * Takes one incoming mail: stores it, matches it to its campaign (by {@code In-Reply-To} and
   * {@code References}, then Message-IDs quoted in the text as bounces carry them, then the
   * sender's address or a bounce's failed recipient, preferring the campaign whose thread subject
   * the mail carries), categorises it (a verdict below the policy's sensitivity becomes
   * NEEDS_REVIEW) and acts as the {@link ReplyPolicy} says: by default a person's answer ends the
   * remaining steps (RESPONDED), a decline, opt-out, complaint or hard bounce also suppresses the
   * address, an out-of-office pauses the campaign until the business day after the return date.
   * Unmatched mail is stored as unmatched. A mail already received (same Message-ID) is not acted
   * on twice.
   */
  public ReplyOutcome receive(InboundReply reply) {
    return replies.receive(reply);
  }

  /**
   * Takes one incoming report whose category is already known, as an ESP's bounce or complaint
   * webhook tells it: stored, matched and acted on exactly as {@link #receive(InboundReply)} does
   * with a mail the classifier categorised (same policy, same actions), but without asking the
   * classifier. A report already received (same {@link InboundReply#messageId()}) is not acted on
   * twice.
   *
   * @param reply the report as a reply; its Message-ID should be unique per provider event
   * @param classification the category, bounce reason and evidence the provider's report gives
   */
  public ReplyOutcome receive(InboundReply reply, ReplyClassification classification) {
    return replies.receive(reply, Objects.requireNonNull(classification, "classification"));
  }

  /**
   * When {@link #pollReplies()} last read the reply source to the end without failing; empty
   * before.
   */
  @Override
  public java.util.Optional<Instant> lastReplyPoll() {
    return replies.lastReplyPoll();
  }

  // ------------------------------------------------------------------------------------------------
  // Operations: paused mailboxes (MailboxPauses), alerts and engagement (ActivityRecorder)

  /**
   * Pauses a sending mailbox: from now on no message is sent from {@code address}; due messages of
   * its campaigns are deferred by {@link #MAILBOX_PAUSE_RECHECK} each time they come up, until
   * {@link #resumeMailbox} is called. Stored as a {@link EventType#MAILBOX_PAUSED} event, so it
   * survives a restart and is seen by other instances within a minute. Idempotent.
   *
   * @return true when the mailbox was not paused before
   */
  @Override
  public boolean pauseMailbox(String address, String reason) {
    return mailboxPauses.pauseMailbox(address, reason);
  }

  /**
   * Resumes a mailbox paused by {@link #pauseMailbox}; its deferred messages go out when they next
   * come up (within {@link #MAILBOX_PAUSE_RECHECK}). Idempotent.
   *
   * @return true when the mailbox was paused
   */
  public boolean resumeMailbox(String address, String reason) {
    return mailboxPauses.resumeMailbox(address, reason);
  }

  /** The paused sending mailboxes, address to the reason given, as this instance last read them. */
  @Override
  public Map<String, String> pausedMailboxes() {
    return mailboxPauses.pausedMailboxes();
  }

  /**
   * Stores an {@link EventType#ALERT_RAISED} event not tied to a campaign (attributes {@code rule},
   * {@code reason} and the given ones) and tells the listeners: how alert rules leave their trace.
   */
  @Override
  public void recordAlert(String rule, String reason, Map<String, String> attributes) {
    activity.recordAlert(rule, reason, attributes);
  }

  /** The engine's clock, for components that judge ages and windows on the same time. */
  @Override
  public Clock clock() {
    return ctx.clock();
  }

  /**
   * Stores an open ({@link EventType#MESSAGE_OPENED}) or a click ({@link EventType#LINK_CLICKED})
   * of a message as an event on its campaign, lead and message, timed by the engine's clock, then
   * publishes it. Called by {@link com.fourrunr.campaign.tracking.TrackingHandler}; every call
   * stores a new event (duplicates are facts too; reports count unique opens and clicks).
   *
   * @throws InvalidInputException when the type is neither an open nor a click
   * @deprecated pass the typed payload: {@link #recordEngagement(CampaignMessage, EventPayload)}
   */
  @Deprecated
  @Override
  public CampaignEvent recordEngagement(
      EventType type, CampaignMessage message, Map<String, String> attributes) {
    return activity.recordEngagement(message, EventCodec.decode(type, attributes));
  }

  /**
   * Stores an open ({@link EventPayload.MessageOpened}) or a click ({@link
   * EventPayload.LinkClicked}) of a message, as {@link #recordEngagement(EventType,
   * CampaignMessage, Map)} does.
   *
   * @throws InvalidInputException when the payload is neither an open nor a click
   */
  @Override
  public CampaignEvent recordEngagement(CampaignMessage message, EventPayload engagement) {
    return activity.recordEngagement(message, engagement);
  }

  // ------------------------------------------------------------------------------------------------
  // Channels (ChannelTasks, LinkedInFallback)

  /**
   * Records what a person did with a channel task: {@code SENT} (a connection note stays open
   * awaiting ACCEPTED or DECLINED, and its campaign completes), {@code ACCEPTED} (a follow-up task
   * is prepared), {@code REPLIED} (the campaign is RESPONDED, as after an email reply; allowed on
   * an open task and on one already SENT or ACCEPTED), {@code DECLINED}. Records a {@link
   * EventType#CHANNEL_TASK_REPORTED} event and tells the {@link
   * com.fourrunr.campaign.channel.TaskSink}.
   *
   * @return the task as stored
   * @throws InvalidInputException when there is no such task or no outcome is given
   * @throws IllegalStateException when the task cannot take that outcome (waiting, cancelled,
   *     done), or the engine has no LinkedIn channel
   */
  public com.fourrunr.campaign.channel.ChannelTask reportTask(
      String taskId, com.fourrunr.campaign.channel.TaskOutcome outcome) {
    return channels.reportTask(taskId, outcome);
  }

  /**
   * Up to {@code limit} channel tasks in one status, ordered by id, after {@code afterId} (null:
   * from the first): how a host lists the {@link com.fourrunr.campaign.channel.TaskStatus#OPEN
   * open} tasks for its people when the default {@link
   * com.fourrunr.campaign.channel.TaskSink#storeOnly()} is used.
   *
   * @throws IllegalStateException when no task store is available
   */
  public List<com.fourrunr.campaign.channel.ChannelTask> channelTasks(
      com.fourrunr.campaign.channel.TaskStatus status, @Nullable String afterId, int limit) {
    return channels.channelTasks(status, afterId, limit);
  }

  /** A campaign's channel tasks, oldest first (none when no task store is available). */
  public List<com.fourrunr.campaign.channel.ChannelTask> channelTasksOf(String campaignId) {
    return channels.channelTasksOf(campaignId);
  }

  /**
   * Response rates per channel and step and the lift the LinkedIn fallback adds, computed from the
   * stored events (paged, bounded memory). See {@link com.fourrunr.campaign.channel.ChannelReport}.
   */
  public com.fourrunr.campaign.channel.ChannelReport channelReport() {
    return channels.channelReport();
  }

  // ------------------------------------------------------------------------------------------------
  // Review and operations for the console (HeldCopyReview, ReplyHandler, UncertainMarks,
  // SuppressionList)

  /**
   * Approves a campaign held for review after a person rewrote some of its steps: each edited step
   * goes through the same quality gates as written copy (against the steps before it), and only
   * when all pass are the edits stored (as text only) and the campaign approved, in one commit,
   * with a {@link EventType#MESSAGE_CHECKED} event per edited step (generator {@code
   * operator:NAME}) and the {@link EventType#CAMPAIGN_APPROVED} event naming the operator. The
   * edited copy is what is sent. With no edits it approves as {@link #approve} does, naming the
   * operator.
   *
   * @param campaignId the held campaign
   * @param edits the rewritten steps (at most one per step)
   * @param operator who approves, for the events
   * @throws InvalidInputException when there is no such campaign or step, or an edited step fails a
   *     gate (one error per failed rule, naming the step)
   * @throws IllegalStateException when the campaign is not held
   */
  public Campaign reviseAndApprove(String campaignId, List<StepEdit> edits, String operator) {
    return review.reviseAndApprove(campaignId, edits, operator);
  }

  /**
   * Up to {@code limit} stored mails of one category, ordered by id, after {@code afterId}: with
   * {@link ReplyCategory#NEEDS_REVIEW}, the mails waiting for a person to choose their category.
   */
  public List<com.fourrunr.campaign.spi.StoredReply> replies(
      ReplyCategory category, @Nullable String afterId, int limit) {
    return ctx.store()
        .findRepliesByCategory(
            Objects.requireNonNull(category, "category"),
            afterId,
            QueueOperations.checkLimit(limit));
  }

  /**
   * A person chose the category of a stored mail that was kept for review ({@link
   * ReplyCategory#NEEDS_REVIEW}): the reply policy acts as it would have for that category (a
   * campaign paused for this review is resumed first unless the category ends it), and a {@link
   * EventType#REPLY_CLASSIFIED} event records the choice (evidence {@code chosen by operator
   * NAME}). Idempotent: choosing the category the mail already has changes nothing.
   *
   * @throws InvalidInputException when there is no such mail, or the category is NEEDS_REVIEW
   * @throws IllegalStateException when the mail already has another category
   */
  public ReplyOutcome classifyReply(String replyId, ReplyCategory category, String operator) {
    return replies.classifyReply(replyId, category, operator);
  }

  /**
   * Records an uncertain message ({@link #uncertainMessages}) as sent after a person checked the
   * lead got it: never sent again; {@link EventType#MESSAGE_MARKED_SENT} and {@link
   * EventType#MESSAGE_SENT} events are stored and the campaign goes on (its next step scheduled
   * from now, or the campaign completed after its last step). Nothing is sent.
   *
   * @throws InvalidInputException when no message was sent under that Message-ID
   * @throws IllegalStateException when the message is not uncertain or is being sent right now
   */
  public CampaignMessage markUncertainSent(String messageId, String operator, String reason) {
    return uncertainMarks.markSent(messageId, operator, reason);
  }

  /**
   * Up to {@code limit} suppression entries (addresses, and domains written {@code @domain}) whose
   * key contains {@code query} (blank: all), ordered by key, after {@code afterKey}.
   */
  public List<com.fourrunr.campaign.spi.Suppression> suppressions(
      @Nullable String query, @Nullable String afterKey, int limit) {
    return suppressionList.list(query, afterKey, limit);
  }

  /**
   * Puts an address ({@code name@domain}) or a whole domain ({@code domain} or {@code @domain}) on
   * the suppression list, with an {@link EventType#ADDRESS_SUPPRESSED} event. An address at a
   * suppressed domain is neither enrolled (skipped as {@link SkipReason#SUPPRESSED}) nor sent to
   * (its campaign is stopped when its next message comes up).
   *
   * @return false when the entry was already on the list
   * @throws InvalidInputException when the entry is not an address or a domain, or a reason or the
   *     operator is missing
   */
  public boolean suppress(String entry, String reason, String operator) {
    return suppressionList.suppress(entry, reason, operator);
  }

  /**
   * Takes an entry off the suppression list, with a {@link EventType#SUPPRESSION_REMOVED} event.
   * Campaigns stopped because of it stay stopped.
   *
   * @return false when the entry was not on the list
   * @throws InvalidInputException when the entry is malformed, or a reason or operator is missing
   */
  public boolean removeSuppression(String entry, String reason, String operator) {
    return suppressionList.remove(entry, reason, operator);
  }
}
