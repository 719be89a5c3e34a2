package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.quality.WrittenMessage;
import com.fourrunr.campaign.quality.WrittenSequence;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolment: reads leads, puts each through the gates (sendable address, engagement, suppression,
 * one open campaign per lead), writes and checks its messages, schedules the first step, and
 * commits in batches. Each new campaign is given the next sending mailbox in turn.
 */
final class Enroller {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  private final EngineContext ctx;
  private final CampaignStore store;
  private final Clock clock;
  private final Supplier<String> ids;
  private final CampaignConfig config;
  private final SendSchedule schedule;

  /** Records per commit; the engine's batch size unless {@link #commitEvery} set another. */
  private int batchSize;

  private final SequenceWriter writer;

  /**
   * The mailboxes new campaigns are spread over, in the order given; one when only {@code from} was
   * set.
   */
  private final List<Mailbox> mailboxes;

  /** Checks each address before copy is written; {@link AddressVerifier#NONE} when not set. */
  private final AddressVerifier verifier;

  private final java.util.concurrent.atomic.AtomicLong nextMailbox =
      new java.util.concurrent.atomic.AtomicLong();

  Enroller(EngineContext ctx, SequenceWriter writer, List<Mailbox> mailboxes) {
    this(ctx, writer, mailboxes, AddressVerifier.NONE);
  }

  /** Picks each new campaign's mailbox by health when a throttle is set; null: in turn. */
  private final @Nullable MailboxChoice choice;

  /** The drafts written ahead, concurrently; null: every lead is written when its turn comes. */
  private final @Nullable ConcurrentDrafts drafts;

  /** Where copy is written when it goes through a model's batch; null: written at enrolment. */
  private @Nullable CopyBatches copyBatches;

  /** Commits every {@code records} records (1 to 10,000) instead of every engine batch. */
  void commitEvery(int records) {
    this.batchSize = records;
  }

  /** Prices the tokens for the report. */
  private ModelPrices prices = ModelPrices.defaults();

  /**
   * Writes new campaigns' copy through {@code batches} (campaigns wait as {@link
   * CampaignStatus#PENDING_COPY}), and prices tokens by {@code prices}.
   */
  void copy(@Nullable CopyBatches batches, ModelPrices prices) {
    this.copyBatches = batches;
    this.prices = prices;
  }

  Enroller(
      EngineContext ctx, SequenceWriter writer, List<Mailbox> mailboxes, AddressVerifier verifier) {
    this(ctx, writer, mailboxes, verifier, null);
  }

  Enroller(
      EngineContext ctx,
      SequenceWriter writer,
      List<Mailbox> mailboxes,
      AddressVerifier verifier,
      @Nullable MailboxChoice choice) {
    this(ctx, writer, mailboxes, verifier, choice, null);
  }

  /**
   * As above, with the drafts the writer's generator answers from: when their generator allows more
   * than one call at a time, each batch's sequences are drafted concurrently before the batch is
   * written and checked in lead order.
   */
  Enroller(
      EngineContext ctx,
      SequenceWriter writer,
      List<Mailbox> mailboxes,
      AddressVerifier verifier,
      @Nullable MailboxChoice choice,
      @Nullable ConcurrentDrafts drafts) {
    this.drafts = drafts;
    this.verifier = verifier;
    this.choice = choice;
    this.ctx = ctx;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.ids = ctx.ids();
    this.config = ctx.config();
    this.schedule = ctx.schedule();
    this.batchSize = ctx.batchSize();
    this.writer = writer;
    this.mailboxes = List.copyOf(mailboxes);
  }

  /** See {@link CampaignEngine#enrol(LeadSource)}. */
  EnrolmentReport enrol(LeadSource source) {
    try (Stream<LeadRecord> records = source.read()) {
      return enrolRecords(records.iterator());
    }
  }

