package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.spi.CampaignPage;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's view of the store: every call goes to the store, except that once the application
 * stops ({@link ClaimGate#close()}) no message is claimed any more, so a round under way finishes
 * the messages it already holds and takes no new ones.
 */
final class DrainingStore implements CampaignStore {
  private final CampaignStore store;
  private final ClaimGate gate;

  DrainingStore(CampaignStore store, ClaimGate gate) {
    this.store = store;
    this.gate = gate;
  }

  @Override
  public List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit) {
    return gate.isClosed() ? List.of() : store.claimDueMessages(now, owner, lease, limit);
  }

  @Override
  public List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit, QueuePriority priority) {
    return gate.isClosed() ? List.of() : store.claimDueMessages(now, owner, lease, limit, priority);
  }

  @Override
  public int releaseClaims(String owner) {
    return store.releaseClaims(owner);
  }

  @Override
  public void commit(StoreChanges changes) {
    store.commit(changes);
  }

  @Override
  public Optional<Lead> findLead(String leadId) {
    return store.findLead(leadId);
  }

  @Override
  public List<Lead> findLeadsByEmail(String email) {
    return store.findLeadsByEmail(email);
  }

  @Override
  public Optional<Campaign> findCampaign(String campaignId) {
    return store.findCampaign(campaignId);
  }

  @Override
  public List<Campaign> findCampaignsByLead(String leadId) {
    return store.findCampaignsByLead(leadId);
  }

  @Override
  public List<Campaign> listCampaigns(@Nullable String afterId, int limit) {
    return store.listCampaigns(afterId, limit);
  }

  @Override
  public List<Campaign> findCampaignsToResume(Instant now, int limit) {
    return store.findCampaignsToResume(now, limit);
  }

  @Override
  public List<CampaignMessage> findMessages(String campaignId) {
    return store.findMessages(campaignId);
  }

  @Override
  public Optional<CampaignMessage> findMessageByMessageId(String messageId) {
    return store.findMessageByMessageId(messageId);
  }

  @Override
  public List<CampaignMessage> findDueMessages(Instant now, int limit) {
    return store.findDueMessages(now, limit);
  }

  @Override
  public List<CampaignMessage> findMessagesByStatus(
      DeliveryStatus status, @Nullable String afterId, int limit) {
    return store.findMessagesByStatus(status, afterId, limit);
  }

  @Override
  public QueueCounts countQueue(Instant now) {
    return store.countQueue(now);
  }

  @Override
  public List<CampaignEvent> findEvents(String campaignId) {
    return store.findEvents(campaignId);
  }

  @Override
  public List<CampaignEvent> findEventsByType(EventType type, @Nullable String afterId, int limit) {
    return store.findEventsByType(type, afterId, limit);
  }

  @Override
  public Optional<StoredReply> findReply(String replyId) {
    return store.findReply(replyId);
  }

  @Override
  public boolean isSuppressed(String email) {
    return store.isSuppressed(email);
  }

  @Override
  public String toString() {
    return store.toString();
  }

  @Override
  public boolean commitsSendBatches() {
    return store.commitsSendBatches();
  }

  @Override
  public void commitSending(StoreChanges changes) {
    store.commitSending(changes);
  }

  @Override
  public boolean handOver(String messageId, String owner) {
    return store.handOver(messageId, owner);
  }

  @Override
  public Set<String> findSendingInFlight(Collection<String> messageIds, Instant now) {
    return store.findSendingInFlight(messageIds, now);
  }

  @Override
  public Map<String, Campaign> findCampaigns(Collection<String> campaignIds) {
    return store.findCampaigns(campaignIds);
  }

  @Override
  public Map<String, Lead> findLeads(Collection<String> leadIds) {
    return store.findLeads(leadIds);
  }

  @Override
  public Map<String, List<CampaignMessage>> findMessages(Collection<String> campaignIds) {
    return store.findMessages(campaignIds);
  }

  @Override
  public Set<String> findSuppressed(Collection<String> emails) {
    return store.findSuppressed(emails);
  }

  @Override
  public Map<String, CampaignEvent> findLastEvents(Collection<String> campaignIds) {
    return store.findLastEvents(campaignIds);
  }

  @Override
  public List<String> searchCampaignIds(CampaignSearch search, @Nullable String after, int limit) {
    return store.searchCampaignIds(search, after, limit);
  }

  @Override
  public CampaignPage searchCampaigns(CampaignSearch search, @Nullable String after, int limit) {
    return store.searchCampaigns(search, after, limit);
  }

  @Override
  public List<com.fourrunr.campaign.spi.Suppression> findSuppressions(
      String query, @Nullable String afterKey, int limit) {
    return store.findSuppressions(query, afterKey, limit);
  }

  @Override
  public List<StoredReply> findRepliesByCategory(
      com.fourrunr.campaign.ReplyCategory category, @Nullable String afterId, int limit) {
    return store.findRepliesByCategory(category, afterId, limit);
  }
}
