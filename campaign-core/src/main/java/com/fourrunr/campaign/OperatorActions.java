package com.fourrunr.campaign;

import com.fourrunr.campaign.CampaignChanges.Change;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign's lifecycle as people and dates move it: pause, resume (by hand or when the return
 * date comes), approve a held campaign, stop, and unsubscribe an address.
 */
final class OperatorActions {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final CampaignStore store;
  private final Clock clock;
  private final SendSchedule schedule;
  private final int batchSize;

  OperatorActions(EngineContext ctx, CampaignChanges campaigns) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.schedule = ctx.schedule();
    this.batchSize = ctx.batchSize();
  }

  /** See {@link CampaignEngine#pause}. */
  Campaign pause(String campaignId, String reason) {
    return campaigns.changeCampaign(
        campaignId,
        c -> {
          Instant now = clock.instant();
          Campaign paused = c.pausedUntil(null, reason, now);
          return campaigns.pauseChanges(paused, now, reason);
        });
  }

  /** See {@link CampaignEngine#resume}. */
  Campaign resume(String campaignId) {
    Campaign c = campaigns.requireCampaign(campaignId);
    if (c.status() == CampaignStatus.HELD) {
      return approve(campaignId);
    }
    return resumeCampaign(c, "resumed");
  }

  /** See {@link CampaignEngine#approve}. */
  Campaign approve(String campaignId) {
    return campaigns.changeCampaign(
        campaignId,
        c ->
            approval(
                c,
                clock.instant(),
                "approved after review",
                store.findMessages(c.id()),
                StoreChanges.builder(),
                new ArrayList<>()));
  }

  /** See {@link CampaignEngine#stop}. */
  Campaign stop(String campaignId, String reason) {
    return campaigns.changeCampaign(
        campaignId,
        c -> {
          Instant now = clock.instant();
          StoreChanges.Builder changes = StoreChanges.builder();
          List<CampaignEvent> events = new ArrayList<>();
          Campaign stopped =
              campaigns.endChanges(c, CampaignStatus.STOPPED, reason, now, changes, events);
          return new Change(stopped, changes, events);
        });
  }

  /** Resumes the paused campaigns whose return date has come; returns how many. */
  int resumeDueCampaigns(Instant now) {
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

  private Campaign resumeCampaign(Campaign start, String reason) {
    return campaigns.changeCampaign(
        start.id(),
        c -> {
          Instant now = clock.instant();
          Campaign active = c.transitionTo(CampaignStatus.ACTIVE, reason, now);
          StoreChanges.Builder changes = StoreChanges.builder().campaign(active);
          List<CampaignEvent> events = new ArrayList<>();
          events.add(ctx.event(now, active, null, new EventPayload.CampaignResumed(reason)));
          Lead lead = store.findLead(c.leadId()).orElse(null);
          for (CampaignMessage m : store.findMessages(c.id())) {
            if (m.status() == DeliveryStatus.PENDING && m.scheduledAt() != null) {
              Instant at = m.scheduledAt().isBefore(now) ? now : m.scheduledAt();
              if (lead != null) {
                // The next step goes in the next allowed window from the resume time; the later
                // steps are
                // scheduled from its actual send, so they keep their spacing.
                at =
                    schedule.earliestSend(
                        Experiment.timing(c.config(), lead.id(), m.stepIndex()),
                        lead,
                        m.stepIndex(),
                        at);
              }
              CampaignMessage scheduled = m.withScheduled(at);
              changes.message(scheduled);
              events.add(
                  ctx.event(
                      now,
                      active,
                      scheduled,
                      new EventPayload.MessageScheduled(m.type().name(), at, null, null, false)));
            }
          }
          return new Change(active, changes, events);
        });
  }

  /** See {@link CampaignEngine#unsubscribe}. */
  boolean unsubscribe(String email, @Nullable String campaignId, String source) {
    if (email == null || email.isBlank()) {
      throw InvalidInputException.of("unsubscribe", "email", "is required");
    }
    String address = email.strip();
    Instant now = clock.instant();
    Campaign campaign = campaignId == null ? null : store.findCampaign(campaignId).orElse(null);
    Lead lead = campaign == null ? null : store.findLead(campaign.leadId()).orElse(null);
    if (lead == null || !lead.email().equals(EmailAddresses.normalise(address))) {
      campaign = null;
    }
    boolean changed = false;
    if (!store.isSuppressed(address)) {
      StoreChanges.Builder changes = StoreChanges.builder();
      List<CampaignEvent> events = new ArrayList<>();
      campaigns.suppress(
          address, ReplyCategory.UNSUBSCRIBE_REQUEST.name(), now, campaign, changes, events);
      events.forEach(changes::event);
      ctx.commitAndPublish(changes, events);
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

  /**
   * The approval of a held campaign with the given messages (as stored, or as a person edited
   * them): active, its first step scheduled as at enrolment (that message written), added to {@code
   * changes} and {@code events}.
   *
   * @throws IllegalStateException when the campaign is not held
   */
  Change approval(
      Campaign c,
      Instant now,
      String reason,
      List<CampaignMessage> messages,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    if (c.status() != CampaignStatus.HELD) {
      throw new IllegalStateException(
          "campaign '"
              + c.id()
              + "' is "
              + c.status()
              + ", not HELD: only a campaign held for review can be approved");
    }
    Campaign active = c.transitionTo(CampaignStatus.ACTIVE, reason, now);
    changes.campaign(active);
    events.add(ctx.event(now, active, null, new EventPayload.CampaignApproved(reason)));
    Lead lead = store.findLead(c.leadId()).orElse(null);
    for (CampaignMessage m : messages) {
      if (m.stepIndex() == 0 && m.status() == DeliveryStatus.PENDING && lead != null) {
        Instant at = schedule.firstSend(Experiment.timing(c.config(), lead.id(), 0), lead, 0, now);
        CampaignMessage scheduled = m.withScheduled(at);
        changes.message(scheduled);
        events.add(
            ctx.event(
                now,
                active,
                scheduled,
                new EventPayload.MessageScheduled(m.type().name(), at, null, null, false)));
      }
    }
    return new Change(active, changes, events);
  }
}