  /** See {@link CampaignEngine#enrol(Iterable)}. */
  EnrolmentReport enrol(Iterable<Lead> leads) {
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
    List<LeadRecord> chunk = new ArrayList<>(Math.min(batchSize, 1_000));
    int threads = drafts == null || copyBatches != null ? 1 : drafts.maxConcurrency();
    // The enrolment's own threads for drafting copy, shut down when it ends; none when the
    // generator takes one call at a time.
    ExecutorService pool = threads > 1 ? DraftPool.start(threads) : null;
    // The enrolment's thread committing a batch while the next one is read and written; started
    // at the second batch.
    ExecutorService committer = null;
    try {
      while (records.hasNext()) {
        // A batch of records is read, checked against the store in one suppression and one
        // open-campaign query, and committed together.
        chunk.clear();
        while (chunk.size() < batchSize && records.hasNext()) {
          chunk.add(records.next());
        }
        enrolChunk(run, chunk, pool);
        if (records.hasNext()) {
          if (committer == null) {
            committer = startCommitter();
          }
          run.handOver(committer);
        } else {
          run.flush();
        }
      }
      run.flush();
    } catch (RuntimeException | Error e) {
      // the batch handed over is committed (or refused) before the failure is reported, as when
      // it was committed before the next batch was read
      try {
        run.awaitHandedOver();
      } catch (RuntimeException | Error second) {
        e.addSuppressed(second);
      }
      throw e;
    } finally {
      if (committer != null) {
        committer.shutdownNow();
      }
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (copyBatches != null && !run.pending.isEmpty()) {
      BatchGenerator.@Nullable Submission submitted = copyBatches.submit(run.pending);
      if (submitted != null) {
        run.tokens += submitted.promptTokens() + submitted.completionTokens();
        run.cost +=
            prices.cost(
                submitted.model(), submitted.promptTokens(), submitted.completionTokens(), true);
      }
    }
    log.info("enrolment: read {}, enrolled {}, skipped {}", run.read, run.enrolled, run.skipped);
    if (run.warned > 0) {
      log.warn("enrolment: {} leads enrolled with an address warning", run.warned);
    }
    return new EnrolmentReport(
        run.read,
        run.enrolled,
        run.skipped,
        run.byReason,
        run.skips,
        run.warned,
        run.warnings,
        run.tokens,
        run.cost,
        run.pending.size());
  }

  private void enrolChunk(Enrolment run, List<LeadRecord> chunk, @Nullable ExecutorService pool) {
    BatchLookups lookups = BatchLookups.read(store, chunk);
    Map<Integer, AddressCheck> prechecked =
        pool == null || drafts == null
            ? Map.of()
            : DraftPool.prefetch(
                pool, drafts, verifier, config.sequence(), candidates(run, lookups, chunk));
    try {
      for (int i = 0; i < chunk.size(); i++) {
        enrolRecord(run, lookups, chunk.get(i), prechecked.get(i));
      }
    } finally {
      if (drafts != null) {
        drafts.clear();
      }
    }
  }

  /**
   * The leads of a batch worth drafting ahead, by their index in the batch: those the cheap gates
   * let through, the first of each person.
   */
  private Map<Integer, Lead> candidates(
      Enrolment run, BatchLookups lookups, List<LeadRecord> chunk) {
    Map<Integer, Lead> out = new java.util.LinkedHashMap<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.Set<String> emails = new java.util.HashSet<>();
    for (int i = 0; i < chunk.size(); i++) {
      if (chunk.get(i) instanceof LeadRecord.Valid valid) {
        Lead lead = valid.lead();
        boolean newId = ids.add(lead.id());
        boolean newEmail = emails.add(lead.email());
        boolean first = newId && newEmail;
        if (first
            && EnrolmentRules.check(lead) == null
            && !lookups.suppressed().contains(lead.email())
            && run.people.reasonToSkip(lookups.open(), lead) == null) {
          out.put(i, lead);
        }
      }
    }
    return out;
  }

  private void enrolRecord(
      Enrolment run, BatchLookups lookups, LeadRecord record, @Nullable AddressCheck prechecked) {
    run.read++;
    if (record instanceof LeadRecord.Invalid invalid) {
      run.skip(
          invalid.location(),
          null,
          SkipReason.INVALID_LEAD,
          invalid.errors().stream()
              .map(FieldError::toString)
              .collect(java.util.stream.Collectors.joining("; ")));
    } else if (record instanceof LeadRecord.Valid valid) {
      enrolOne(run, lookups, valid.location(), valid.lead(), prechecked);
    }
  }

  private void enrolOne(
      Enrolment run,
      BatchLookups lookups,
      String location,
      Lead lead,
      @Nullable AddressCheck prechecked) {
    EnrolmentRules.Skip rule = EnrolmentRules.check(lead);
    if (rule != null) {
      run.skip(location, lead, rule.reason(), rule.detail());
      return;
    }
    if (lookups.suppressed().contains(lead.email())) {
      run.skip(location, lead, SkipReason.SUPPRESSED, "email: " + lead.email() + " is suppressed");
      return;
    }
    String taken = run.people.reasonToSkip(lookups.open(), lead);
    if (taken != null) {
      run.skip(location, lead, SkipReason.ALREADY_IN_CAMPAIGN, taken);
      return;
    }
    AddressCheck address =
        prechecked != null ? prechecked : AddressChecks.check(verifier, lead.email());
    if (address.outcome() == AddressCheck.Outcome.SKIP && address.reason() != null) {
      run.skip(location, lead, address.reason(), address.detail());
      return;
    }
    Sequence sequence = config.sequence();
    if (copyBatches != null) {
      enrolPendingCopy(run, location, lead, address);
      return;
    }
    // Written and checked by the quality gates; see SequenceWriter for the failure policy.
    WrittenSequence checked = writer.write(lead, sequence);
    for (WrittenMessage w : checked.messages()) {
      run.tokens += w.promptTokens() + w.completionTokens();
      run.cost +=
          prices.cost(w.message().info().model(), w.promptTokens(), w.completionTokens(), false);
    }
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
    List<GeneratedMessage> written =
        checked.messages().stream().map(WrittenMessage::message).toList();
    Instant now = clock.instant();
    Map<String, String> scheduleFacts;
    Instant firstAt;
    try {
      // The time zone used and any fallback warning stay on the campaign with its creation event.
      scheduleFacts = schedule.describe(config, lead);
      firstAt = schedule.firstSend(Experiment.timing(config, lead.id(), 0), lead, 0, now);
    } catch (RuntimeException e) {
      run.skip(location, lead, SkipReason.INVALID_LEAD, "schedule: " + e.getMessage());
      return;
    }
    CampaignConfig campaignConfig = configForNewCampaign();
    Campaign campaign =
        held
            ? Campaign.held(ids.get(), lead.id(), campaignConfig, now, checked.reason())
            : Campaign.start(ids.get(), lead.id(), campaignConfig, now);
    run.changes.lead(lead).campaign(campaign);
    run.events.add(
        ctx.event(
            now,
            campaign,
            null,
            new EventPayload.CampaignCreated(
                sequence.name(), sequence.size(), checked.totalTokens(), scheduleFacts)));
    if (held) {
      run.events.add(
          ctx.event(now, campaign, null, new EventPayload.CampaignHeld(checked.reason())));
    } else {
      writer.accept(lead, checked);
    }
    for (int i = 0; i < written.size(); i++) {
      GeneratedMessage g = written.get(i);
      CampaignMessage m =
          CampaignMessage.pending(
              ids.get(),
              campaign.id(),
              lead.id(),
              i,
              sequence.step(i).type(),
              g.subject(),
              g.textBody(),
              g.htmlBody());
      run.events.add(ctx.event(now, campaign, m, checked.messages().get(i).audit()));
      if (i == 0 && !held) {
        Instant at = firstAt;
        m = m.withScheduled(at);
        run.events.add(
            ctx.event(
                now,
                campaign,
                m,
                new EventPayload.MessageScheduled(m.type().name(), at, null, null, false)));
      }
      run.changes.message(m);
    }
    run.people.enrolled(lead, campaign.id(), location);
    if (address.outcome() == AddressCheck.Outcome.WARN) {
      run.warn(location, address.detail());
    }
    run.enrolled++;
  }

  /**
   * Stores a lead's campaign as {@link CampaignStatus#PENDING_COPY}, without messages: its copy is
   * asked for in one batch at the end of the enrolment (see {@link CopyBatches}).
   */
  private void enrolPendingCopy(Enrolment run, String location, Lead lead, AddressCheck address) {
    if (!SequenceWriter.canPersonalise(lead)) {
      run.skip(
          location,
          lead,
          SkipReason.INSUFFICIENT_DATA,
          "company_description and top_services are both empty: nothing to personalise with");
      return;
    }
    Sequence sequence = config.sequence();
    Instant now = clock.instant();
    Map<String, String> scheduleFacts;
    try {
      scheduleFacts = schedule.describe(config, lead);
      schedule.firstSend(Experiment.timing(config, lead.id(), 0), lead, 0, now);
    } catch (RuntimeException e) {
      run.skip(location, lead, SkipReason.INVALID_LEAD, "schedule: " + e.getMessage());
      return;
    }
    Campaign campaign = CopyBatches.pending(ids.get(), lead.id(), configForNewCampaign(), now);
    run.changes.lead(lead).campaign(campaign);
    run.events.add(
        ctx.event(
            now,
            campaign,
            null,
            new EventPayload.CampaignCreated(sequence.name(), sequence.size(), 0, scheduleFacts)));
    run.pending.add(campaign.id());
    run.people.enrolled(lead, campaign.id(), location);
    if (address.outcome() == AddressCheck.Outcome.WARN) {
      run.warn(location, address.detail());
    }
    run.enrolled++;
  }

  /**
   * The configuration of the next new campaign: the engine's, sending from the next mailbox in
   * turn.
   */
  private CampaignConfig configForNewCampaign() {
    if (mailboxes.size() == 1) {
      return mailboxes.get(0).equals(config.from()) ? config : config.withFrom(mailboxes.get(0));
    }
    if (choice != null) {
      return config.withFrom(choice.next());
    }
    int i = (int) Math.floorMod(nextMailbox.getAndIncrement(), (long) mailboxes.size());
    return config.withFrom(mailboxes.get(i));
  }

  /** The enrolment's own thread committing its batches, one at a time, in order. */
  private static ExecutorService startCommitter() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "campaign-enrolment-commit");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * A batch handed to the store: its commit, and the records it enrolled and skipped when taken.
   */
  private record HandedOver(StoreChanges batch, Future<?> commit, int enrolled, int skipped) {}

