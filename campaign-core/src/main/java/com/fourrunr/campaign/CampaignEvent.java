package com.fourrunr.campaign;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable fact: a state change, a delivery or an engagement. Events are stored in the same commit as
 * the change they describe, then published to {@link CampaignListener}s.
 *
 * @param id a unique id
 * @param type what happened
 * @param occurredAt when, by the engine's clock
 * @param campaignId the campaign concerned, or null (a skipped lead, an unmatched reply)
 * @param leadId the lead concerned, or null
 * @param messageId the {@link CampaignMessage#id()} concerned, or null
 * @param attributes further facts by name, in insertion order
 */
public record CampaignEvent(
    String id,
    EventType type,
    Instant occurredAt,
    @Nullable String campaignId,
    @Nullable String leadId,
    @Nullable String messageId,
    Map<String, String> attributes) {

  /** Checks the required fields and freezes the attributes. */
  public CampaignEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    attributes =
        attributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** One attribute, or the empty string. */
  public String attribute(String name) {
    return attributes.getOrDefault(name, "");
  }
}
