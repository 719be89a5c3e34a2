package com.fourrunr.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps leads, campaigns, messages, events, replies and suppressions. Implementations: the in-memory store
 * in {@code campaign-testing} and the JDBC store. Every implementation must be thread-safe and pass the
 * store contract tests.
 *
 * <p>All writes go through {@link #commit(StoreChanges)}, atomically. Reads that can return many rows take
 * a limit, so callers page through them in bounded memory.
 */
public interface CampaignStore {
  /**
   * Writes every change in one transaction, or nothing.
   *
   * @throws ConcurrentUpdateException when a campaign's stored version is not the one the change expects
   *     (a new campaign must not exist yet)
   */
  void commit(StoreChanges changes);

  /** A lead by id. */
  Optional<Lead> findLead(String leadId);

  /** Leads with this address (any case). */
  List<Lead> findLeadsByEmail(String email);

  /** A campaign by id. */
  Optional<Campaign> findCampaign(String campaignId);

  /** Every campaign of a lead, oldest first. */
  List<Campaign> findCampaignsByLead(String leadId);

  /** Up to {@code limit} campaigns ordered by id, after {@code afterId} (null: from the first). */
  List<Campaign> listCampaigns(@Nullable String afterId, int limit);

  /** Up to {@code limit} paused campaigns whose {@code resumeAt} is at or before {@code now}. */
  List<Campaign> findCampaignsToResume(Instant now, int limit);

  /** A campaign's messages, by step. */
  List<CampaignMessage> findMessages(String campaignId);

  /** The message sent under an RFC 5322 Message-ID (with angle brackets). */
  Optional<CampaignMessage> findMessageByMessageId(String messageId);

  /**
   * Up to {@code limit} {@link DeliveryStatus#SCHEDULED} messages due at or before {@code now}, earliest
   * first.
   */
  List<CampaignMessage> findDueMessages(Instant now, int limit);

  /** A campaign's events, in the order they were stored. */
  List<CampaignEvent> findEvents(String campaignId);

  /** Up to {@code limit} events of one type, in the order stored, after the event {@code afterId}. */
  List<CampaignEvent> findEventsByType(EventType type, @Nullable String afterId, int limit);

  /** An incoming mail by id. */
  Optional<StoredReply> findReply(String replyId);

  /** Whether an address is suppressed (any case). */
  boolean isSuppressed(String email);
}
