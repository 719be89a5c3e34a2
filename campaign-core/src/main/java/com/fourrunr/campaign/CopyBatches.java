package com.fourrunr.campaign;

import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.Verdict;
import com.fourrunr.campaign.quality.WrittenMessage;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copy written through a {@link BatchGenerator}. Enrolment stores each campaign {@link
 * CampaignStatus#PENDING_COPY} with the reason {@value #NOT_SUBMITTED}, then {@link #submit}s one
 * batch for all their steps (custom id {@code <campaign id>:<step index>}) and stores the batch id
 * as each campaign's reason ({@code copy batch <id>}). {@link #poll} (the engine's periodic work)
 * checks each pending batch; once it has ended, each of its campaigns' copy goes through the
 * quality gates in campaign id order and the campaign becomes {@link CampaignStatus#ACTIVE} (first
 * step scheduled) or {@link CampaignStatus#HELD}. A step the batch wrote no text for (a failed
 * line, an expired or failed batch) is written by the fallback generator (the template): under
 * {@link FallbackPolicy#TEMPLATE} that text is used if it passes the gates; otherwise the campaign
 * is held with the reason, for a person to review. Campaigns whose submission failed (or was cut
 * short by a restart) are submitted again by the poll after {@link #RESUBMIT_AFTER}. Everything
 * pending is in the store: a new engine on the same store carries on.
 */
final class CopyBatches {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  /** The reason of a pending campaign whose batch is not submitted yet. */
  static final String NOT_SUBMITTED = "copy batch: not submitted yet";

  /** The reason prefix of a pending campaign whose batch was submitted. */
  static final String SUBMITTED = "copy batch ";

  /** How long an unsubmitted pending campaign waits before the poll submits it. */
  static final Duration RESUBMIT_AFTER = Duration.ofMinutes(15);

  private final EngineContext ctx;
  private final CampaignStore store;
  private final BatchGenerator batches;
  private final QualityGates gates;
  private final FallbackPolicy fallback;
  private final MessageGenerator fallbackGenerator;
  private final ModelPrices prices;
  private final Duration pollInterval;
  private @Nullable Instant nextPoll;

  CopyBatches(
      EngineContext ctx,
      BatchGenerator batches,
      QualityGates gates,
      FallbackPolicy fallback,
      MessageGenerator fallbackGenerator,
      ModelPrices prices,
      Duration pollInterval) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.batches = batches;
    this.gates = gates;
    this.fallback = fallback;
    this.fallbackGenerator = fallbackGenerator;
    this.prices = prices;
    this.pollInterval = pollInterval;
  }

  /** The custom id of one step of one campaign. */
  static String customId(String campaignId, int stepIndex) {
    return campaignId + ":" + stepIndex;
  }

  /** A new campaign waiting for its copy. */
  static Campaign pending(String id, String leadId, CampaignConfig config, Instant now) {
    return new Campaign(
        id, leadId, config, CampaignStatus.PENDING_COPY, NOT_SUBMITTED, now, now, null, 0);
  }

  /**
   * Submits one batch for every step of the given pending campaigns and records its id on them.
   *
   * @return the submission, or null when it failed (the campaigns stay unsubmitted and are
   *     submitted again by a later poll)
   */
  BatchGenerator.@Nullable Submission submit(List<String> campaignIds) {
    if (campaignIds.isEmpty()) {
      return null;
    }
    Map<String, Campaign> campaigns = store.findCampaigns(campaignIds);
    Map<String, Lead> leads =
        store.findLeads(campaigns.values().stream().map(Campaign::leadId).toList());
    List<BatchGenerator.Request> requests = new ArrayList<>();
    List<Campaign> included = new ArrayList<>();
    for (String id : campaignIds) {
      Campaign c = campaigns.get(id);
      Lead lead = c == null ? null : leads.get(c.leadId());
      if (c == null || lead == null || c.status() != CampaignStatus.PENDING_COPY) {
        continue;
      }
      Sequence sequence = c.config().sequence();
      for (int i = 0; i < sequence.size(); i++) {
        requests.add(
            new BatchGenerator.Request(
                customId(c.id(), i),
                new GenerationRequest(
                    lead, sequence, i, List.of(), Experiment.variantOf(sequence, i, lead.id()))));
      }
      included.add(c);
    }
    if (requests.isEmpty()) {
      return null;
    }
    BatchGenerator.Submission submission;
    try {
      submission = batches.submit(requests);
    } catch (RuntimeException e) {
      log.warn(
          "copy batch: submitting {} requests failed, retried later: {}",
          requests.size(),
          e.getMessage());
      return null;
    }
    log.info(
        "copy batch {}: submitted {} requests for {} campaigns",
        submission.batchId(),
        requests.size(),
        included.size());
    Instant now = ctx.clock().instant();
    StoreChanges.Builder changes = StoreChanges.builder();
    int n = 0;
    for (Campaign c : included) {
      changes.campaign(
          new Campaign(
              c.id(),
              c.leadId(),
              c.config(),
              c.status(),
              SUBMITTED + submission.batchId(),
              c.createdAt(),
              now,
              null,
              c.version() + 1));
      if (++n % ctx.batchSize() == 0) {
        commitQuietly(changes.build());
        changes = StoreChanges.builder();
      }
    }
    commitQuietly(changes.build());
    return submission;
  }

  private void commitQuietly(StoreChanges changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      store.commit(changes);
    } catch (ConcurrentUpdateException e) {
      // another instance moved a campaign on (stopped it, say): the batch still answers for it,
      // and a campaign no longer pending is left alone when the answers come
      log.warn("copy batch: a pending campaign changed meanwhile: {}", e.getMessage());
    }
  }

  /** Polls when the poll interval has passed since the last poll (on the engine's clock). */
  synchronized @Nullable CopyBatchReport pollIfDue() {
    Instant now = ctx.clock().instant();
    if (nextPoll != null && now.isBefore(nextPoll)) {
      return null;
    }
    nextPoll = now.plus(pollInterval);
    return poll();
  }

  /** Checks every pending batch and settles the campaigns of those that ended. */
  CopyBatchReport poll() {
    Instant now = ctx.clock().instant();
    Map<String, List<Campaign>> byBatch = new LinkedHashMap<>();
    List<String> unsubmitted = new ArrayList<>();
    CampaignSearch pending = new CampaignSearch(CampaignStatus.PENDING_COPY, null, null, "");
    String after = null;
    while (true) {
      List<String> ids = store.searchCampaignIds(pending, after, 500);
      if (ids.isEmpty()) {
        break;
      }
      Map<String, Campaign> found = store.findCampaigns(ids);
      for (String id : ids) {
        Campaign c = found.get(id);
        if (c == null || c.status() != CampaignStatus.PENDING_COPY) {
          continue;
        }
        if (c.statusReason().startsWith(SUBMITTED)) {
          byBatch
              .computeIfAbsent(
                  c.statusReason().substring(SUBMITTED.length()), k -> new ArrayList<>())
              .add(c);
        } else if (!c.updatedAt().plus(RESUBMIT_AFTER).isAfter(now)) {
          unsubmitted.add(c.id());
        }
      }
      after = ids.get(ids.size() - 1);
    }
    submit(unsubmitted);
    int[] counts = new int[3];
    long tokens = 0;
    double cost = 0;
    for (Map.Entry<String, List<Campaign>> e : byBatch.entrySet()) {
      BatchGenerator.Outcome outcome;
      try {
        outcome = batches.check(e.getKey());
      } catch (RuntimeException ex) {
        log.warn("copy batch {}: check failed, retried later: {}", e.getKey(), ex.getMessage());
        continue;
      }
      if (outcome.state() == BatchGenerator.State.PENDING) {
        continue;
      }
      log.info(
          "copy batch {}: ended ({}), {} answers, {} failed lines",
          e.getKey(),
          outcome.detail(),
          outcome.messages().size(),
          outcome.failures().size());
      List<Campaign> campaigns = new ArrayList<>(e.getValue());
      campaigns.sort(Comparator.comparing(Campaign::id));
      Map<String, Lead> leads = store.findLeads(campaigns.stream().map(Campaign::leadId).toList());
      for (Campaign c : campaigns) {
        Lead lead = leads.get(c.leadId());
        if (lead == null) {
          log.warn("copy batch {}: lead {} is not stored", e.getKey(), c.leadId());
          continue;
        }
        Written w = settle(e.getKey(), outcome, c, lead);
        if (w != null) {
          counts[
              w.status() == CampaignStatus.ACTIVE
                  ? 0
                  : w.status() == CampaignStatus.HELD ? 1 : 2]++;
          tokens += w.tokens();
          cost += w.cost();
        }
      }
    }
    return new CopyBatchReport(counts[0], counts[1], counts[2], tokens, cost);
  }

  private record Written(CampaignStatus status, long tokens, double cost) {}

  /** Checks one campaign's copy and stores the outcome; null when it could not be stored. */
  private @Nullable Written settle(
      String batchId, BatchGenerator.Outcome outcome, Campaign c, Lead lead) {
    Sequence sequence = c.config().sequence();
    List<GeneratedMessage> previous = new ArrayList<>();
    List<WrittenMessage> written = new ArrayList<>();
    List<String> holds = new ArrayList<>();
    long tokens = 0;
    double cost = 0;
    for (int i = 0; i < sequence.size(); i++) {
      GenerationRequest request =
          new GenerationRequest(
              lead, sequence, i, previous, Experiment.variantOf(sequence, i, lead.id()));
      String cid = customId(c.id(), i);
      String step = "step " + (i + 1) + " (" + request.step().type() + ")";
      GeneratedMessage m = outcome.messages().get(cid);
      long p = m == null ? 0 : m.info().promptTokens();
      long k = m == null ? 0 : m.info().completionTokens();
      tokens += p + k;
      cost += m == null ? 0 : prices.cost(m.info().model(), p, k, true);
      List<Verdict> verdicts = m == null ? List.of() : gates.check(request, m);
      WrittenMessage chosen;
      if (m != null && verdicts.stream().allMatch(Verdict::passed)) {
        chosen = new WrittenMessage(i, request.step().type(), m, verdicts, 1, "none", "", p, k);
      } else {
        String failure =
            m == null
                ? "the batch wrote no text ("
                    + outcome.failures().getOrDefault(cid, "no answer: " + outcome.detail())
                    + ")"
                : "gates failed: "
                    + String.join(
                        ", ",
                        verdicts.stream().filter(v -> !v.passed()).map(Verdict::rule).toList());
        GeneratedMessage fb = null;
        List<Verdict> fbVerdicts = List.of();
        if (m == null || fallback == FallbackPolicy.TEMPLATE) {
          try {
            fb = fallbackGenerator.generate(request);
            fbVerdicts = gates.check(request, fb);
          } catch (RuntimeException ex) {
            failure = failure + "; the template fallback failed: " + ex.getMessage();
          }
        }
        if (fb != null && (m == null || fallback == FallbackPolicy.TEMPLATE)) {
          chosen =
              new WrittenMessage(
                  i, request.step().type(), fb, fbVerdicts, 2, "template", failure, p, k);
          if (fallback != FallbackPolicy.TEMPLATE || !chosen.passed()) {
            holds.add(
                step + ": " + failure + (m == null ? "; the template's text kept for review" : ""));
          }
        } else if (m != null) {
          chosen =
              new WrittenMessage(i, request.step().type(), m, verdicts, 1, "hold", failure, p, k);
          holds.add(step + ": " + failure);
        } else {
          return store(
              c, lead, batchId, List.of(), List.of(step + ": " + failure), tokens, cost, true);
        }
      }
      written.add(chosen);
      previous.add(chosen.message());
    }
    return store(c, lead, batchId, written, holds, tokens, cost, false);
  }

  private @Nullable Written store(
      Campaign c,
      Lead lead,
      String batchId,
      List<WrittenMessage> written,
      List<String> holds,
      long tokens,
      double cost,
      boolean stop) {
    Instant now = ctx.clock().instant();
    StoreChanges.Builder changes = StoreChanges.builder();
    List<CampaignEvent> events = new ArrayList<>();
    Campaign next;
    if (stop) {
      next =
          c.transitionTo(
              CampaignStatus.STOPPED,
              "copy could not be written: " + String.join("; ", holds),
              now);
      events.add(ctx.event(now, next, null, new EventPayload.CampaignStopped(next.statusReason())));
    } else if (!holds.isEmpty()) {
      next =
          c.transitionTo(CampaignStatus.HELD, "held for review: " + String.join("; ", holds), now);
      events.add(ctx.event(now, next, null, new EventPayload.CampaignHeld(next.statusReason())));
    } else {
      next = c.transitionTo(CampaignStatus.ACTIVE, "copy written by batch " + batchId, now);
    }
    Instant firstAt = null;
    if (next.status() == CampaignStatus.ACTIVE) {
      try {
        firstAt =
            ctx.schedule().firstSend(Experiment.timing(c.config(), lead.id(), 0), lead, 0, now);
      } catch (RuntimeException e) {
        next =
            c.transitionTo(
                CampaignStatus.HELD, "held for review: schedule: " + e.getMessage(), now);
        events.add(ctx.event(now, next, null, new EventPayload.CampaignHeld(next.statusReason())));
      }
    }
    changes.campaign(next);
    for (WrittenMessage w : written) {
      GeneratedMessage g = w.message();
      CampaignMessage m =
          CampaignMessage.pending(
              ctx.ids().get(),
              c.id(),
              lead.id(),
              w.stepIndex(),
              w.type(),
              g.subject(),
              g.textBody(),
              g.htmlBody());
      events.add(ctx.event(now, next, m, w.audit()));
      if (w.stepIndex() == 0 && firstAt != null) {
        m = m.withScheduled(firstAt);
        events.add(
            ctx.event(
                now,
                next,
                m,
                new EventPayload.MessageScheduled(m.type().name(), firstAt, null, null, false)));
      }
      changes.message(m);
    }
    events.forEach(changes::event);
    StoreChanges batch = changes.build();
    try {
      store.commit(batch);
    } catch (ConcurrentUpdateException e) {
      log.warn("copy batch {}: campaign {} changed meanwhile, left as it is", batchId, c.id());
      return null;
    }
    ctx.publish(batch.events());
    if (next.status() == CampaignStatus.ACTIVE) {
      for (WrittenMessage w : written) {
        gates.remember("lead " + lead.id() + " " + w.type(), w.message());
      }
    }
    return new Written(next.status(), tokens, cost);
  }
}
