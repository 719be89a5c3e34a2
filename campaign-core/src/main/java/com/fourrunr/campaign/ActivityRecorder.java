package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Events other parts of the library leave through the engine: alerts of the alert rules, opens and
 * clicks.
 */
final class ActivityRecorder {
  private final EngineContext ctx;
  private final Clock clock;
  private final Supplier<String> ids;

  ActivityRecorder(EngineContext ctx) {
    this.ctx = ctx;
    this.clock = ctx.clock();
    this.ids = ctx.ids();
  }

  /** See {@link CampaignEngine#recordAlert}. */
  void recordAlert(String rule, String reason, Map<String, String> attributes) {
    Map<String, String> details = new java.util.LinkedHashMap<>(attributes);
    details.remove("rule");
    details.remove("reason");
    EventPayload alert =
        new EventPayload.AlertRaised(
            details,
            Objects.requireNonNull(rule, "rule"),
            Objects.requireNonNull(reason, "reason"),
            null,
            null,
            null,
            false);
    CampaignEvent e = new CampaignEvent(ids.get(), clock.instant(), null, null, null, alert);
    ctx.commitAndPublish(StoreChanges.builder().event(e), List.of(e));
  }

  /** See {@link CampaignEngine#recordEngagement}. */
  CampaignEvent recordEngagement(CampaignMessage message, EventPayload engagement) {
    EventType type = engagement.type();
    if (type != EventType.MESSAGE_OPENED && type != EventType.LINK_CLICKED) {
      throw InvalidInputException.of(
          "engagement", "type", type + " is neither MESSAGE_OPENED nor LINK_CLICKED");
    }
    CampaignEvent e =
        new CampaignEvent(
            ids.get(),
            clock.instant(),
            message.campaignId(),
            message.leadId(),
            message.id(),
            engagement);
    ctx.commitAndPublish(StoreChanges.builder().event(e), List.of(e));
    return e;
  }
}
