package com.fourrunr.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable fact: a state change, a delivery or an engagement. Events are stored in the same
 * commit as the change they describe, then published to {@link CampaignListener}s.
 *
 * <p>What the event says beyond its ids is its typed {@link #payload()}, one {@link EventPayload}
 * record per {@link EventType}. Stores keep it as a string map ({@link #storedAttributes()}, read
 * back with {@link #fromStored}); that map is a storage format, not an API to read events by.
 *
 * @param id a unique id
 * @param type what happened
 * @param occurredAt when, by the engine's clock
 * @param campaignId the campaign concerned, or null (a skipped lead, an unmatched reply)
 * @param leadId the lead concerned, or null
 * @param messageId the {@link CampaignMessage#id()} concerned, or null
 * @param payload what happened, typed; its {@link EventPayload#type()} is {@code type}
 */
public record CampaignEvent(
    String id,
    EventType type,
    Instant occurredAt,
    @Nullable String campaignId,
    @Nullable String leadId,
    @Nullable String messageId,
    EventPayload payload) {

  /** Checks the required fields and that the payload belongs to the type. */
  public CampaignEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(payload, "payload");
    if (payload.type() != type) {
      throw new IllegalArgumentException(
          "a " + payload.type() + " payload in a " + type + " event");
    }
  }

  /** An event whose type is its payload's. */
  public CampaignEvent(
      String id,
      Instant occurredAt,
      @Nullable String campaignId,
      @Nullable String leadId,
      @Nullable String messageId,
      EventPayload payload) {
    this(
        id,
        Objects.requireNonNull(payload, "payload").type(),
        occurredAt,
        campaignId,
        leadId,
        messageId,
        payload);
  }

  /**
   * An event from attributes in the stored form (see {@link #fromStored}).
   *
   * @deprecated build the typed {@link EventPayload} instead; kept for hosts that built events from
   *     maps
   */
  @Deprecated
  public CampaignEvent(
      String id,
      EventType type,
      Instant occurredAt,
      @Nullable String campaignId,
      @Nullable String leadId,
      @Nullable String messageId,
      Map<String, String> attributes) {
    this(id, type, occurredAt, campaignId, leadId, messageId, EventCodec.decode(type, attributes));
  }

  /**
   * An event as a store read it: {@code stored} is a map written by {@link #storedAttributes()}
   * (format 2) or by a version before typed payloads (format 1, no marker). Missing or unreadable
   * values never fail: see {@link EventPayload}.
   */
  public static CampaignEvent fromStored(
      String id,
      EventType type,
      Instant occurredAt,
      @Nullable String campaignId,
      @Nullable String leadId,
      @Nullable String messageId,
      @Nullable Map<String, String> stored) {
    return new CampaignEvent(
        id, type, occurredAt, campaignId, leadId, messageId, EventCodec.decode(type, stored));
  }

  /**
   * The payload in the stored form, for stores only: a string map with a format marker, in a stable
   * key order. Read it back with {@link #fromStored}.
   */
  public Map<String, String> storedAttributes() {
    return EventCodec.stored(payload);
  }

  /**
   * The payload as the string map of earlier versions (the stored form without its format marker).
   *
   * @deprecated read {@link #payload()}; kept for hosts that read events by key
   */
  @Deprecated
  public Map<String, String> attributes() {
    return EventCodec.encode(payload);
  }

  /**
   * One value of {@link #attributes()}, or the empty string.
   *
   * @deprecated read {@link #payload()}; kept for hosts that read events by key
   */
  @Deprecated
  public String attribute(String name) {
    return attributes().getOrDefault(name, "");
  }
}
