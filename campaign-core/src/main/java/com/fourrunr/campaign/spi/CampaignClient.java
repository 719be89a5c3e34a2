package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.QueueStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The narrow view of a running engine that integrations receive instead of the whole {@link
 * com.fourrunr.campaign.CampaignEngine}: health and alert monitors, metrics, the tracking handler.
 * The engine implements it; a host passes its engine where a client is asked for. Its meaning is
 * the engine's: each method does what the engine method of the same name documents.
 */
public interface CampaignClient {
  /** The configuration new campaigns are created with. */
  CampaignConfig config();

  /** The store the engine writes to, for reading campaigns, messages and events. */
  CampaignStore store();

  /** The engine's clock, for components that judge ages and windows on the same time. */
  Clock clock();

  /** Whether the engine was built with a reply source. */
  boolean hasReplySource();

  /** When the engine last read its reply source to the end without failing; empty before. */
  Optional<Instant> lastReplyPoll();

  /**
   * The send queue now: messages per state, the oldest due message's age and each mailbox's sends.
   */
  QueueStatus queueStatus();

  /**
   * Pauses a sending mailbox until it is resumed; stored, so it survives a restart. Idempotent.
   *
   * @param address the sending mailbox
   * @param reason why, kept with the pause
   * @return true when the mailbox was not paused before
   */
  boolean pauseMailbox(String address, String reason);

  /** The paused sending mailboxes, address to the reason given, as this instance last read them. */
  Map<String, String> pausedMailboxes();

  /**
   * Stores an alert event not tied to a campaign and tells the listeners.
   *
   * @param rule the rule that raised it
   * @param reason what holds
   * @param attributes further attributes of the event
   */
  void recordAlert(String rule, String reason, Map<String, String> attributes);

  /**
   * Stores an open or a click of a message as an event on its campaign, lead and message.
   *
   * @deprecated use {@link #recordEngagement(CampaignMessage, EventPayload)}; this form decodes the
   *     stored attribute map
   * @param type {@link EventType#MESSAGE_OPENED} or {@link EventType#LINK_CLICKED}
   * @param message the message opened or clicked
   * @param attributes the event's attributes
   * @return the stored event
   * @throws InvalidInputException when the type is neither an open nor a click
   */
  @Deprecated
  CampaignEvent recordEngagement(
      EventType type, CampaignMessage message, Map<String, String> attributes);

  /**
   * Stores an open or a click of a message as an event on its campaign, lead and message, timed by
   * the engine's clock, then tells the listeners.
   *
   * @param message the message opened or clicked
   * @param payload an {@link com.fourrunr.campaign.EventPayload.MessageOpened} or {@link
   *     com.fourrunr.campaign.EventPayload.LinkClicked}
   * @return the stored event
   * @throws InvalidInputException when the payload is neither an open nor a click
   */
  CampaignEvent recordEngagement(CampaignMessage message, EventPayload payload);

  /**
   * Suppresses an address and stops its running campaign. Idempotent.
   *
   * @param email the address to unsubscribe
   * @param campaignId the campaign the link was sent for, or null
   * @param source how it came, for the stop reason, such as {@code one-click}
   * @return whether anything changed
   * @throws InvalidInputException when the address is blank
   */
  boolean unsubscribe(String email, @Nullable String campaignId, String source);
}
