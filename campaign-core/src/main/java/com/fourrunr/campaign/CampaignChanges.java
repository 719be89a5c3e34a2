package com.fourrunr.campaign;

import com.fourrunr.campaign.channel.internal.LinkedInFallback;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes of one campaign that several parts of the engine make: a read-change-commit retried on a
 * concurrent update, ending (STOPPED or RESPONDED with its outstanding messages cancelled),
 * pausing, suppressing an address, completing after the last step, and answering on a channel.
 */
final class CampaignChanges implements LinkedInFallback.Campaigns {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  /** How often a change is tried again when the campaign changed meanwhile. */
  static final int MAX_OPTIMISTIC_RETRIES = 3;

  private final EngineContext ctx;
  private final CampaignStore store;
  private final Supplier<String> ids;

  CampaignChanges(EngineContext ctx) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.ids = ctx.ids();
  }

  /** A campaign as changed, with the store changes and events that make it so. */
  record Change(Campaign campaign, StoreChanges.Builder changes, List<CampaignEvent> events) {}

  /** Reads the campaign, applies the change and commits it; read again on a concurrent update. */
  Campaign changeCampaign(String campaignId, java.util.function.Function<Campaign, Change> change) {
    ConcurrentUpdateException last = null;
    for (int attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
      Campaign current = requireCampaign(campaignId);
      Change c = change.apply(current);
      c.events().forEach(c.changes()::event);
      try {
        ctx.commitAndPublish(c.changes(), c.events());
        return c.campaign();
      } catch (ConcurrentUpdateException e) {
        last = e;
      }
    }
    throw Objects.requireNonNull(last);
  }

  Campaign requireCampaign(String campaignId) {
    if (campaignId == null || campaignId.isBlank()) {
      throw InvalidInputException.of("campaign", "campaignId", "is required");
    }
    return store
        .findCampaign(campaignId)
        .orElseThrow(
            () ->
                InvalidInputException.of(
                    "campaign", "campaignId", "no campaign '" + campaignId + "'"));
  }

  /** Ends a campaign (if it is not final already) and commits it with the given changes. */
  void end(
      Campaign c,
      CampaignStatus target,
      String reason,
      Instant now,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    endChanges(c, target, reason, now, changes, events);
    events.forEach(changes::event);
    ctx.commitAndPublish(changes, events);
  }

  Campaign endChanges(
      Campaign c,
      CampaignStatus target,
      String reason,
      Instant now,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    Campaign ended = c;
    if (c.status() != target) {
      ended = c.transitionTo(target, reason, now);
      changes.campaign(ended);
      EventPayload payload =
          target == CampaignStatus.RESPONDED
              ? new EventPayload.CampaignResponded(
                  null, null, null, null, null, null, reason, null, false)
              : new EventPayload.CampaignStopped(reason);
      events.add(ctx.event(now, ended, null, payload));
    }
    for (CampaignMessage m : store.findMessages(c.id())) {
      if (m.status().isOutstanding()) {
        CampaignMessage cancelled = m.withStatus(DeliveryStatus.CANCELLED);
        changes.message(cancelled);
        events.add(
            ctx.event(
                now,
                ended,
                cancelled,
                new EventPayload.MessageCancelled(m.type().name(), reason, null, false)));
      }
    }
    return ended;
  }

  Change pauseChanges(Campaign paused, Instant now, String reason) {
    StoreChanges.Builder changes = StoreChanges.builder().campaign(paused);
    List<CampaignEvent> events = new ArrayList<>();
    events.add(
        ctx.event(now, paused, null, new EventPayload.CampaignPaused(reason, paused.resumeAt())));
    for (CampaignMessage m : store.findMessages(paused.id())) {
      if (m.status() == DeliveryStatus.SCHEDULED) {
        changes.message(m.withStatus(DeliveryStatus.PENDING));
      }
    }
    return new Change(paused, changes, events);
  }

  void suppress(
      String email,
      String reason,
      Instant now,
      @Nullable Campaign campaign,
      StoreChanges.Builder changes,
      List<CampaignEvent> events) {
    if (store.isSuppressed(email)) {
      return;
    }
    changes.suppression(new Suppression(email, reason, now));
    events.add(
        new CampaignEvent(
            ids.get(),
            now,
            campaign == null ? null : campaign.id(),
            campaign == null ? null : campaign.leadId(),
            null,
            new EventPayload.AddressSuppressed(email, reason)));
  }

  /** Marks a campaign whose last step went out COMPLETED, unless it moved on meanwhile. */
  @Override
  public void completeIfActive(String campaignId, Instant at) {
    for (int attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
      Campaign current = store.findCampaign(campaignId).orElse(null);
      if (current == null || current.status() != CampaignStatus.ACTIVE) {
        return;
      }
      Campaign completed = current.transitionTo(CampaignStatus.COMPLETED, "all steps sent", at);
      CampaignEvent done = ctx.event(at, completed, null, new EventPayload.CampaignCompleted());
      try {
        ctx.commitAndPublish(StoreChanges.builder().campaign(completed).event(done), List.of(done));
        return;
      } catch (ConcurrentUpdateException e) {
        log.debug("campaign {} changed while completing; reading it again", campaignId);
      }
    }
    log.warn(
        "campaign {} could not be marked COMPLETED after {} attempts",
        campaignId,
        MAX_OPTIMISTIC_RETRIES);
  }

  /**
   * A LinkedIn answer: the campaign is RESPONDED as after an email reply, its outstanding work
   * cancelled.
   */
  @Override
  public void respondOnChannel(
      String campaignId, com.fourrunr.campaign.channel.ChannelTask task, Instant at) {
    Campaign found = store.findCampaign(campaignId).orElse(null);
    if (found == null || !found.status().canTransitionTo(CampaignStatus.RESPONDED)) {
      return;
    }
    changeCampaign(
        campaignId,
        c -> {
          StoreChanges.Builder changes = StoreChanges.builder();
          List<CampaignEvent> events = new ArrayList<>();
          if (!c.status().canTransitionTo(CampaignStatus.RESPONDED)) {
            return new Change(c, changes, events);
          }
          String reason = "reply on " + task.channel();
          Campaign responded = c.transitionTo(CampaignStatus.RESPONDED, reason, at);
          changes.campaign(responded);
          events.add(
              ctx.event(
                  at,
                  responded,
                  null,
                  new EventPayload.CampaignResponded(
                      task.channel().name(),
                      task.kind().name(),
                      task.id(),
                      null,
                      task.kind().messageType().name(),
                      at,
                      null,
                      null,
                      false)));
          endChanges(responded, CampaignStatus.RESPONDED, reason, at, changes, events);
          return new Change(responded, changes, events);
        });
  }
}
