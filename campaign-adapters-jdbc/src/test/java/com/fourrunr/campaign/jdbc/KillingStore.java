package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A store that kills its instance (throws {@link InstanceKilled}, an Error nothing catches) when it
 * is asked to record the send after the first {@code allowedSends}: the process "dies" with claims
 * held.
 */
final class KillingStore implements CampaignStore {
  private final CampaignStore delegate;
  private final int allowedSends;
  private int sendingCommits;
  private int claimed;

  KillingStore(CampaignStore delegate, int allowedSends) {
    this.delegate = delegate;
    this.allowedSends = allowedSends;
  }

  synchronized int claimed() {
    return claimed;
  }

  @Override
  public synchronized void commit(StoreChanges changes) {
    if (changes.messages().stream().anyMatch(m -> m.status() == DeliveryStatus.SENDING)
        && ++sendingCommits > allowedSends) {
      throw new InstanceKilled();
    }
    delegate.commit(changes);
  }

  @Override
  public synchronized List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit) {
    List<CampaignMessage> result = delegate.claimDueMessages(now, owner, lease, limit);
    claimed += result.size();
    return result;
  }

  @Override
  public int releaseClaims(String owner) {
    return delegate.releaseClaims(owner);
  }

  @Override
  public Optional<Lead> findLead(String leadId) {
    return delegate.findLead(leadId);
  }

  @Override
  public List<Lead> findLeadsByEmail(String email) {
    return delegate.findLeadsByEmail(email);
  }

  @Override
  public Optional<Campaign> findCampaign(String campaignId) {
    return delegate.findCampaign(campaignId);
  }

  @Override
  public List<Campaign> findCampaignsByLead(String leadId) {
    return delegate.findCampaignsByLead(leadId);
  }

  @Override
  public List<Campaign> listCampaigns(@Nullable String afterId, int limit) {
    return delegate.listCampaigns(afterId, limit);
  }

  @Override
  public List<Campaign> findCampaignsToResume(Instant now, int limit) {
    return delegate.findCampaignsToResume(now, limit);
  }

  @Override
  public List<CampaignMessage> findMessages(String campaignId) {
    return delegate.findMessages(campaignId);
  }

  @Override
  public Optional<CampaignMessage> findMessageByMessageId(String messageId) {
    return delegate.findMessageByMessageId(messageId);
  }

  @Override
  public List<CampaignMessage> findDueMessages(Instant now, int limit) {
    return delegate.findDueMessages(now, limit);
  }

  @Override
  public List<CampaignEvent> findEvents(String campaignId) {
    return delegate.findEvents(campaignId);
  }

  @Override
  public List<CampaignEvent> findEventsByType(EventType type, @Nullable String afterId, int limit) {
    return delegate.findEventsByType(type, afterId, limit);
  }

  @Override
  public List<CampaignMessage> findMessagesByStatus(
      DeliveryStatus status, @Nullable String afterId, int limit) {
    return delegate.findMessagesByStatus(status, afterId, limit);
  }

  @Override
  public QueueCounts countQueue(Instant now) {
    return delegate.countQueue(now);
  }

  @Override
  public Optional<StoredReply> findReply(String replyId) {
    return delegate.findReply(replyId);
  }

  @Override
  public boolean isSuppressed(String email) {
    return delegate.isSuppressed(email);
  }

  @Override
  public List<com.fourrunr.campaign.spi.Suppression> findSuppressions(
      String query, @Nullable String afterKey, int limit) {
    return delegate.findSuppressions(query, afterKey, limit);
  }

  @Override
  public List<com.fourrunr.campaign.spi.StoredReply> findRepliesByCategory(
      com.fourrunr.campaign.ReplyCategory category, @Nullable String afterId, int limit) {
    return delegate.findRepliesByCategory(category, afterId, limit);
  }
}

/** The instance "died": thrown as an Error so no catch in the engine stops it. */
final class InstanceKilled extends Error {
  private static final long serialVersionUID = 1L;
}
