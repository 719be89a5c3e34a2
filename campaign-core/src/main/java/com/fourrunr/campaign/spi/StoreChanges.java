package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Lead;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one step of the engine writes, committed by {@link CampaignStore#commit} in one
 * transaction: a state change is never stored without its event, nor an event without its state.
 *
 * @param leads leads to insert or replace, by id
 * @param campaigns campaigns to insert (version 0) or update (the stored version must be one less)
 * @param messages messages to insert or replace, by id; a message whose claim the changes expect
 *     (see {@link Builder#expectClaim}) keeps its stored identity and copy, and only its delivery
 *     state is written
 * @param events events to append
 * @param suppressions addresses to suppress (an address already suppressed keeps its first entry)
 * @param replies incoming mail to insert or replace, by id
 * @param claims conditions: messages that must still be claimed by the given owner, or nothing is
 *     written
 * @param unsuppressions suppression entries to remove (an address, or a domain entry written
 *     {@code @domain}); an entry not listed is ignored
 * @param deliveryOnly ids of messages in {@code messages} whose delivery state alone is written
 *     (see {@link Builder#messageDelivery})
 */
public record StoreChanges(
    List<Lead> leads,
    List<Campaign> campaigns,
    List<CampaignMessage> messages,
    List<CampaignEvent> events,
    List<Suppression> suppressions,
    List<StoredReply> replies,
    List<MessageClaim> claims,
    List<String> unsuppressions,
    Set<String> deliveryOnly) {

  /** Freezes the lists. */
  public StoreChanges {
    leads = List.copyOf(leads);
    campaigns = List.copyOf(campaigns);
    messages = List.copyOf(messages);
    events = List.copyOf(events);
    suppressions = List.copyOf(suppressions);
    replies = List.copyOf(replies);
    claims = List.copyOf(claims);
    unsuppressions = List.copyOf(unsuppressions);
    deliveryOnly = Set.copyOf(deliveryOnly);
  }

  /** Changes in which every message is written whole. */
  public StoreChanges(
      List<Lead> leads,
      List<Campaign> campaigns,
      List<CampaignMessage> messages,
      List<CampaignEvent> events,
      List<Suppression> suppressions,
      List<StoredReply> replies,
      List<MessageClaim> claims,
      List<String> unsuppressions) {
    this(
        leads,
        campaigns,
        messages,
        events,
        suppressions,
        replies,
        claims,
        unsuppressions,
        Set.of());
  }

  /** Changes that remove no suppression. */
  public StoreChanges(
      List<Lead> leads,
      List<Campaign> campaigns,
      List<CampaignMessage> messages,
      List<CampaignEvent> events,
      List<Suppression> suppressions,
      List<StoredReply> replies,
      List<MessageClaim> claims) {
    this(leads, campaigns, messages, events, suppressions, replies, claims, List.of(), Set.of());
  }

  /** Starts an empty set of changes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether there is nothing to write (conditions alone write nothing). */
  public boolean isEmpty() {
    return leads.isEmpty()
        && campaigns.isEmpty()
        && messages.isEmpty()
        && events.isEmpty()
        && suppressions.isEmpty()
        && replies.isEmpty()
        && unsuppressions.isEmpty();
  }

  /** Collects changes; not thread-safe. */
  public static final class Builder {
    private final List<Lead> leads = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private final List<CampaignMessage> messages = new ArrayList<>();
    private final List<CampaignEvent> events = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<StoredReply> replies = new ArrayList<>();
    private final List<MessageClaim> claims = new ArrayList<>();
    private final List<String> unsuppressions = new ArrayList<>();
    private final Set<String> deliveryOnly = new LinkedHashSet<>();

    private Builder() {}

    /** Adds a lead. */
    public Builder lead(Lead lead) {
      leads.add(lead);
      return this;
    }

    /** Adds a campaign. */
    public Builder campaign(Campaign campaign) {
      campaigns.add(campaign);
      return this;
    }

    /** Adds a message. */
    public Builder message(CampaignMessage message) {
      messages.add(message);
      return this;
    }

    /**
     * Adds the write of a stored message's delivery state only: its status, scheduled time, send
     * time, Message-ID, attempts, last error and provider response, with its claim released, while
     * its campaign, lead, step, type, subject and bodies stay as stored (so a store need not send
     * or rewrite the copy on the hot path). A message that is not stored (erased meanwhile, say) is
     * not written again. A store that does not tell such writes apart from {@link #message} writes
     * the whole message, which carries the same delivery state.
     */
    public Builder messageDelivery(CampaignMessage message) {
      messages.add(message);
      deliveryOnly.add(message.id());
      return this;
    }

    /** Adds messages. */
    public Builder messages(List<CampaignMessage> list) {
      messages.addAll(list);
      return this;
    }

    /** Adds an event. */
    public Builder event(CampaignEvent event) {
      events.add(event);
      return this;
    }

    /** Adds a suppression. */
    public Builder suppression(Suppression suppression) {
      suppressions.add(suppression);
      return this;
    }

    /** Adds a reply. */
    public Builder reply(StoredReply reply) {
      replies.add(reply);
      return this;
    }

    /**
     * Requires that {@code owner} still holds its claim on the message, or nothing is written.
     *
     * <p>A write of the message in the same changes is a write of its delivery only: its status,
     * scheduled time, send time, Message-ID, attempts, last error and provider response are written
     * and its claim released, while its campaign, lead, step, type, subject and bodies stay those
     * it was claimed with (a store need not send or rewrite the copy on the hot path). To change a
     * message's copy, write it without a claim.
     */
    public Builder expectClaim(String messageId, String owner) {
      claims.add(new MessageClaim(messageId, owner));
      return this;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
      return build().isEmpty();
    }

    /** The changes collected so far. */
    public StoreChanges build() {
      return new StoreChanges(
          leads,
          campaigns,
          messages,
          events,
          suppressions,
          replies,
          claims,
          unsuppressions,
          deliveryOnly);
    }

    /**
     * Removes a suppression entry: an address (normalised here) or a domain entry ({@code
     * @domain}).
     */
    public Builder unsuppress(String entry) {
      unsuppressions.add(com.fourrunr.campaign.EmailAddresses.normalise(entry));
      return this;
    }
  }
}
