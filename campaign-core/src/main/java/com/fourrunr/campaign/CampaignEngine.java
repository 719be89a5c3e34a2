package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.quality.WrittenMessage;
import com.fourrunr.campaign.quality.WrittenSequence;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import com.fourrunr.campaign.schedule.BusinessSchedule;
import com.fourrunr.campaign.schedule.SchedulePolicy;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.tracking.LinkTracker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs campaigns: enrols leads, sends what is due, and acts on replies. The one entry point of the library,
 * made by {@link #builder()}:
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
 * <p>The engine starts no threads: the host calls {@link #runDue()} and {@link #pollReplies()} when it
 * wants (a scheduled executor, a cron job, a test). All time comes from the {@link Clock} given to the
 * builder. Every change is committed to the {@link CampaignStore} together with its events before anything
 * is sent, and a message's Message-ID is stored before the send, so a message left {@link
 * DeliveryStatus#SENDING} by a crash is never sent again by itself. The engine is thread-safe as far as
 * its store is. Several engines (threads, processes, hosts) may share one store: each claims due messages
 * under its {@link Builder#instanceId(String) instance id} for a {@link Builder#claimLease(Duration) lease},
 * and a message is sent only by the instance whose claim still holds when it records the send (see {@link
 * CampaignStore}).
 */
public final class CampaignEngine {
  /** Records committed together during enrolment, and messages read per query while sending. */
  public static final int DEFAULT_BATCH_SIZE = 100;
  /** At most this many messages are handled by one {@link #runDue()}; the rest wait for the next call. */
  public static final int DEFAULT_MAX_MESSAGES_PER_RUN = 10_000;
  /** How long claimed messages stay this instance's before another instance may take them over. */
  public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);
  /** At most this many skips are listed in an {@link EnrolmentReport} (all are stored as events). */
  public static final int MAX_REPORTED_SKIPS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);
  private static final Pattern MESSAGE_ID_IN_TEXT = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
  private static final int MAX_REPLY_POLLS_PER_CALL = 1_000;
  private static final int MAX_OPTIMISTIC_RETRIES = 3;

  private final CampaignStore store;
  private final MessageGenerator generator;
  private final Sender sender;
  private final @Nullable ReplySource replySource;
  private final ReplyClassifier classifier;
  private final ReplyPolicy replyPolicy;
  private final SendSchedule schedule;
  private final Clock clock;
  private final CampaignConfig config;
  private final List<CampaignListener> listeners;
  private final int batchSize;
  private final int maxMessagesPerRun;
  private final Supplier<String> ids;
  private final String instanceId;
  private final Duration claimLease;
  private final SequenceWriter writer;
  private final boolean deadLetterQueue;
  private final UncertainPolicy uncertainPolicy;
  private final SendLedger ledger;
  private final @Nullable IntervalFunction retryIntervals;
  private final QueuePriority queuePriority;
  /** The mailboxes new campaigns are spread over, in the order given; one when only {@code from} was set. */
  private final List<Mailbox> mailboxes;
  private final java.util.concurrent.atomic.AtomicLong nextMailbox = new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, RateLimiter> providerLimiters;
  private final @Nullable RateLimiter providerLimiter;
  private final @Nullable LinkTracker linkTracker;
  /** Whether the first {@link #runDue()} released the claims this instance id held before it started. */
  private volatile boolean ownClaimsReleased;
  /** Messages this instance is handing to the sender right now: SENDING, but not uncertain. */
  private final Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Where channel tasks are kept, or null when the store keeps none and none was given. */
  private final com.fourrunr.campaign.channel.@Nullable ChannelTaskStore taskStore;
  /** The LinkedIn fallback, when the channels name LinkedIn (see {@link Builder#channels}). */
  private final @Nullable LinkedInFallback linkedIn;
  /** Paused sending mailboxes (address to reason), read from the store's MAILBOX_PAUSED/RESUMED events. */
  private final Map<String, String> pausedMailboxes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile @Nullable Instant mailboxPausesReadAt;
  private volatile @Nullable Instant lastReplyPoll;

  private CampaignEngine(Builder b) {
    this.store = Objects.requireNonNull(b.store);
    this.generator = b.generator;
    this.sender = Objects.requireNonNull(b.sender);
    this.replySource = b.replySource;
    this.classifier = b.classifier;
    this.replyPolicy = b.replyPolicy;
    this.schedule = b.schedule;
    this.clock = b.clock;
    this.config = Objects.requireNonNull(b.config);
    this.listeners = List.copyOf(b.listeners);
    this.batchSize = b.batchSize;
    this.maxMessagesPerRun = b.maxMessagesPerRun;
    this.ids = b.ids;
    this.instanceId = b.instanceId;
    this.claimLease = b.claimLease;
    this.writer = SequenceWriter.builder(b.generator).gates(b.qualityGates).fallback(b.fallback)
        .fallbackGenerator(b.fallbackGenerator).build();
    this.deadLetterQueue = b.deadLetterQueue;
    this.uncertainPolicy = b.uncertainPolicy;
    this.ledger = new SendLedger(b.sendLimits, b.random, b.sendLog);
    this.retryIntervals = b.retryIntervals;
    this.queuePriority = b.queuePriority;
    this.mailboxes = b.mailboxes.isEmpty() ? List.of(config.from()) : List.copyOf(b.mailboxes);
    this.providerLimiters = Map.copyOf(b.providerLimiters);
    this.providerLimiter = b.providerLimiter;
    this.linkTracker = b.linkTracker;
    this.taskStore = b.taskStore != null ? b.taskStore
        : store instanceof com.fourrunr.campaign.channel.ChannelTaskStore s ? s : null;
    ChannelPlan linkedInPlan = b.channels.stream().filter(p -> p.channel() == Channel.LINKEDIN).findFirst()
        .orElse(null);
    this.linkedIn = linkedInPlan == null || taskStore == null ? null
        : new LinkedInFallback(store, taskStore, b.taskSink, b.linkedInSettings,
            linkedInPlan.businessDaysAfterPrevious(), b.generator, b.fallbackGenerator, writer.gates(), b.schedule,
            b.clock, b.ids, this::publish, new LinkedInFallback.EngineSide() {
              @Override
              public void respondViaChannel(String campaignId, com.fourrunr.campaign.channel.ChannelTask task,
                  Instant at) {
                respondOnChannel(campaignId, task, at);
              }

              @Override
              public void completeCampaign(String campaignId, Instant at) {
                completeIfActive(campaignId, at);
              }
            }, b.batchSize);
  }

  /** Starts a builder; {@code store}, {@code sender} and {@code from} (or {@code config}) are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration new campaigns are created with. */
  public CampaignConfig config() {
    return config;
  }

  /** Whether the engine was built with a {@link ReplySource}, so {@link #pollReplies()} can be called. */
  public boolean hasReplySource() {
    return replySource != null;
  }

  /** The store this engine writes to, for reading campaigns, messages and events. */
  public CampaignStore store() {
    return store;
  }

  // ------------------------------------------------------------------------------------------------
  // Enrolment

  /**
   * Reads every record of {@code source} and enrols each lead that passes the gates, committing in
   * batches. A bad record or a lead whose messages cannot be written is skipped with its reason; it never
   * stops the rest.
   */
  public EnrolmentReport enrol(LeadSource source) {
    try (Stream<LeadRecord> records = source.read()) {
      return enrolRecords(records.iterator());
    }
  }

  /** Enrols the given leads, as {@link #enrol(LeadSource)} does. */
  public EnrolmentReport enrol(Iterable<Lead> leads) {
    Iterator<Lead> it = leads.iterator();
    int[] n = {0};
    Iterator<LeadRecord> records =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public LeadRecord next() {
            n[0]++;
            Lead lead = it.next();
            return new LeadRecord.Valid("lead " + n[0], lead);
          }
        };
    return enrolRecords(records);
  }

  private EnrolmentReport enrolRecords(Iterator<LeadRecord> records) {
    Enrolment run = new Enrolment();
    while (records.hasNext()) {
      LeadRecord record = records.next();
      run.read++;
      if (record instanceof LeadRecord.Invalid invalid) {
        run.skip(invalid.location(), null, SkipReason.INVALID_LEAD,
            invalid.errors().stream().map(FieldError::toString).collect(java.util.stream.Collectors.joining("; ")));
      } else if (record instanceof LeadRecord.Valid valid) {
        enrolOne(run, valid.location(), valid.lead());
      }
      if (run.batchCount >= batchSize) {
        run.flush();
      }
    }
    run.flush();
    log.info("enrolment: read {}, enrolled {}, skipped {}", run.read, run.enrolled, run.skipped);
    return new EnrolmentReport(run.read, run.enrolled, run.skipped, run.byReason, run.skips);
  }

  private void enrolOne(Enrolment run, String location, Lead lead) {
    if (!lead.emailConfidence().isSendable()) {
      run.skip(location, lead, SkipReason.EMAIL_CONFIDENCE_TOO_LOW,
          "email_confidence: " + lead.emailConfidence() + " addresses are not mailed (REAL or PATTERN"
              + " needed)");
      return;
    }
    if (lead.engagementStatus() == EngagementStatus.ENGAGED
        || lead.engagementStatus() == EngagementStatus.DO_NOT_CONTACT) {
      run.skip(location, lead, SkipReason.ENGAGEMENT_STATUS,
          "engagement_status: lead is " + lead.engagementStatus());
      return;
    }
    if (store.isSuppressed(lead.email())) {
      run.skip(location, lead, SkipReason.SUPPRESSED, "email: " + lead.email() + " is suppressed");
      return;
    }
    if (run.leadIdsInBatch.contains(lead.id())
        || store.findCampaignsByLead(lead.id()).stream().anyMatch(c -> c.status().isOpen())) {
      run.skip(location, lead, SkipReason.ALREADY_IN_CAMPAIGN,
          "id: lead " + lead.id() + " already has an open campaign");
      return;
    }
    Sequence sequence = config.sequence();
    // Written and checked by the quality gates; see SequenceWriter for the failure policy.
    WrittenSequence checked = writer.write(lead, sequence);
    if (checked.outcome() == WrittenSequence.Outcome.SKIPPED) {
      run.skip(location, lead, SkipReason.INSUFFICIENT_DATA, checked.reason());
      return;
    }
    if (checked.outcome() == WrittenSequence.Outcome.FAILED) {
      log.warn("lead {}: generation failed: {}", lead.id(), checked.reason());
      run.skip(location, lead, SkipReason.GENERATION_FAILED, checked.reason());
      return;
    }
    boolean held = checked.outcome() == WrittenSequence.Outcome.HELD;
    List<GeneratedMessage> written = checked.messages().stream().map(WrittenMessage::message).toList();
    Instant now = clock.instant();
    Map<String, String> created = new java.util.LinkedHashMap<>();
    created.put("sequence", sequence.name());
    created.put("steps", String.valueOf(sequence.size()));
    created.put("tokens", String.valueOf(checked.totalTokens()));
    Instant firstAt;
    try {
      // The time zone used and any fallback warning stay on the campaign with its creation event.
      created.putAll(schedule.describe(config, lead));
      firstAt = schedule.firstSend(Experiment.timing(config, lead.id(), 0), lead, 0, now);
    } catch (RuntimeException e) {
      run.skip(location, lead, SkipReason.INVALID_LEAD, "schedule: " + e.getMessage());
      return;
    }
    CampaignConfig campaignConfig = configForNewCampaign();
    Campaign campaign = held
        ? Campaign.held(ids.get(), lead.id(), campaignConfig, now, checked.reason())
        : Campaign.start(ids.get(), lead.id(), campaignConfig, now);
    run.changes.lead(lead).campaign(campaign);
    run.events.add(event(EventType.CAMPAIGN_CREATED, now, campaign, null, created));
    if (held) {
      run.events.add(event(EventType.CAMPAIGN_HELD, now, campaign, null, Map.of("reason", checked.reason())));
    } else {
      writer.accept(lead, checked);
    }
    for (int i = 0; i < written.size(); i++) {
      GeneratedMessage g = written.get(i);
      CampaignMessage m = CampaignMessage.pending(ids.get(), campaign.id(), lead.id(), i,
          sequence.step(i).type(), g.subject(), g.textBody(), g.htmlBody());
      run.events.add(event(EventType.MESSAGE_CHECKED, now, campaign, m, checked.messages().get(i).auditAttributes()));
      if (i == 0 && !held) {
        Instant at = firstAt;
        m = m.withScheduled(at);
        run.events.add(event(EventType.MESSAGE_SCHEDULED, now, campaign, m,
            Map.of("step", m.type().name(), "scheduledAt", at.toString())));
      }
      run.changes.message(m);
    }
    run.leadIdsInBatch.add(lead.id());
    run.enrolled++;
    run.batchCount++;
  }

  /** One enrolment's counters and its open batch. */
  private final class Enrolment {
    int read;
    int enrolled;
    int skipped;
    int batchCount;
    final Map<SkipReason, Integer> byReason = new EnumMap<>(SkipReason.class);
    final List<Skip> skips = new ArrayList<>();
    final Set<String> leadIdsInBatch = new HashSet<>();
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();

    void skip(String location, @Nullable Lead lead, SkipReason reason, String detail) {
      skipped++;
      batchCount++;
      byReason.merge(reason, 1, Integer::sum);
      String leadId = lead == null ? null : lead.id();
      if (skips.size() < MAX_REPORTED_SKIPS) {
        skips.add(new Skip(location, leadId, reason, detail));
      }
      Map<String, String> attributes = new java.util.LinkedHashMap<>();
      attributes.put("location", location);
      attributes.put("reason", reason.name());
      attributes.put("detail", detail);
      events.add(new CampaignEvent(ids.get(), EventType.LEAD_SKIPPED, clock.instant(), null, leadId,
          null, attributes));
    }

    void flush() {
      events.forEach(changes::event);
      StoreChanges batch = changes.build();
      if (!batch.isEmpty()) {
        store.commit(batch);
        publish(events);
      }
      changes = StoreChanges.builder();
      events = new ArrayList<>();
      leadIdsInBatch.clear();
      batchCount = 0;
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Sending

  /**
   * Sends every message that is due by the clock, in order of due time, and resumes paused campaigns whose
   * return date has come. Safe to call repeatedly, from a scheduler and from several instances: due
   * messages are claimed in batches for this instance, a message is only taken while {@link
   * DeliveryStatus#SCHEDULED}, and it leaves that status (under its claim) before it is sent.
   */
  public RunReport runDue() {
    Instant now = clock.instant();
    if (!ownClaimsReleased) {
      // Restarted under the same id: what this instance claimed before is taken back at once, not after
      // the lease. A message it had recorded as SENDING holds no claim and stays uncertain.
      int released = store.releaseClaims(instanceId);
      ownClaimsReleased = true;
      if (released > 0) {
        log.info("runDue: took back {} messages claimed by {} before a restart", released, instanceId);
      }
    }
    int resumed = resumeDueCampaigns(now);
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    int handled = 0;
    while (handled < maxMessagesPerRun) {
      // Claimed for this instance until the lease ends: other instances skip them meanwhile.
      List<CampaignMessage> due = store.claimDueMessages(now, instanceId, claimLease,
          Math.min(batchSize, maxMessagesPerRun - handled), queuePriority);
      if (due.isEmpty()) {
        break;
      }
      // One batch per sending mailbox, each over one connection of the sender, told when it ends.
      for (Map.Entry<Mailbox, List<CampaignMessage>> batch : byMailbox(due).entrySet()) {
        try {
          for (CampaignMessage m : batch.getValue()) {
            handled++;
            switch (sendInContext(m, now)) {
              case SENT -> sent++;
              case RETRYING -> retrying++;
              case FAILED -> failed++;
              case NOT_SENT -> { }
            }
          }
        } finally {
          endBatch(batch.getKey());
        }
      }
    }
    if (linkedIn != null) {
      linkedIn.releaseDue(now);
    }
    boolean more = handled >= maxMessagesPerRun && !store.findDueMessages(now, 1).isEmpty();
    if (sent + retrying + failed + resumed > 0) {
      log.info("runDue: sent {}, retrying {}, failed {}, resumed {}", sent, retrying, failed, resumed);
    }
    return new RunReport(sent, retrying, failed, resumed, more);
  }

  /**
   * Moves a claimed message to a later time instead of sending it now (it is never dropped), with a
   * MESSAGE_SCHEDULED event saying why; the claim is released by the write.
   */
  private SendResult defer(CampaignMessage due, Campaign campaign, Instant now, Instant at, String reason) {
    CampaignMessage later = due.withScheduled(at);
    CampaignEvent moved = event(EventType.MESSAGE_SCHEDULED, now, campaign, later,
        Map.of("step", later.type().name(), "scheduledAt", at.toString(), "reason", reason));
    commitAndPublish(StoreChanges.builder().expectClaim(due.id(), instanceId).message(later).event(moved),
        List.of(moved));
    return SendResult.NOT_SENT;
  }

  /** The claimed messages grouped by the mailbox their campaign sends from, each group in claim order. */
  private Map<Mailbox, List<CampaignMessage>> byMailbox(List<CampaignMessage> due) {
    Map<String, Mailbox> fromByCampaign = new java.util.HashMap<>();
    Map<Mailbox, List<CampaignMessage>> groups = new java.util.LinkedHashMap<>();
    for (CampaignMessage m : due) {
      Mailbox from = fromByCampaign.computeIfAbsent(m.campaignId(),
          id -> store.findCampaign(id).map(c -> c.config().from()).orElse(config.from()));
      groups.computeIfAbsent(from, k -> new ArrayList<>()).add(m);
    }
    return groups;
  }

  private void endBatch(Mailbox from) {
    try {
      sender.batchEnded(from);
    } catch (RuntimeException e) {
      log.warn("sender failed to end the batch of {}", from.address(), e);
    }
  }

  /** The configuration of the next new campaign: the engine's, sending from the next mailbox in turn. */
  private CampaignConfig configForNewCampaign() {
    if (mailboxes.size() == 1) {
      return mailboxes.get(0).equals(config.from()) ? config : config.withFrom(mailboxes.get(0));
    }
    int i = (int) Math.floorMod(nextMailbox.getAndIncrement(), (long) mailboxes.size());
    return config.withFrom(mailboxes.get(i));
  }

  private enum SendResult {
    SENT,
    RETRYING,
    FAILED,
    NOT_SENT
  }

  private int resumeDueCampaigns(Instant now) {
    int resumed = 0;
    Set<String> tried = new HashSet<>();
    while (true) {
      boolean progress = false;
      for (Campaign c : store.findCampaignsToResume(now, batchSize)) {
        if (!tried.add(c.id())) {
          continue;
        }
        progress = true;
        try {
          resumeCampaign(c, "return date reached");
          resumed++;
        } catch (ConcurrentUpdateException | IllegalTransitionException e) {
          log.debug("campaign {} not resumed: {}", c.id(), e.getMessage());
        }
      }
      if (!progress) {
        return resumed;
      }
    }
  }

  private SendResult sendOne(CampaignMessage due, Instant now) {
    Campaign campaign = store.findCampaign(due.campaignId()).orElse(null);
    Lead lead = store.findLead(due.leadId()).orElse(null);
    try {
      if (campaign == null) {
        // Taken off the queue so it cannot block the messages behind it.
        log.error("message {} belongs to no stored campaign {}; failed", due.id(), due.campaignId());
        store.commit(StoreChanges.builder().expectClaim(due.id(), instanceId)
            .message(due.withFailed("campaign " + due.campaignId() + " is not stored")).build());
        return SendResult.FAILED;
      }
      if (campaign.status() != CampaignStatus.ACTIVE) {
        // A due message of a campaign that is not active should not exist; put it where it belongs.
        DeliveryStatus target =
            campaign.status() == CampaignStatus.PAUSED ? DeliveryStatus.PENDING : DeliveryStatus.CANCELLED;
        store.commit(StoreChanges.builder().expectClaim(due.id(), instanceId)
            .message(due.withStatus(target)).build());
        return SendResult.NOT_SENT;
      }
      if (lead == null || store.isSuppressed(lead.email())) {
        String reason = lead == null ? "lead " + due.leadId() + " is not stored" : "address suppressed";
        end(campaign, CampaignStatus.STOPPED, reason, now, StoreChanges.builder(), new ArrayList<>());
        return SendResult.NOT_SENT;
      }
      List<CampaignMessage> all = store.findMessages(campaign.id());
      // Never before the previous step succeeded.
      for (CampaignMessage earlier : all) {
        if (earlier.stepIndex() < due.stepIndex() && earlier.status() != DeliveryStatus.SENT) {
          log.error("message {} is due before step {} was sent; held back", due.id(), earlier.stepIndex());
          store.commit(StoreChanges.builder().expectClaim(due.id(), instanceId)
              .message(due.withStatus(DeliveryStatus.PENDING)).build());
          return SendResult.NOT_SENT;
        }
      }
      // An overdue message found outside the send window (the engine was down) waits for the next window.
      Instant allowed = schedule.earliestSend(Experiment.timing(campaign.config(), lead.id(), due.stepIndex()), lead, due.stepIndex(), now);
      if (allowed.isAfter(now)) {
        return defer(due, campaign, now, allowed, "outside the send window");
      }
      // A paused mailbox sends nothing: its messages wait and are looked at again later.
      String pausedFor = mailboxPauseReason(campaign.config().from().address(), now);
      if (pausedFor != null) {
        log.info("message {} deferred: mailbox {} is paused ({})", due.id(), campaign.config().from().address(),
            pausedFor);
        return defer(due, campaign, now, now.plus(MAILBOX_PAUSE_RECHECK), "mailbox paused");
      }
      // A reached send limit defers the message to the next moment every limit allows; it never drops it.
      Instant capped = ledger.nextAllowed(campaign.config().from().address(), domainOf(lead.email()), now);
      if (capped.isAfter(now)) {
        return defer(due, campaign, now, capped, "send limit reached");
      }
      // The provider's rate: wait up to the limiter's timeout for a permit, else try again a period later.
      RateLimiter limiter = providerLimiters.getOrDefault(campaign.config().from().address(), providerLimiter);
      if (limiter != null && !limiter.acquirePermission()) {
        return defer(due, campaign, now, now.plus(limiter.getRateLimiterConfig().getLimitRefreshPeriod()),
            "provider rate limit reached");
      }
      String messageId =
          due.messageId() != null
              ? due.messageId()
              : "<" + UUID.randomUUID() + "@" + campaign.config().from().domain() + ">";
      CampaignMessage sending = due.withSending(messageId);
      // The Message-ID is stored before the send, and only while this instance still holds the claim: a
      // crash after this leaves the message SENDING, and a SENDING message is never picked up again.
      store.commit(StoreChanges.builder().expectClaim(due.id(), instanceId).message(sending).build());
      inFlight.add(sending.id());
      try {
        return deliver(campaign, lead, sending, all);
      } finally {
        inFlight.remove(sending.id());
      }
    } catch (ConcurrentUpdateException e) {
      log.debug("message {} skipped: {}", due.id(), e.getMessage());
      return SendResult.NOT_SENT;
    }
  }

  private SendResult deliver(
      Campaign campaign, Lead lead, CampaignMessage sending, List<CampaignMessage> all) {
    List<String> thread = new ArrayList<>();
    for (CampaignMessage earlier : all) {
      if (earlier.stepIndex() < sending.stepIndex() && earlier.messageId() != null) {
        thread.add(earlier.messageId());
      }
    }
    OutgoingEmail email =
        new OutgoingEmail(campaign.config().from(), lead.email(), sending.subject(), sending.textBody(),
            sending.htmlBody(), Objects.requireNonNull(sending.messageId()),
            thread.isEmpty() ? null : thread.get(thread.size() - 1), thread, Map.of(),
            sending.stepIndex() == 0 ? null : firstSubject(all, sending), campaign.id());
    if (linkTracker != null) {
      email = linkTracker.track(email, sending);
    }
    SendReceipt receipt;
    try {
      receipt = sender.send(email);
    } catch (SendException e) {
      return failed(campaign, lead, sending, e.getMessage(), e.isTransient(), e.replyCode());
    } catch (RuntimeException e) {
      // A sender that throws unchecked failed before or during the hand-over; treat it as passing.
      log.warn("sender threw for message {}", sending.id(), e);
      return failed(campaign, lead, sending, e.toString(), true, 0);
    }
    Instant sentAt = clock.instant();
    CampaignMessage sent = sending.withSent(sentAt, receipt.providerResponse());
    // First the fact of the send, which no concurrent campaign change can refuse...
    StoreChanges.Builder changes = StoreChanges.builder().message(sent);
    List<CampaignEvent> events = new ArrayList<>();
    events.add(event(EventType.MESSAGE_SENT, sentAt, campaign, sent,
        Map.of("step", sent.type().name(), "messageId", Objects.requireNonNull(sent.messageId()))));
    // ...with the next step's send time (the campaign may have been paused or ended meanwhile).
    Campaign current = store.findCampaign(campaign.id()).orElse(campaign);
    CampaignMessage next =
        all.stream().filter(m -> m.stepIndex() == sending.stepIndex() + 1).findFirst().orElse(null);
    Instant at = null;
    if (next != null && next.status() == DeliveryStatus.PENDING && current.status().isOpen()) {
      try {
        at = schedule.nextSend(Experiment.timing(current.config(), lead.id(), next.stepIndex()), lead, next.stepIndex(), sentAt);
      } catch (RuntimeException e) {
        // The send happened and must be recorded whatever the schedule says; the next step waits for a
        // person, who is told.
        log.error("campaign {}: step {} could not be scheduled", current.id(), next.stepIndex() + 1, e);
        events.add(event(EventType.ALERT_RAISED, sentAt, current, next,
            Map.of("reason", "next step could not be scheduled: " + e.getMessage())));
      }
    }
    if (at != null && next != null) {
      CampaignMessage scheduled =
          current.status() == CampaignStatus.ACTIVE
              ? next.withScheduled(at)
              : new CampaignMessage(next.id(), next.campaignId(), next.leadId(), next.stepIndex(),
                  next.type(), next.subject(), next.textBody(), next.htmlBody(), DeliveryStatus.PENDING,
                  at, null, null, 0, null, null);
      changes.message(scheduled);
      events.add(event(EventType.MESSAGE_SCHEDULED, sentAt, current, scheduled,
          Map.of("step", scheduled.type().name(), "scheduledAt", at.toString())));
    }
    events.forEach(changes::event);
    commitAndPublish(changes, events);
    log.debug("message {} sent: step {}, Message-ID {}", sent.id(), sent.type(), sent.messageId());
    ledger.record(campaign.config().from().address(), domainOf(lead.email()), sentAt);
    // With LinkedIn as the fallback channel the campaign stays open for its connection note.
    if (next == null && (linkedIn == null || !linkedIn.afterLastEmail(campaign, lead, sentAt))) {
      completeIfActive(campaign.id(), sentAt);
    }
    return SendResult.SENT;
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

  /** Marks a campaign whose last step went out COMPLETED, unless it moved on meanwhile. */
  private void completeIfActive(String campaignId, Instant at) {
    for (int attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
      Campaign current = store.findCampaign(campaignId).orElse(null);
      if (current == null || current.status() != CampaignStatus.ACTIVE) {
        return;
      }
      Campaign completed = current.transitionTo(CampaignStatus.COMPLETED, "all steps sent", at);
      CampaignEvent done = event(EventType.CAMPAIGN_COMPLETED, at, completed, null, Map.of());
      try {
        commitAndPublish(StoreChanges.builder().campaign(completed).event(done), List.of(done));
        return;
      } catch (ConcurrentUpdateException e) {
        log.debug("campaign {} changed while completing; reading it again", campaignId);
      }
    }
    log.warn("campaign {} could not be marked COMPLETED after {} attempts", campaignId, MAX_OPTIMISTIC_RETRIES);
  }

  private SendResult failed(
      Campaign campaign, Lead lead, CampaignMessage sending, @Nullable String error, boolean transientFailure,
      int replyCode) {
    Instant now = clock.instant();
    String reason = error == null ? "send failed" : error;
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    CampaignConfig cfg = campaign.config();
    if (transientFailure && sending.attempts() < cfg.maxAttempts()) {
      Duration wait = retryIntervals != null
          ? Duration.ofMillis(Math.max(0L, retryIntervals.apply(sending.attempts())))
          : cfg.retryBackoff().multipliedBy(1L << Math.min(sending.attempts() - 1, 20));
      Instant retryAt = now.plus(wait);
      CampaignMessage retry = sending.withRetry(retryAt, reason);
      changes.message(retry);
      events.add(event(EventType.MESSAGE_RETRY_SCHEDULED, now, campaign, retry,
          Map.of("error", reason, "attempt", String.valueOf(sending.attempts()),
              "retryAt", retryAt.toString())));
      events.forEach(changes::event);
      commitAndPublish(changes, events);
      return SendResult.RETRYING;
    }
    if (transientFailure && deadLetterQueue) {
      return deadLettered(campaign, sending, reason, now);
    }
    CampaignMessage failedMessage = sending.withFailed(reason);
    changes.message(failedMessage);
    events.add(event(EventType.MESSAGE_FAILED, now, campaign, failedMessage,
        Map.of("error", reason, "attempts", String.valueOf(sending.attempts()),
            "permanent", String.valueOf(!transientFailure))));
    if (!transientFailure && replyCode >= 500 && replyCode < 600) {
      // The server refused during the send: a synchronous bounce, never retried.
      events.add(event(EventType.MESSAGE_BOUNCED, now, campaign, failedMessage,
          Map.of("error", reason, "replyCode", String.valueOf(replyCode))));
    }
    // 550/551/553 refuse the mailbox itself: the address must not be tried again.
    if (!transientFailure && (replyCode == 550 || replyCode == 551 || replyCode == 553)) {
      suppress(lead.email(), "BOUNCE_HARD", now, campaign, changes, events);
    }
    Campaign current = store.findCampaign(campaign.id()).orElse(campaign);
    String why =
        transientFailure
            ? "delivery failed after " + sending.attempts() + " attempts: " + reason
            : "delivery refused: " + reason;
    if (current.status().canTransitionTo(CampaignStatus.STOPPED)) {
      end(current, CampaignStatus.STOPPED, why, now, changes, events);
    } else {
      events.forEach(changes::event);
      commitAndPublish(changes, events);
    }
    return SendResult.FAILED;
  }

  /**
   * Sets a message whose every attempt failed aside: DEAD_LETTERED with its reason, written only while
   * this instance still holds the claim it sent under. Its campaign stays active, waiting on it.
   */
  private SendResult deadLettered(Campaign campaign, CampaignMessage sending, String reason, Instant now) {
    CampaignMessage dead = new CampaignMessage(sending.id(), sending.campaignId(), sending.leadId(),
        sending.stepIndex(), sending.type(), sending.subject(), sending.textBody(), sending.htmlBody(),
        DeliveryStatus.DEAD_LETTERED, sending.scheduledAt(), null, sending.messageId(), sending.attempts(),
        reason, sending.providerResponse());
    CampaignEvent e = event(EventType.MESSAGE_DEAD_LETTERED, now, campaign, dead,
        Map.of("error", reason, "attempts", String.valueOf(sending.attempts())));
    commitAndPublish(StoreChanges.builder().message(dead).event(e), List.of(e));
    log.warn("message {} dead-lettered after {} attempts: {}", sending.id(), sending.attempts(), reason);
    return SendResult.FAILED;
  }

  // ------------------------------------------------------------------------------------------------
  // Dead letters and uncertain sends

  /**
   * Up to {@code limit} dead-lettered messages ({@link DeliveryStatus#DEAD_LETTERED}, only when {@link
   * Builder#deadLetterQueue(boolean)} is on), ordered by message id, after {@code afterId} (null: from the
   * first). Each carries its reason in {@link CampaignMessage#lastError()}.
   */
  public List<CampaignMessage> deadLetters(@Nullable String afterId, int limit) {
    return store.findMessagesByStatus(DeliveryStatus.DEAD_LETTERED, afterId, checkLimit(limit));
  }

  /**
   * Schedules a dead letter again, due now and with its attempts counted afresh; the next {@link #runDue()}
   * delivers it (once: it is claimed like any due message) under the same Message-ID, and its campaign goes
   * on from there.
   *
   * @param messageId the Message-ID the dead letter was sent under, as listed by {@link #deadLetters}
   * @return the message as scheduled
   * @throws InvalidInputException when no message was sent under that Message-ID
   * @throws IllegalStateException when the message is not dead-lettered, or its campaign is not active
   *     (resume a paused campaign first; an ended one is not sent to)
   */
  public CampaignMessage replayDeadLetter(String messageId) {
    return reschedule(messageId, DeliveryStatus.DEAD_LETTERED, "replayed from the dead-letter queue");
  }

  /**
   * Up to {@code limit} uncertain messages, ordered by message id, after {@code afterId}: messages left
   * {@link DeliveryStatus#SENDING} by a crash between the server's acceptance and the record, which are
   * never sent again by themselves. Messages this instance is sending at this moment are left out; with
   * several instances sharing the store, one another instance is handing over right now (for at most the
   * sender's timeouts) may be listed too, so review an entry only once it stays listed.
   */
  public List<CampaignMessage> uncertainMessages(@Nullable String afterId, int limit) {
    List<CampaignMessage> result = new ArrayList<>();
    for (CampaignMessage m : store.findMessagesByStatus(DeliveryStatus.SENDING, afterId, checkLimit(limit))) {
      if (!inFlight.contains(m.id())) {
        result.add(m);
      }
    }
    return result;
  }

  /**
   * Sends an uncertain message again after a person checked the lead did not get it: scheduled now, under
   * the same Message-ID. Allowed only with {@link UncertainPolicy#RESEND_AFTER_REVIEW}.
   *
   * @param messageId the Message-ID of the uncertain message, as listed by {@link #uncertainMessages}
   * @return the message as scheduled
   * @throws IllegalStateException when the policy is {@link UncertainPolicy#NEVER_RESEND}, the message is
   *     not uncertain, or its campaign is not active
   * @throws InvalidInputException when no message was sent under that Message-ID
   */
  public CampaignMessage resendUncertain(String messageId) {
    if (uncertainPolicy == UncertainPolicy.NEVER_RESEND) {
      throw new IllegalStateException("uncertain messages are never resent (UncertainPolicy.NEVER_RESEND);"
          + " build the engine with UncertainPolicy.RESEND_AFTER_REVIEW to allow it");
    }
    CampaignMessage m = store.findMessageByMessageId(messageId == null ? "" : messageId.strip()).orElse(null);
    if (m != null && inFlight.contains(m.id())) {
      throw new IllegalStateException("message " + messageId + " is being sent right now");
    }
    return reschedule(messageId, DeliveryStatus.SENDING, "uncertain send resent after review");
  }

  private CampaignMessage reschedule(String messageId, DeliveryStatus expected, String reason) {
    if (messageId == null || messageId.isBlank()) {
      throw InvalidInputException.of("message", "messageId", "is required");
    }
    CampaignMessage m = store.findMessageByMessageId(messageId.strip()).orElseThrow(() ->
        InvalidInputException.of("message", "messageId", "no message was sent under " + messageId.strip()));
    if (m.status() != expected) {
      throw new IllegalStateException("message " + m.messageId() + " is " + m.status() + ", not " + expected);
    }
    Campaign campaign = requireCampaign(m.campaignId());
    if (campaign.status() != CampaignStatus.ACTIVE) {
      throw new IllegalStateException("campaign '" + campaign.id() + "' is " + campaign.status()
          + "; only an active campaign's message is sent (resume it first)");
    }
    Instant now = clock.instant();
    CampaignMessage scheduled = new CampaignMessage(m.id(), m.campaignId(), m.leadId(), m.stepIndex(), m.type(),
        m.subject(), m.textBody(), m.htmlBody(), DeliveryStatus.SCHEDULED, now, null, m.messageId(), 0,
        m.lastError(), m.providerResponse());
    CampaignEvent e = event(EventType.MESSAGE_REPLAYED, now, campaign, scheduled,
        Map.of("from", expected.name(), "reason", reason));
    commitAndPublish(StoreChanges.builder().message(scheduled).event(e), List.of(e));
    return scheduled;
  }

  /**
   * The send queue now: messages per state and the oldest due message's age (from the store), and each
   * sending mailbox's recent sends against its {@link SendLimits} (from the engine's {@link SendLog}).
   */
  public QueueStatus queueStatus() {
    Instant now = clock.instant();
    QueueCounts counts = store.countQueue(now);
    Duration oldest = counts.oldestDueAt() == null ? null : Duration.between(counts.oldestDueAt(), now);
    return new QueueStatus(now, counts, oldest,
        ledger.usage(now, mailboxes.stream().map(Mailbox::address).toList()));
  }

  private static int checkLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw InvalidInputException.of("page", "limit", limit + " is not between 1 and 10000");
    }
    return limit;
  }

  // ------------------------------------------------------------------------------------------------
  // Operator actions

  /**
   * Pauses an active campaign until {@link #resume(String)} is called: nothing of it is sent meanwhile.
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalTransitionException when the campaign is not active
   */
  public Campaign pause(String campaignId, String reason) {
    return changeCampaign(campaignId, c -> {
      Instant now = clock.instant();
      Campaign paused = c.pausedUntil(null, reason, now);
      return pauseChanges(paused, now, reason);
    });
  }

  /**
   * Resumes a paused campaign: its next step goes out when due, or, if it fell due meanwhile, at the next
   * moment the schedule allows from now (with the default schedule: at once inside the lead's send window,
   * else in the next window); later steps keep their spacing from its actual send.
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalTransitionException when the campaign is not paused
   */
  public Campaign resume(String campaignId) {
    Campaign c = requireCampaign(campaignId);
    if (c.status() == CampaignStatus.HELD) {
      return approve(campaignId);
    }
    return resumeCampaign(c, "resumed");
  }

  /**
   * Approves a campaign held for review ({@link CampaignStatus#HELD}): it becomes active and its first step
   * is scheduled as at enrolment. The held copy is sent as it was stored (edit the messages in the store
   * first if a person rewrote them).
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalStateException when the campaign is not held
   */
  public Campaign approve(String campaignId) {
    return changeCampaign(campaignId, c -> {
      if (c.status() != CampaignStatus.HELD) {
        throw new IllegalStateException("campaign '" + c.id() + "' is " + c.status()
            + ", not HELD: only a campaign held for review can be approved");
      }
      Instant now = clock.instant();
      Campaign active = c.transitionTo(CampaignStatus.ACTIVE, "approved after review", now);
      StoreChanges.Builder changes = StoreChanges.builder().campaign(active);
      List<CampaignEvent> events = new ArrayList<>();
      events.add(event(EventType.CAMPAIGN_APPROVED, now, active, null, Map.of("reason", "approved after review")));
      Lead lead = store.findLead(c.leadId()).orElse(null);
      for (CampaignMessage m : store.findMessages(c.id())) {
        if (m.stepIndex() == 0 && m.status() == DeliveryStatus.PENDING && lead != null) {
          Instant at = schedule.firstSend(Experiment.timing(c.config(), lead.id(), 0), lead, 0, now);
          CampaignMessage scheduled = m.withScheduled(at);
          changes.message(scheduled);
          events.add(event(EventType.MESSAGE_SCHEDULED, now, active, scheduled,
              Map.of("step", m.type().name(), "scheduledAt", at.toString())));
        }
      }
      return new Change(active, changes, events);
    });
  }

  /**
   * Stops a campaign for good; its outstanding messages are cancelled.
   *
   * @throws InvalidInputException when there is no such campaign
   * @throws IllegalTransitionException when the campaign already ended
   */
  public Campaign stop(String campaignId, String reason) {
    return changeCampaign(campaignId, c -> {
      Instant now = clock.instant();
      StoreChanges.Builder changes = StoreChanges.builder();
      List<CampaignEvent> events = new ArrayList<>();
      Campaign stopped = endChanges(c, CampaignStatus.STOPPED, reason, now, changes, events);
      return new Change(stopped, changes, events);
    });
  }

  private Campaign resumeCampaign(Campaign start, String reason) {
    return changeCampaign(start.id(), c -> {
      Instant now = clock.instant();
      Campaign active = c.transitionTo(CampaignStatus.ACTIVE, reason, now);
      StoreChanges.Builder changes = StoreChanges.builder().campaign(active);
      List<CampaignEvent> events = new ArrayList<>();
      events.add(event(EventType.CAMPAIGN_RESUMED, now, active, null, Map.of("reason", reason)));
      Lead lead = store.findLead(c.leadId()).orElse(null);
      for (CampaignMessage m : store.findMessages(c.id())) {
        if (m.status() == DeliveryStatus.PENDING && m.scheduledAt() != null) {
          Instant at = m.scheduledAt().isBefore(now) ? now : m.scheduledAt();
          if (lead != null) {
            // The next step goes in the next allowed window from the resume time; the later steps are
            // scheduled from its actual send, so they keep their spacing.
            at = schedule.earliestSend(Experiment.timing(c.config(), lead.id(), m.stepIndex()), lead, m.stepIndex(), at);
          }
          CampaignMessage scheduled = m.withScheduled(at);
          changes.message(scheduled);
          events.add(event(EventType.MESSAGE_SCHEDULED, now, active, scheduled,
              Map.of("step", m.type().name(), "scheduledAt", at.toString())));
        }
      }
      return new Change(active, changes, events);
    });
  }

  private Change pauseChanges(Campaign paused, Instant now, String reason) {
    StoreChanges.Builder changes = StoreChanges.builder().campaign(paused);
    List<CampaignEvent> events = new ArrayList<>();
    Map<String, String> attributes = new java.util.LinkedHashMap<>();
    attributes.put("reason", reason);
    if (paused.resumeAt() != null) {
      attributes.put("resumeAt", paused.resumeAt().toString());
    }
    events.add(event(EventType.CAMPAIGN_PAUSED, now, paused, null, attributes));
    for (CampaignMessage m : store.findMessages(paused.id())) {
      if (m.status() == DeliveryStatus.SCHEDULED) {
        changes.message(m.withStatus(DeliveryStatus.PENDING));
      }
    }
    return new Change(paused, changes, events);
  }

  private record Change(Campaign campaign, StoreChanges.Builder changes, List<CampaignEvent> events) {}

  private Campaign changeCampaign(String campaignId, java.util.function.Function<Campaign, Change> change) {
    ConcurrentUpdateException last = null;
    for (int attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
      Campaign current = requireCampaign(campaignId);
      Change c = change.apply(current);
      c.events().forEach(c.changes()::event);
      try {
        commitAndPublish(c.changes(), c.events());
        return c.campaign();
      } catch (ConcurrentUpdateException e) {
        last = e;
      }
    }
    throw Objects.requireNonNull(last);
  }

  private Campaign requireCampaign(String campaignId) {
    if (campaignId == null || campaignId.isBlank()) {
      throw InvalidInputException.of("campaign", "campaignId", "is required");
    }
    return store.findCampaign(campaignId)
        .orElseThrow(() -> InvalidInputException.of("campaign", "campaignId",
            "no campaign '" + campaignId + "'"));
  }

  /** Ends a campaign (if it is not final already) and commits it with the given changes. */
  private void end(Campaign c, CampaignStatus target, String reason, Instant now,
      StoreChanges.Builder changes, List<CampaignEvent> events) {
    endChanges(c, target, reason, now, changes, events);
    events.forEach(changes::event);
    commitAndPublish(changes, events);
  }

  private Campaign endChanges(Campaign c, CampaignStatus target, String reason, Instant now,
      StoreChanges.Builder changes, List<CampaignEvent> events) {
    Campaign ended = c;
    if (c.status() != target) {
      ended = c.transitionTo(target, reason, now);
      changes.campaign(ended);
      EventType type =
          target == CampaignStatus.RESPONDED ? EventType.CAMPAIGN_RESPONDED : EventType.CAMPAIGN_STOPPED;
      events.add(event(type, now, ended, null, Map.of("reason", reason)));
    }
    for (CampaignMessage m : store.findMessages(c.id())) {
      if (m.status().isOutstanding()) {
        CampaignMessage cancelled = m.withStatus(DeliveryStatus.CANCELLED);
        changes.message(cancelled);
        events.add(event(EventType.MESSAGE_CANCELLED, now, ended, cancelled,
            Map.of("step", m.type().name(), "reason", reason)));
      }
    }
    return ended;
  }

  private void suppress(String email, String reason, Instant now, @Nullable Campaign campaign,
      StoreChanges.Builder changes, List<CampaignEvent> events) {
    if (store.isSuppressed(email)) {
      return;
    }
    changes.suppression(new Suppression(email, reason, now));
    events.add(new CampaignEvent(ids.get(), EventType.ADDRESS_SUPPRESSED, now,
        campaign == null ? null : campaign.id(), campaign == null ? null : campaign.leadId(), null,
        Map.of("email", email, "reason", reason)));
  }

  // ------------------------------------------------------------------------------------------------
  // Replies

  /**
   * Reads every mail the {@link ReplySource} has and {@link #receive(InboundReply) receives} each. One
   * mail that cannot be handled is logged and does not stop the others.
   *
   * @return the outcomes, in arrival order
   * @throws IllegalStateException when the engine was built without a reply source
   */
  public List<ReplyOutcome> pollReplies() {
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

  /**
   * Takes one incoming mail: stores it, matches it to its campaign (by {@code In-Reply-To} and {@code
   * References}, then Message-IDs quoted in the text as bounces carry them, then the sender's address or a
   * bounce's failed recipient, preferring the campaign whose thread subject the mail carries), categorises
   * it (a verdict below the policy's sensitivity becomes NEEDS_REVIEW) and acts as the {@link ReplyPolicy}
   * says: by default a person's answer ends the remaining steps (RESPONDED), a decline, opt-out, complaint
   * or hard bounce also suppresses the address, an out-of-office pauses the campaign until the business day
   * after the return date. Unmatched mail is stored as unmatched. A mail already received (same Message-ID)
   * is not acted on twice.
   */
  public ReplyOutcome receive(InboundReply reply) {
    Objects.requireNonNull(reply, "reply");
    String replyId = reply.messageId() != null ? reply.messageId() : contentId(reply);
    var existing = store.findReply(replyId);
    if (existing.isPresent() && existing.get().category() != null) {
      return new ReplyOutcome(replyId, true, existing.get().campaignId(), null, "already received");
    }
    Instant now = clock.instant();
    if (existing.isEmpty()) {
      // Stored before anything is done with it. A stored mail without a category was interrupted before
      // it was acted on; receiving it again finishes the work.
      CampaignEvent received = new CampaignEvent(ids.get(), EventType.REPLY_RECEIVED, now, null, null, null,
          Map.of("replyId", replyId, "from", reply.from(), "source", reply.source()));
      store.commit(StoreChanges.builder().reply(new StoredReply(replyId, reply, null, null, ""))
          .event(received).build());
      publish(List.of(received));
    }
    ReplyClassification classification;
    try {
      classification = Objects.requireNonNull(classifier.classify(reply), "classifier returned null");
    } catch (RuntimeException e) {
      log.warn("classifier failed on reply {}; kept for review", replyId, e);
      classification = new ReplyClassification(ReplyCategory.NEEDS_REVIEW, null,
          "classifier failed: " + e.getClass().getSimpleName());
    }
    classification = replyPolicy.review(classification);
    ConcurrentUpdateException conflict = null;
    try {
      for (int attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
        try {
          return act(replyId, reply, classification, now);
        } catch (ConcurrentUpdateException e) {
          conflict = e; // the campaign changed meanwhile (a send, an operator): read it again
        }
      }
    } finally {
      clearLogContext();
    }
    throw Objects.requireNonNull(conflict);
  }

  private ReplyOutcome act(String replyId, InboundReply reply, ReplyClassification classification, Instant now) {
    CampaignMessage answered = matchMessage(reply);
    Campaign campaign =
        answered == null ? matchByAddress(reply) : store.findCampaign(answered.campaignId()).orElse(null);
    ReplyCategory category = classification.category();
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    putLogContext(campaign == null ? null : campaign.id(), campaign == null ? null : campaign.leadId(),
        answered == null ? null : answered.id());
    String action =
        campaign == null ? "unmatched" : act(campaign, answered, classification, now, changes, events);
    changes.reply(new StoredReply(replyId, reply, campaign == null ? null : campaign.id(), category, action));
    Map<String, String> attributes = new java.util.LinkedHashMap<>();
    attributes.put("replyId", replyId);
    attributes.put("category", category.name());
    attributes.put("action", action);
    attributes.put("evidence", classification.evidence());
    attributes.put("confidence", String.valueOf(classification.confidence()));
    attributes.put("receivedAt", reply.receivedAt().toString());
    if (campaign != null) {
      attributes.put("step", answered != null ? answered.type().name() : lastSentStep(campaign));
    }
    if (classification.returnDate() != null) {
      attributes.put("returnDate", classification.returnDate().toString());
    }
    events.add(0, new CampaignEvent(ids.get(), EventType.REPLY_CLASSIFIED, now,
        campaign == null ? null : campaign.id(), campaign == null ? null : campaign.leadId(),
        answered == null ? null : answered.id(), attributes));
    events.forEach(changes::event);
    commitAndPublish(changes, events);
    if (campaign != null && category.isFromPerson() && replyPolicy.companyWideStop()) {
      action = action + pauseCompanyCampaigns(campaign, reply, now);
    }
    log.info("reply {} from {}: {} -> {}", replyId, reply.from(), category, action);
    return new ReplyOutcome(replyId, false, campaign == null ? null : campaign.id(), category, action);
  }

  private String act(Campaign campaign, @Nullable CampaignMessage answered, ReplyClassification classification,
      Instant now, StoreChanges.Builder changes, List<CampaignEvent> events) {
    ReplyCategory category = classification.category();
    String step = answered == null ? lastSentStep(campaign) : answered.type().name();
    ReplyPolicy.Action rule = replyPolicy.action(category);
    List<String> done = new ArrayList<>();
    Lead lead = store.findLead(campaign.leadId()).orElse(null);
    if (rule.suppress() && lead != null && !store.isSuppressed(lead.email())) {
      suppress(lead.email(), category.name(), now, campaign, changes, events);
      done.add("address suppressed");
    }
    if (rule.flagLead()) {
      events.add(event(EventType.LEAD_FLAGGED, now, campaign, answered,
          Map.of("category", category.name(), "step", step, "reason", classification.evidence())));
      done.add("lead flagged");
    }
    if (rule.alert()) {
      events.add(event(EventType.ALERT_RAISED, now, campaign, answered,
          Map.of("category", category.name(), "step", step, "reason", classification.evidence())));
      done.add("alert raised");
    }
    String effect =
        switch (rule.effect()) {
          case RESPOND -> {
            if (!campaign.status().canTransitionTo(CampaignStatus.RESPONDED)) {
              yield "no change (campaign " + campaign.status() + ")";
            }
            Campaign responded = campaign.transitionTo(CampaignStatus.RESPONDED, "reply: " + category, now);
            changes.campaign(responded);
            events.add(event(EventType.CAMPAIGN_RESPONDED, now, responded, answered,
                Map.of("category", category.name(), "step", step, "respondedAt", now.toString())));
            endChanges(responded, CampaignStatus.RESPONDED, "reply: " + category, now, changes, events);
            yield "campaign RESPONDED";
          }
          case STOP -> stopFor(campaign, "reply: " + category, now, changes, events);
          case PAUSE_UNTIL_RETURN -> pauseUntilReturn(campaign, lead, classification, now, changes, events);
          case PAUSE_FOR_REVIEW -> {
            if (campaign.status() != CampaignStatus.ACTIVE) {
              yield "no change (campaign " + campaign.status() + "), kept for review";
            }
            pauseInto(campaign.pausedUntil(null, "reply needs review: " + classification.evidence(), now),
                now, changes, events);
            yield "campaign PAUSED for review";
          }
          case RETRY_LATER -> retryAfterSoftBounce(campaign, answered, now, changes, events);
          case NONE -> "no change";
        };
    done.add(0, effect);
    return String.join(", ", done);
  }

  private String stopFor(Campaign campaign, String reason, Instant now, StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    if (!campaign.status().canTransitionTo(CampaignStatus.STOPPED)) {
      return "no change (campaign " + campaign.status() + ")";
    }
    endChanges(campaign, CampaignStatus.STOPPED, reason, now, changes, events);
    return "campaign STOPPED";
  }

  /** Out of office: paused until the business day after the return date, in the lead's time zone. */
  private String pauseUntilReturn(Campaign campaign, @Nullable Lead lead, ReplyClassification classification,
      Instant now, StoreChanges.Builder changes, List<CampaignEvent> events) {
    if (campaign.status() != CampaignStatus.ACTIVE) {
      return "no change (campaign " + campaign.status() + ")";
    }
    java.time.LocalDate back = classification.returnDate();
    Instant resumeAt;
    String reason;
    if (back != null) {
      java.time.ZoneId zone = lead != null && lead.timezone() != null ? lead.timezone() : ZoneOffset.UTC;
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

  private void pauseInto(Campaign paused, Instant now, StoreChanges.Builder changes, List<CampaignEvent> events) {
    Change change = pauseChanges(paused, now, paused.statusReason());
    changes.campaign(paused);
    change.changes().build().messages().forEach(changes::message);
    events.addAll(change.events());
  }

  /**
   * A soft bounce: the bounced step (or the last one sent) goes out again after the retry delay, the later
   * steps wait for it; the campaign stops at the policy's limit. Soft bounces are counted from the stored
   * {@link EventType#REPLY_CLASSIFIED} events of the campaign.
   */
  private String retryAfterSoftBounce(Campaign campaign, @Nullable CampaignMessage answered, Instant now,
      StoreChanges.Builder changes, List<CampaignEvent> events) {
    long earlier = store.findEvents(campaign.id()).stream()
        .filter(e -> e.type() == EventType.REPLY_CLASSIFIED)
        .filter(e -> ReplyCategory.BOUNCE_SOFT.name().equals(e.attributes().get("category")))
        .count();
    long count = earlier + 1;
    if (count >= replyPolicy.maxSoftBounces()) {
      return stopFor(campaign, "soft bounce " + count + " of " + replyPolicy.maxSoftBounces(), now, changes,
          events) + " after " + count + " soft bounces";
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
    events.add(event(EventType.MESSAGE_RETRY_SCHEDULED, now, campaign, retry,
        Map.of("error", "soft bounce", "attempt", String.valueOf(count), "retryAt", retryAt.toString())));
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
  private String pauseCompanyCampaigns(Campaign answeredCampaign, InboundReply reply, Instant now) {
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
            pause(c.id(), "company-wide stop: reply from " + reply.from());
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

  private @Nullable CampaignMessage matchMessage(InboundReply reply) {
    Set<String> candidates = new LinkedHashSet<>();
    if (reply.inReplyTo() != null) {
      candidates.add(reply.inReplyTo().strip());
    }
    List<String> refs = new ArrayList<>(reply.references());
    java.util.Collections.reverse(refs);
    refs.forEach(r -> candidates.add(r.strip()));
    String original = reply.header(InboundReply.DSN_ORIGINAL_MESSAGE_ID);
    if (original != null) {
      candidates.add(original.strip());
    }
    Matcher m = MESSAGE_ID_IN_TEXT.matcher(reply.text());
    while (m.find() && candidates.size() < 50) {
      candidates.add(m.group());
    }
    for (String id : candidates) {
      var found = store.findMessageByMessageId(id);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return null;
  }

  private @Nullable Campaign matchByAddress(InboundReply reply) {
    // A bounce comes from the mail system, not the lead: its report names the address that failed.
    String address = reply.header(InboundReply.DSN_FINAL_RECIPIENT);
    if (address == null || address.isBlank()) {
      address = reply.from();
    }
    address = address.strip().toLowerCase(java.util.Locale.ROOT);
    if (address.isEmpty()) {
      return null;
    }
    String thread = threadSubject(reply.subject());
    Campaign best = null;
    boolean bestSubject = false;
    for (Lead lead : store.findLeadsByEmail(address)) {
      for (Campaign c : store.findCampaignsByLead(lead.id())) {
        // Prefer the campaign whose thread subject the mail carries, then an open one, then the newest.
        boolean subject = !thread.isEmpty() && store.findMessages(c.id()).stream()
            .anyMatch(m -> m.status() == DeliveryStatus.SENT && threadSubject(m.subject()).equals(thread));
        if (best == null
            || (subject && !bestSubject)
            || (subject == bestSubject && c.status().isOpen() && !best.status().isOpen())
            || (subject == bestSubject && c.status().isOpen() == best.status().isOpen()
                && c.createdAt().isAfter(best.createdAt()))) {
          best = c;
          bestSubject = subject;
        }
      }
    }
    return best;
  }

  private static final Pattern REPLY_PREFIX =
      Pattern.compile("^\\s*((re|aw|antw|sv|vs|tr|rif|r|res|fw|fwd|wg|enc|rv)\\s*(\\[\\d+\\])?\\s*:\\s*)+",
          Pattern.CASE_INSENSITIVE);

  /** A subject without its reply and forward prefixes ({@code Re:}, {@code AW:}, {@code TR:}, ...). */
  static String threadSubject(String subject) {
    return REPLY_PREFIX.matcher(subject).replaceFirst("").strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static String contentId(InboundReply reply) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(reply.from(), reply.subject(), reply.text(), reply.receivedAt().toString())) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Operations: paused mailboxes, alerts, log context

  /** How long a message of a paused mailbox waits before it is looked at again. */
  public static final Duration MAILBOX_PAUSE_RECHECK = Duration.ofHours(1);
  /** How often the paused mailboxes are read again from the store (other instances may change them). */
  private static final Duration MAILBOX_PAUSES_REREAD = Duration.ofMinutes(1);
  /** The MDC keys set on every log line about a send or a reply. */
  public static final String MDC_CAMPAIGN_ID = "campaignId";
  /** The MDC key of the lead id. */
  public static final String MDC_LEAD_ID = "leadId";
  /** The MDC key of the message id ({@link CampaignMessage#id()}). */
  public static final String MDC_MESSAGE_ID = "messageId";

  /**
   * Pauses a sending mailbox: from now on no message is sent from {@code address}; due messages of its
   * campaigns are deferred by {@link #MAILBOX_PAUSE_RECHECK} each time they come up, until {@link
   * #resumeMailbox} is called. Stored as a {@link EventType#MAILBOX_PAUSED} event, so it survives a restart
   * and is seen by other instances within a minute. Idempotent.
   *
   * @return true when the mailbox was not paused before
   */
  public boolean pauseMailbox(String address, String reason) {
    String mailbox = mailboxKey(address);
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    readMailboxPauses(now, false);
    if (pausedMailboxes.containsKey(mailbox)) {
      return false;
    }
    CampaignEvent e = new CampaignEvent(ids.get(), EventType.MAILBOX_PAUSED, now, null, null, null,
        Map.of("mailbox", mailbox, "reason", reason));
    commitAndPublish(StoreChanges.builder().event(e), List.of(e));
    pausedMailboxes.put(mailbox, reason);
    log.warn("mailbox {} paused: {}", mailbox, reason);
    return true;
  }

  /**
   * Resumes a mailbox paused by {@link #pauseMailbox}; its deferred messages go out when they next come
   * up (within {@link #MAILBOX_PAUSE_RECHECK}). Idempotent.
   *
   * @return true when the mailbox was paused
   */
  public boolean resumeMailbox(String address, String reason) {
    String mailbox = mailboxKey(address);
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    readMailboxPauses(now, false);
    if (!pausedMailboxes.containsKey(mailbox)) {
      return false;
    }
    CampaignEvent e = new CampaignEvent(ids.get(), EventType.MAILBOX_RESUMED, now, null, null, null,
        Map.of("mailbox", mailbox, "reason", reason));
    commitAndPublish(StoreChanges.builder().event(e), List.of(e));
    pausedMailboxes.remove(mailbox);
    log.info("mailbox {} resumed: {}", mailbox, reason);
    return true;
  }

  /** The paused sending mailboxes, address to the reason given, as this instance last read them. */
  public Map<String, String> pausedMailboxes() {
    readMailboxPauses(clock.instant(), false);
    return Map.copyOf(pausedMailboxes);
  }

  /**
   * Stores an {@link EventType#ALERT_RAISED} event not tied to a campaign (attributes {@code rule}, {@code
   * reason} and the given ones) and tells the listeners: how alert rules leave their trace.
   */
  public void recordAlert(String rule, String reason, Map<String, String> attributes) {
    Map<String, String> all = new java.util.LinkedHashMap<>(attributes);
    all.put("rule", Objects.requireNonNull(rule, "rule"));
    all.put("reason", Objects.requireNonNull(reason, "reason"));
    CampaignEvent e = new CampaignEvent(ids.get(), EventType.ALERT_RAISED, clock.instant(), null, null, null, all);
    commitAndPublish(StoreChanges.builder().event(e), List.of(e));
  }

  /** When {@link #pollReplies()} last read the reply source to the end without failing; empty before. */
  public java.util.Optional<Instant> lastReplyPoll() {
    return java.util.Optional.ofNullable(lastReplyPoll);
  }

  /** The engine's clock, for components that judge ages and windows on the same time. */
  public Clock clock() {
    return clock;
  }

  /**
   * Stores an open ({@link EventType#MESSAGE_OPENED}) or a click ({@link EventType#LINK_CLICKED}) of a
   * message as an event on its campaign, lead and message, timed by the engine's clock, then publishes it.
   * Called by {@link com.fourrunr.campaign.tracking.TrackingHandler}; every call stores a new event
   * (duplicates are facts too; reports count unique opens and clicks).
   *
   * @throws InvalidInputException when the type is neither an open nor a click
   */
  public CampaignEvent recordEngagement(EventType type, CampaignMessage message, Map<String, String> attributes) {
    if (type != EventType.MESSAGE_OPENED && type != EventType.LINK_CLICKED) {
      throw InvalidInputException.of("engagement", "type", type + " is neither MESSAGE_OPENED nor LINK_CLICKED");
    }
    CampaignEvent e = new CampaignEvent(ids.get(), type, clock.instant(), message.campaignId(), message.leadId(),
        message.id(), attributes);
    commitAndPublish(StoreChanges.builder().event(e), List.of(e));
    return e;
  }

  /**
   * Unsubscribes an address at once, as an unsubscribe reply does: the address is suppressed (reason {@code
   * UNSUBSCRIBE_REQUEST}, so no campaign sends to it again) and the named campaign, when it is this
   * address's and still running, is STOPPED. Idempotent: an address already suppressed stays as it is.
   *
   * @param email the address to unsubscribe
   * @param campaignId the campaign the link was sent for, or null
   * @param source how it came, for the stop reason, such as {@code one-click}
   * @return whether anything changed
   * @throws InvalidInputException when the address is blank
   */
  public boolean unsubscribe(String email, @Nullable String campaignId, String source) {
    if (email == null || email.isBlank()) {
      throw InvalidInputException.of("unsubscribe", "email", "is required");
    }
    String address = email.strip();
    Instant now = clock.instant();
    Campaign campaign = campaignId == null ? null : store.findCampaign(campaignId).orElse(null);
    Lead lead = campaign == null ? null : store.findLead(campaign.leadId()).orElse(null);
    if (lead == null || !lead.email().equalsIgnoreCase(address)) {
      campaign = null;
    }
    boolean changed = false;
    if (!store.isSuppressed(address)) {
      StoreChanges.Builder changes = StoreChanges.builder();
      List<CampaignEvent> events = new ArrayList<>();
      suppress(address, ReplyCategory.UNSUBSCRIBE_REQUEST.name(), now, campaign, changes, events);
      events.forEach(changes::event);
      commitAndPublish(changes, events);
      changed = true;
    }
    if (campaign != null && campaign.status().canTransitionTo(CampaignStatus.STOPPED)) {
      try {
        stop(campaign.id(), "unsubscribe: " + source);
        changed = true;
      } catch (IllegalTransitionException e) {
        log.debug("campaign {} ended meanwhile", campaign.id());
      }
    }
    return changed;
  }

  private static String mailboxKey(String address) {
    return Objects.requireNonNull(address, "address").strip().toLowerCase(java.util.Locale.ROOT);
  }

  private @Nullable String mailboxPauseReason(String address, Instant now) {
    readMailboxPauses(now, false);
    return pausedMailboxes.get(mailboxKey(address));
  }

  /** Reads the mailbox pauses from the store when never read or last read over a minute ago. */
  private void readMailboxPauses(Instant now, boolean force) {
    Instant readAt = mailboxPausesReadAt;
    if (!force && readAt != null && now.isBefore(readAt.plus(MAILBOX_PAUSES_REREAD))) {
      return;
    }
    Map<String, CampaignEvent> latest = new java.util.HashMap<>();
    for (EventType type : List.of(EventType.MAILBOX_PAUSED, EventType.MAILBOX_RESUMED)) {
      String after = null;
      while (true) {
        List<CampaignEvent> page = store.findEventsByType(type, after, batchSize);
        for (CampaignEvent e : page) {
          // The later of pause and resume wins; a resume at the same instant as a pause wins.
          latest.merge(e.attribute("mailbox"), e, (a, b) -> {
            int byTime = a.occurredAt().compareTo(b.occurredAt());
            if (byTime != 0) {
              return byTime > 0 ? a : b;
            }
            return a.type() == EventType.MAILBOX_RESUMED ? a : b;
          });
        }
        if (page.size() < batchSize) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
    }
    Map<String, String> paused = new java.util.HashMap<>();
    latest.forEach((mailbox, e) -> {
      if (e.type() == EventType.MAILBOX_PAUSED) {
        paused.put(mailbox, e.attribute("reason"));
      }
    });
    pausedMailboxes.keySet().retainAll(paused.keySet());
    pausedMailboxes.putAll(paused);
    mailboxPausesReadAt = now;
  }

  /** Sends one message with its campaign, lead and message ids in the logging MDC. */
  private SendResult sendInContext(CampaignMessage due, Instant now) {
    putLogContext(due.campaignId(), due.leadId(), due.id());
    try {
      return sendOne(due, now);
    } finally {
      clearLogContext();
    }
  }

  private static void putLogContext(@Nullable String campaignId, @Nullable String leadId,
      @Nullable String messageId) {
    if (campaignId != null) {
      MDC.put(MDC_CAMPAIGN_ID, campaignId);
    }
    if (leadId != null) {
      MDC.put(MDC_LEAD_ID, leadId);
    }
    if (messageId != null) {
      MDC.put(MDC_MESSAGE_ID, messageId);
    }
  }

  private static void clearLogContext() {
    MDC.remove(MDC_CAMPAIGN_ID);
    MDC.remove(MDC_LEAD_ID);
    MDC.remove(MDC_MESSAGE_ID);
  }

  // ------------------------------------------------------------------------------------------------

  private CampaignEvent event(EventType type, Instant at, Campaign campaign, @Nullable CampaignMessage message,
      Map<String, String> attributes) {
    Variant variant = message == null
        ? null : Experiment.variantOf(campaign.config().sequence(), message.stepIndex(), campaign.leadId());
    if (variant != null && !attributes.containsKey("variant")) {
      // A/B tests: every event of a message names the lead's variant of its step (see Experiment).
      attributes = new java.util.LinkedHashMap<>(attributes);
      attributes.put("variant", variant.name());
    }
    return new CampaignEvent(ids.get(), type, at, campaign.id(), campaign.leadId(),
        message == null ? null : message.id(), attributes);
  }

  private void commitAndPublish(StoreChanges.Builder changes, List<CampaignEvent> events) {
    store.commit(changes.build());
    publish(events);
  }

  private void publish(List<CampaignEvent> events) {
    for (CampaignEvent e : events) {
      for (CampaignListener listener : listeners) {
        try {
          listener.onEvent(e);
        } catch (RuntimeException ex) {
          log.warn("listener {} failed on event {} {}", listener, e.type(), e.id(), ex);
        }
      }
      if (linkedIn != null) {
        linkedIn.onEvent(e);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Channels (LinkedIn as the fallback)

  /**
   * Records what a person did with a channel task: {@code SENT} (a connection note stays open awaiting
   * ACCEPTED or DECLINED, and its campaign completes), {@code ACCEPTED} (a follow-up task is prepared),
   * {@code REPLIED} (the campaign is RESPONDED, as after an email reply; allowed on an open task and on one
   * already SENT or ACCEPTED), {@code DECLINED}. Records a {@link EventType#CHANNEL_TASK_REPORTED} event and
   * tells the {@link com.fourrunr.campaign.channel.TaskSink}.
   *
   * @return the task as stored
   * @throws InvalidInputException when there is no such task or no outcome is given
   * @throws IllegalStateException when the task cannot take that outcome (waiting, cancelled, done), or
   *     the engine has no LinkedIn channel
   */
  public com.fourrunr.campaign.channel.ChannelTask reportTask(String taskId,
      com.fourrunr.campaign.channel.TaskOutcome outcome) {
    return requireLinkedIn().report(taskId, outcome);
  }

  /**
   * Up to {@code limit} channel tasks in one status, ordered by id, after {@code afterId} (null: from the
   * first): how a host lists the {@link com.fourrunr.campaign.channel.TaskStatus#OPEN open} tasks for its
   * people when the default {@link com.fourrunr.campaign.channel.TaskSink#storeOnly()} is used.
   *
   * @throws IllegalStateException when no task store is available
   */
  public List<com.fourrunr.campaign.channel.ChannelTask> channelTasks(
      com.fourrunr.campaign.channel.TaskStatus status, @Nullable String afterId, int limit) {
    return requireTaskStore().findTasksByStatus(status, afterId, checkLimit(limit));
  }

  /** A campaign's channel tasks, oldest first (none when no task store is available). */
  public List<com.fourrunr.campaign.channel.ChannelTask> channelTasksOf(String campaignId) {
    return taskStore == null ? List.of() : taskStore.findTasksByCampaign(campaignId);
  }

  /**
   * Response rates per channel and step and the lift the LinkedIn fallback adds, computed from the stored
   * events (paged, bounded memory). See {@link com.fourrunr.campaign.channel.ChannelReport}.
   */
  public com.fourrunr.campaign.channel.ChannelReport channelReport() {
    return com.fourrunr.campaign.channel.ChannelReport.compute(store);
  }

  private LinkedInFallback requireLinkedIn() {
    if (linkedIn == null) {
      throw new IllegalStateException("no LinkedIn channel: build the engine with channels(ChannelPlan.email(),"
          + " ChannelPlan.linkedIn()) and a store that keeps channel tasks");
    }
    return linkedIn;
  }

  private com.fourrunr.campaign.channel.ChannelTaskStore requireTaskStore() {
    if (taskStore == null) {
      throw new IllegalStateException("the store keeps no channel tasks (it is no ChannelTaskStore)");
    }
    return taskStore;
  }

  /** A LinkedIn answer: the campaign is RESPONDED as after an email reply, its outstanding work cancelled. */
  private void respondOnChannel(String campaignId, com.fourrunr.campaign.channel.ChannelTask task, Instant at) {
    Campaign found = store.findCampaign(campaignId).orElse(null);
    if (found == null || !found.status().canTransitionTo(CampaignStatus.RESPONDED)) {
      return;
    }
    changeCampaign(campaignId, c -> {
      StoreChanges.Builder changes = StoreChanges.builder();
      List<CampaignEvent> events = new ArrayList<>();
      if (!c.status().canTransitionTo(CampaignStatus.RESPONDED)) {
        return new Change(c, changes, events);
      }
      String reason = "reply on " + task.channel();
      Campaign responded = c.transitionTo(CampaignStatus.RESPONDED, reason, at);
      changes.campaign(responded);
      Map<String, String> attributes = new java.util.LinkedHashMap<>();
      attributes.put("channel", task.channel().name());
      attributes.put("taskKind", task.kind().name());
      attributes.put("taskId", task.id());
      attributes.put("step", task.kind().messageType().name());
      attributes.put("respondedAt", at.toString());
      events.add(event(EventType.CAMPAIGN_RESPONDED, at, responded, null, attributes));
      endChanges(responded, CampaignStatus.RESPONDED, reason, at, changes, events);
      return new Change(responded, changes, events);
    });
  }

  /**
   * Builds a {@link CampaignEngine}. Required: {@link #store}, {@link #sender}, and {@link #from} or {@link
   * #config}. Everything else has a default. {@link #build()} lists every missing or bad setting at once.
   */
  public static final class Builder {
    private @Nullable CampaignStore store;
    private MessageGenerator generator = new TemplateMessageGenerator();
    private @Nullable Sender sender;
    private @Nullable ReplySource replySource;
    private ReplyClassifier classifier = new RuleBasedReplyClassifier();
    private ReplyPolicy replyPolicy = ReplyPolicy.defaults();
    private SendSchedule schedule = BusinessSchedule.create();
    private Clock clock = Clock.systemUTC();
    private @Nullable CampaignConfig config;
    private @Nullable Mailbox from;
    private @Nullable Sequence sequence;
    private @Nullable SchedulePolicy schedulePolicy;
    private final List<CampaignListener> listeners = new ArrayList<>();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxMessagesPerRun = DEFAULT_MAX_MESSAGES_PER_RUN;
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private String instanceId = defaultInstanceId();
    private Duration claimLease = DEFAULT_CLAIM_LEASE;
    private boolean deadLetterQueue;
    private UncertainPolicy uncertainPolicy = UncertainPolicy.NEVER_RESEND;
    private SendLimits sendLimits = SendLimits.NONE;
    private @Nullable IntervalFunction retryIntervals;
    private QueuePriority queuePriority = QueuePriority.FOLLOW_UPS_FIRST;
    private final List<Mailbox> mailboxes = new ArrayList<>();
    private java.util.random.RandomGenerator random = new java.util.Random();
    private final Map<String, RateLimiter> providerLimiters = new java.util.HashMap<>();
    private @Nullable RateLimiter providerLimiter;
    private SendLog sendLog = SendLog.inMemory();
    private @Nullable LinkTracker linkTracker;
    private List<ChannelPlan> channels = List.of(ChannelPlan.email());
    private com.fourrunr.campaign.channel.LinkedInSettings linkedInSettings =
        com.fourrunr.campaign.channel.LinkedInSettings.defaults();
    private com.fourrunr.campaign.channel.TaskSink taskSink = com.fourrunr.campaign.channel.TaskSink.storeOnly();
    private com.fourrunr.campaign.channel.@Nullable ChannelTaskStore taskStore;

    private QualityGates qualityGates = QualityGates.defaults();
    private FallbackPolicy fallback = FallbackPolicy.HOLD;
    private MessageGenerator fallbackGenerator = new TemplateMessageGenerator();

    private Builder() {}

    /**
     * The quality gates every generated message must pass. Default: {@link QualityGates#defaults()}, whose
     * uniqueness window starts empty with the engine. A campaign whose copy fails is created {@link
     * CampaignStatus#HELD} and nothing of it is sent until {@link CampaignEngine#approve approved}.
     */
    public Builder qualityGates(QualityGates qualityGates) {
      this.qualityGates = qualityGates;
      return this;
    }

    /**
     * What happens when the generator fails after its retries or its text fails the gates twice. Default:
     * {@link FallbackPolicy#HOLD} (a generator that wrote nothing skips the lead as GENERATION_FAILED);
     * {@link FallbackPolicy#TEMPLATE} writes the step with the {@link #fallbackGenerator} instead.
     */
    public Builder fallback(FallbackPolicy fallback) {
      this.fallback = fallback;
      return this;
    }

    /** The generator {@link FallbackPolicy#TEMPLATE} uses. Default: {@link TemplateMessageGenerator}. */
    public Builder fallbackGenerator(MessageGenerator fallbackGenerator) {
      this.fallbackGenerator = fallbackGenerator;
      return this;
    }

    private static String defaultInstanceId() {
      String host = System.getenv().getOrDefault("HOSTNAME", "host");
      return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Where everything is kept. Required. */
    public Builder store(CampaignStore store) {
      this.store = store;
      return this;
    }

    /** Writes the messages. Default: {@link TemplateMessageGenerator}, which needs no network. */
    public Builder generator(MessageGenerator generator) {
      this.generator = generator;
      return this;
    }

    /** Delivers the messages. Required. */
    public Builder sender(Sender sender) {
      this.sender = sender;
      return this;
    }

    /** Where replies come from; needed only for {@link CampaignEngine#pollReplies()}. */
    public Builder replySource(ReplySource replySource) {
      this.replySource = replySource;
      return this;
    }

    /** Categorises replies. Default: {@link RuleBasedReplyClassifier}. */
    public Builder classifier(ReplyClassifier classifier) {
      this.classifier = classifier;
      return this;
    }

    /** What each reply category does to its campaign. Default: {@link ReplyPolicy#defaults()}. */
    public Builder replyPolicy(ReplyPolicy replyPolicy) {
      this.replyPolicy = replyPolicy;
      return this;
    }

    /**
     * Decides send times. Default: {@link BusinessSchedule#create()}: the lead's business days, time zone
     * and send window, as B2B outreach is expected to behave; give {@link SendSchedule#calendarDays()} for
     * plain 24-hour days at any hour.
     */
    public Builder schedule(SendSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** The source of all time. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The whole configuration of new campaigns; overrides {@link #from} and {@link #sequence}. */
    public Builder config(CampaignConfig config) {
      this.config = config;
      return this;
    }

    /** The mailbox new campaigns send from (with default retries and the default sequence). */
    public Builder from(Mailbox from) {
      this.from = from;
      return this;
    }

    /** The sequence new campaigns follow. Default: {@link Sequence#hookProofFomo()}. */
    public Builder sequence(Sequence sequence) {
      this.sequence = sequence;
      return this;
    }

    /**
     * When new campaigns may send (window, days, interval unit, holidays, fallback zones). Default: {@link
     * SchedulePolicy#defaults()}. Running campaigns keep the policy they were created with.
     */
    public Builder schedulePolicy(SchedulePolicy schedulePolicy) {
      this.schedulePolicy = schedulePolicy;
      return this;
    }

    /** Adds a listener told of every stored event. */
    public Builder listener(CampaignListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Records per commit during enrolment and messages per query while sending (1 to 10,000). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** At most this many messages per {@link CampaignEngine#runDue()} (at least 1). */
    public Builder maxMessagesPerRun(int maxMessagesPerRun) {
      this.maxMessagesPerRun = maxMessagesPerRun;
      return this;
    }

    /** Makes ids for campaigns, messages and events. Default: random UUIDs. */
    public Builder idGenerator(Supplier<String> ids) {
      this.ids = ids;
      return this;
    }

    /**
     * The name this instance claims due messages under; unique per running instance. Default: host name,
     * process id and a random suffix. Give a name that stays the same across restarts of the same instance
     * (and differs from every other running instance) so that, restarted after a crash, it takes back the
     * messages it had claimed at once instead of after {@link #claimLease(Duration) the lease}.
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    /**
     * How long due messages claimed by this instance stay its own before another instance sharing the store
     * may take them over (when this one died). It must be longer than one batch takes to send plus the
     * largest clock difference between instances. Default {@link #DEFAULT_CLAIM_LEASE}; 1 second to 1 day.
     */
    public Builder claimLease(Duration claimLease) {
      this.claimLease = claimLease;
      return this;
    }

    /**
     * Whether a message whose every attempt failed for passing reasons goes to the dead-letter queue
     * ({@link DeliveryStatus#DEAD_LETTERED}, its campaign kept active and waiting on it, replayable with
     * {@link CampaignEngine#replayDeadLetter}) instead of failing and stopping its campaign. Default false.
     */
    public Builder deadLetterQueue(boolean deadLetterQueue) {
      this.deadLetterQueue = deadLetterQueue;
      return this;
    }

    /**
     * Caps per sending mailbox and per recipient domain; a message that would break one is deferred to the
     * next allowed moment, never dropped. Counted from the {@link #sendLog(SendLog) send log}.
     * Default {@link SendLimits#NONE}.
     */
    public Builder sendLimits(SendLimits sendLimits) {
      this.sendLimits = sendLimits;
      return this;
    }

    /**
     * The wait before each retry of a passing failure, given the number of attempts made so far (1 after
     * the first failure), in milliseconds: for example {@code
     * IntervalFunction.ofExponentialRandomBackoff(Duration.ofMinutes(5), 2.0, 0.5)} for exponential
     * backoff with jitter. Default: none, the campaign's {@link CampaignConfig#retryBackoff()} doubled after
     * each attempt, without jitter. The number of attempts stays {@link CampaignConfig#maxAttempts()}.
     */
    public Builder retryIntervals(IntervalFunction retryIntervals) {
      this.retryIntervals = Objects.requireNonNull(retryIntervals, "retryIntervals");
      return this;
    }

    /**
     * The order due messages are taken in. Default {@link QueuePriority#FOLLOW_UPS_FIRST}: follow-ups of
     * running campaigns before new first messages, then the earliest scheduled first.
     */
    public Builder queuePriority(QueuePriority queuePriority) {
      this.queuePriority = queuePriority;
      return this;
    }

    /**
     * The channels campaigns use, in order, with the wait before each. Default: email only, and a campaign
     * completes after its last email. {@code channels(ChannelPlan.email(), ChannelPlan.linkedIn())} adds
     * LinkedIn as the fallback: {@link ChannelPlan#DEFAULT_LINKEDIN_BUSINESS_DAYS} business days (by the
     * {@link #schedule}) after the last email step went out without an answer, an eligible lead (a LinkedIn
     * URL, no reply, not bounced, not suppressed, not paused) gets a connection-note task; the campaign stays
     * active until the note is reported sent or declined. Email comes first; LinkedIn may follow it once.
     */
    public Builder channels(ChannelPlan... channels) {
      this.channels = channels == null ? null : java.util.Arrays.asList(channels.clone());
      return this;
    }

    /** The LinkedIn accounts and their caps. Default: {@link com.fourrunr.campaign.channel.LinkedInSettings#defaults()}. */
    public Builder linkedIn(com.fourrunr.campaign.channel.LinkedInSettings linkedInSettings) {
      this.linkedInSettings = linkedInSettings;
      return this;
    }

    /** Where channel tasks go out. Default: {@link com.fourrunr.campaign.channel.TaskSink#storeOnly()}. */
    public Builder taskSink(com.fourrunr.campaign.channel.TaskSink taskSink) {
      this.taskSink = taskSink;
      return this;
    }

    /**
     * Several mailboxes to send from: each new campaign is given the next one in turn (round robin in the
     * order given, counted by this engine) and keeps it for all its steps; the {@link SendLimits} mailbox
     * caps apply to each mailbox apart. Replaces {@link #from}; the first one is the configuration's
     * {@link CampaignConfig#from()} when no {@link #config} is given.
     */
    public Builder mailboxes(List<Mailbox> mailboxes) {
      this.mailboxes.clear();
      this.mailboxes.addAll(mailboxes);
      return this;
    }

    /** As {@link #mailboxes(List)}. */
    public Builder mailboxes(Mailbox... mailboxes) {
      return mailboxes(Arrays.asList(mailboxes));
    }

    /**
     * Where the sends {@link SendLimits} count are kept. Default {@link SendLog#inMemory()}: per engine
     * instance, forgotten on restart. Give the database's log ({@code JdbcSendLog}) so the caps hold across
     * restarts and for all the instances sharing it.
     */
    public Builder sendLog(SendLog sendLog) {
      this.sendLog = sendLog;
      return this;
    }

    /**
     * Where random choices come from: the spread of the minimum gap ({@link SendLimits#gapSpread()}). Give
     * a seeded generator for repeatable runs. Default: a new {@link java.util.Random}.
     */
    public Builder random(java.util.random.RandomGenerator random) {
      this.random = random;
      return this;
    }

    /**
     * A resilience4j {@link RateLimiter} every send from any mailbox must get a permit from: the rate of
     * the mail provider. The engine waits for a permit up to the limiter's timeout; without one the message
     * is deferred by the limiter's refresh period, never dropped. Give the same limiter to the mailboxes of
     * one provider with {@link #providerRateLimiter(Mailbox, RateLimiter)}.
     */
    public Builder providerRateLimiter(RateLimiter limiter) {
      this.providerLimiter = Objects.requireNonNull(limiter, "providerRateLimiter");
      return this;
    }

    /** As {@link #providerRateLimiter(RateLimiter)} for the sends of one mailbox; overrides that one. */
    public Builder providerRateLimiter(Mailbox mailbox, RateLimiter limiter) {
      this.providerLimiters.put(Objects.requireNonNull(mailbox, "mailbox").address(),
          Objects.requireNonNull(limiter, "providerRateLimiter"));
      return this;
    }

    /**
     * Tracks opens and clicks: every outgoing email is rewritten by the tracker (links to signed click
     * URLs, an open pixel in HTML) just before it goes to the sender, so any {@link Sender} carries tracked
     * links. Default: none, nothing is tracked (the privacy-safe default). Unsubscribe links are never
     * rewritten. See {@link com.fourrunr.campaign.tracking.TrackingHandler} for the endpoints.
     */
    public Builder linkTracking(LinkTracker linkTracker) {
      this.linkTracker = Objects.requireNonNull(linkTracker, "linkTracker");
      return this;
    }

    /**
     * Where channel tasks are kept. Default: the {@link #store} when it is a {@link
     * com.fourrunr.campaign.channel.ChannelTaskStore} (the in-memory and JDBC stores are).
     */
    public Builder taskStore(com.fourrunr.campaign.channel.ChannelTaskStore taskStore) {
      this.taskStore = taskStore;
      return this;
    }

    /** Whether uncertain messages may be resent after review. Default {@link UncertainPolicy#NEVER_RESEND}. */
    public Builder uncertainPolicy(UncertainPolicy uncertainPolicy) {
      this.uncertainPolicy = uncertainPolicy;
      return this;
    }

    /**
     * Checks the settings and builds the engine.
     *
     * @throws InvalidInputException listing every missing or bad setting
     */
    public CampaignEngine build() {
      List<FieldError> errors = new ArrayList<>();
      if (store == null) {
        errors.add(new FieldError("store", "is required"));
      }
      if (sender == null) {
        errors.add(new FieldError("sender", "is required"));
      }
      if (generator == null) {
        errors.add(new FieldError("generator", "must not be null"));
      }
      if (classifier == null) {
        errors.add(new FieldError("classifier", "must not be null"));
      }
      if (replyPolicy == null) {
        errors.add(new FieldError("replyPolicy", "must not be null"));
      }
      if (schedule == null) {
        errors.add(new FieldError("schedule", "must not be null"));
      }
      if (clock == null) {
        errors.add(new FieldError("clock", "must not be null"));
      }
      if (ids == null) {
        errors.add(new FieldError("idGenerator", "must not be null"));
      }
      if (qualityGates == null) {
        errors.add(new FieldError("qualityGates", "must not be null"));
      }
      if (fallback == null) {
        errors.add(new FieldError("fallback", "must not be null"));
      }
      if (fallbackGenerator == null) {
        errors.add(new FieldError("fallbackGenerator", "must not be null"));
      }
      if (config == null && from == null && mailboxes.isEmpty()) {
        errors.add(new FieldError("from", "is required (or give a config or mailboxes)"));
      }
      if (queuePriority == null) {
        errors.add(new FieldError("queuePriority", "must not be null"));
      }
      if (random == null) {
        errors.add(new FieldError("random", "must not be null"));
      }
      if (sendLog == null) {
        errors.add(new FieldError("sendLog", "must not be null"));
      }
      if (mailboxes.stream().anyMatch(Objects::isNull)) {
        errors.add(new FieldError("mailboxes", "must not hold null"));
      } else if (mailboxes.stream().map(Mailbox::address).distinct().count() < mailboxes.size()) {
        errors.add(new FieldError("mailboxes", "holds the same address twice"));
      }
      if (batchSize < 1 || batchSize > 10_000) {
        errors.add(new FieldError("batchSize", batchSize + " is not between 1 and 10000"));
      }
      if (instanceId == null || instanceId.isBlank() || instanceId.length() > 200) {
        errors.add(new FieldError("instanceId", "must be 1 to 200 characters"));
      }
      if (claimLease == null || claimLease.compareTo(Duration.ofSeconds(1)) < 0
          || claimLease.compareTo(Duration.ofDays(1)) > 0) {
        errors.add(new FieldError("claimLease", claimLease + " is not between 1 second and 1 day"));
      }
      if (sendLimits == null) {
        errors.add(new FieldError("sendLimits", "must not be null"));
      }
      if (uncertainPolicy == null) {
        errors.add(new FieldError("uncertainPolicy", "must not be null"));
      }
      if (maxMessagesPerRun < 1) {
        errors.add(new FieldError("maxMessagesPerRun", maxMessagesPerRun + " is less than 1"));
      }
      checkChannels(errors);
      if (!errors.isEmpty()) {
        throw new InvalidInputException("CampaignEngine", errors);
      }
      if (config == null) {
        config = CampaignConfig.defaults(from != null ? from : mailboxes.get(0));
      }
      if (sequence != null) {
        config = config.withSequence(sequence);
      }
      if (schedulePolicy != null) {
        config = config.withSchedule(schedulePolicy);
      }
      return new CampaignEngine(this);
    }

    private void checkChannels(List<FieldError> errors) {
      if (channels == null || channels.isEmpty() || channels.stream().anyMatch(Objects::isNull)) {
        errors.add(new FieldError("channels", "must list one or more channels, email first"));
        return;
      }
      if (channels.get(0).channel() != Channel.EMAIL) {
        errors.add(new FieldError("channels", "must start with EMAIL (LinkedIn is a fallback after the emails)"));
      }
      long linkedIns = channels.stream().filter(p -> p.channel() == Channel.LINKEDIN).count();
      if (channels.size() != 1 + linkedIns || linkedIns > 1) {
        errors.add(new FieldError("channels", channels.stream().map(p -> p.channel().name()).toList()
            + " is not supported: EMAIL, then LINKEDIN at most once"));
      }
      if (linkedIns > 0) {
        if (linkedInSettings == null) {
          errors.add(new FieldError("linkedIn", "must not be null"));
        }
        if (taskSink == null) {
          errors.add(new FieldError("taskSink", "must not be null"));
        }
        if (taskStore == null && !(store instanceof com.fourrunr.campaign.channel.ChannelTaskStore)) {
          errors.add(new FieldError("taskStore", "is required for LinkedIn: the store keeps no channel tasks"));
        }
      }
    }
  }
}