  /** The records of one batch enrolled and skipped when it was taken. */
  private record Counts(int enrolled, int skipped) {}

  /** One enrolment's counters and its open batch. */
  private final class Enrolment {
    int read;
    int enrolled;
    int skipped;
    final Map<SkipReason, Integer> byReason = new EnumMap<>(SkipReason.class);
    final List<Skip> skips = new ArrayList<>();
    int warned;
    final List<String> warnings = new ArrayList<>();
    long tokens;
    double cost;
    final List<String> pending = new ArrayList<>();
    final OnePersonOneCampaign people = new OnePersonOneCampaign();
    int enrolledAtLastFlush;
    int skippedAtLastFlush;
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();

    /** The batch handed to the store and not yet awaited, or null. */
    @Nullable HandedOver handedOver;

    void skip(String location, @Nullable Lead lead, SkipReason reason, String detail) {
      skip(events, location, lead, reason, detail);
    }

    /** Counts a skip, with its event added to {@code target}. */
    void skip(
        List<CampaignEvent> target,
        String location,
        @Nullable Lead lead,
        SkipReason reason,
        String detail) {
      skipped++;
      byReason.merge(reason, 1, Integer::sum);
      String leadId = lead == null ? null : lead.id();
      if (skips.size() < CampaignEngine.MAX_REPORTED_SKIPS) {
        skips.add(new Skip(location, leadId, reason, detail));
      }
      target.add(
          new CampaignEvent(
              ids.get(),
              clock.instant(),
              null,
              leadId,
              null,
              new EventPayload.LeadSkipped(location, reason.name(), detail)));
    }

