package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * An operator's verdict on an uncertain send: the lead got it, so it is recorded as sent (never
 * sent again) and the campaign goes on from there, its next step spaced from now.
 */
final class UncertainMarks {
  private final EngineContext ctx;
  private final CampaignChanges campaigns;
  private final CampaignStore store;
  private final Predicate<String> inFlight;

  UncertainMarks(EngineContext ctx, CampaignChanges campaigns, Predicate<String> inFlight) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.store = ctx.store();
    this.inFlight = inFlight;
  }

  /** See {@link CampaignEngine#markUncertainSent}. */
  CampaignMessage markSent(String messageId, String operator, String reason) {
    if (messageId == null || messageId.isBlank()) {
      throw InvalidInputException.of("message", "messageId", "is required");
    }
    if (operator == null || operator.isBlank()) {
      throw InvalidInputException.of("message", "operator", "is required");
    }
    CampaignMessage m =
        store
            .findMessageByMessageId(messageId.strip())
            .orElseThrow(
                () ->
                    InvalidInputException.of(
                        "message", "messageId", "no message was sent under " + messageId.strip()));
    if (m.status() != DeliveryStatus.SENDING || inFlight.test(m.id())) {
      throw new IllegalStateException(
          "message "
              + m.messageId()
              + (m.status() == DeliveryStatus.SENDING
                  ? " is being sent right now"
                  : " is " + m.status() + ", not uncertain (SENDING)"));
    }
    Campaign campaign = campaigns.requireCampaign(m.campaignId());
    Instant now = ctx.clock().instant();
    String why = reason == null || reason.isBlank() ? "the lead got it" : reason.strip();
    CampaignMessage sent = m.withSent(now, "marked sent by " + operator.strip() + ": " + why);
    String rfcId = String.valueOf(m.messageId());
    StoreChanges.Builder changes = StoreChanges.builder().message(sent);
    List<CampaignEvent> events = new ArrayList<>();
    events.add(
        ctx.event(
            now,
            campaign,
            sent,
            new EventPayload.MessageMarkedSent(m.type().name(), rfcId, operator.strip(), why)));
    events.add(
        ctx.event(
            now,
            campaign,
            sent,
            new EventPayload.MessageSent(m.type().name(), rfcId, null, false)));
    List<CampaignMessage> all = new ArrayList<>(store.findMessages(m.campaignId()));
    all.sort(Comparator.comparingInt(CampaignMessage::stepIndex));
    CampaignMessage next =
        all.stream().filter(x -> x.stepIndex() == m.stepIndex() + 1).findFirst().orElse(null);
    Lead lead = store.findLead(m.leadId()).orElse(null);
    if (next != null
        && next.status() == DeliveryStatus.PENDING
        && lead != null
        && campaign.status() == CampaignStatus.ACTIVE) {
      Instant at =
          ctx.schedule()
              .nextSend(
                  Experiment.timing(campaign.config(), lead.id(), next.stepIndex()),
                  lead,
                  next.stepIndex(),
                  now);
      CampaignMessage scheduled = next.withScheduled(at);
      changes.message(scheduled);
      events.add(
          ctx.event(
              now,
              campaign,
              scheduled,
              new EventPayload.MessageScheduled(scheduled.type().name(), at, null, null, false)));
    }
    events.forEach(changes::event);
    ctx.commitAndPublish(changes, events);
    if (next == null) {
      campaigns.completeIfActive(campaign.id(), now);
    }
    return sent;
  }
}