    void warn(String location, String detail) {
      warned++;
      if (warnings.size() < CampaignEngine.MAX_REPORTED_SKIPS) {
        warnings.add(location + ": " + detail);
      }
    }

    /** Commits the open batch, after the one handed over (commits stay in order). */
    void flush() {
      awaitHandedOver();
      StoreChanges batch = take();
      Counts counts = takeCounts();
      committed(batch, commit(batch), counts.enrolled(), counts.skipped());
      people.batchCommitted();
    }

    /**
     * Hands the open batch to {@code committer}, to be committed while the next one is read and
     * written, after the batch handed over before (awaited here: one commit at a time, in order).
     */
    void handOver(ExecutorService committer) {
      awaitHandedOver();
      StoreChanges batch = take();
      Counts counts = takeCounts();
      people.handedOver();
      handedOver =
          new HandedOver(
              batch,
              committer.submit(() -> store.commit(batch)),
              counts.enrolled(),
              counts.skipped());
    }

    /**
     * Waits for the commit of the batch handed over, if any, and finishes it as {@link #flush}
     * does: a campaign the store refused is skipped and the rest committed; another failure of the
     * store is thrown here.
     */
    void awaitHandedOver() {
      HandedOver h = handedOver;
      if (h == null) {
        return;
      }
      handedOver = null;
      AlreadyInCampaignException refused = null;
      try {
        h.commit().get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AlreadyInCampaignException a) {
          refused = a;
        } else if (e.getCause() instanceof RuntimeException r) {
          throw r;
        } else if (e.getCause() instanceof Error err) {
          throw err;
        } else {
          throw new IllegalStateException("enrolment commit: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("enrolment interrupted while a batch was committed", e);
      }
      StoreChanges batch = h.batch();
      if (refused != null) {
        batch = commit(refuse(batch, refused));
      } else {
        ctx.publish(batch.events());
      }
      committed(h.batch(), batch, h.enrolled(), h.skipped());
      people.handedOverCommitted();
    }

    /** The records enrolled and skipped since the last batch was taken; counting starts again. */
    private Counts takeCounts() {
      Counts counts = new Counts(enrolled - enrolledAtLastFlush, skipped - skippedAtLastFlush);
      enrolledAtLastFlush = enrolled;
      skippedAtLastFlush = skipped;
      return counts;
    }

    /** The open batch with its events; the open batch starts empty. */
    private StoreChanges take() {
      events.forEach(changes::event);
      StoreChanges batch = changes.build();
      changes = StoreChanges.builder();
      events = new ArrayList<>();
      return batch;
    }

    /**
     * Commits {@code batch}: another enrolment (another instance, say) may have opened a campaign
     * for one of its people first; that lead is then skipped and the rest of the batch committed.
     *
     * @return what was committed
     */
    private StoreChanges commit(StoreChanges batch) {
      StoreChanges left = batch;
      while (!left.isEmpty()) {
        try {
          store.commit(left);
          ctx.publish(left.events());
          break;
        } catch (AlreadyInCampaignException e) {
          left = refuse(left, e);
        }
      }
      return left;
    }

    /** {@code batch} without the campaign {@code e} refused, whose lead is skipped. */
    private StoreChanges refuse(StoreChanges batch, AlreadyInCampaignException e) {
      Campaign refused =
          batch.campaigns().stream()
              .filter(c -> c.id().equals(e.campaignId()))
              .findFirst()
              .orElseThrow(() -> e);
      enrolled--;
      // the lead counts as skipped in its own batch, not in the open one
      enrolledAtLastFlush--;
      skippedAtLastFlush++;
      pending.remove(refused.id());
      List<CampaignEvent> skipEvents = new ArrayList<>();
      skip(
          skipEvents,
          people.location(refused.id()),
          OnePersonOneCampaign.leadOf(batch, refused),
          SkipReason.ALREADY_IN_CAMPAIGN,
          "email: " + e.email() + " already has an open campaign");
      return OnePersonOneCampaign.without(batch, refused, skipEvents);
    }

    /**
     * Logs a batch of {@code enrolledInBatch} and {@code skippedInBatch} records as taken, of which
     * {@code committed} was committed (the campaigns the store refused were skipped).
     */
    private void committed(
        StoreChanges taken, StoreChanges committed, int enrolledInBatch, int skippedInBatch) {
      int refused = taken.campaigns().size() - committed.campaigns().size();
      if (enrolledInBatch > 0 || skippedInBatch > 0) {
        log.info(
            "enrolment batch: enrolled {}, skipped {} (read {} so far)",
            enrolledInBatch - refused,
            skippedInBatch + refused,
            read);
      }
    }
  }
}
