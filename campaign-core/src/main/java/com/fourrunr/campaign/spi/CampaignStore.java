package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueuePriority;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps leads, campaigns, messages, events, replies and suppressions. Implementations: the
 * in-memory store in {@code campaign-testing} and the JDBC store. Every implementation must be
 * thread-safe and pass the store contract tests.
 *
 * <p>All writes go through {@link #commit(StoreChanges)}, atomically. Reads that can return many
 * rows take a limit, so callers page through them in bounded memory.
 *
 * <p><b>Claims.</b> Several engine instances may share one store. An instance takes due messages
 * with {@link #claimDueMessages}, which marks them as its own until a lease runs out, and commits
 * each change to a claimed message with {@link StoreChanges.Builder#expectClaim}. Such a change
 * writes only the message's delivery state (status, scheduled and sent times, Message-ID, attempts,
 * last error, provider response): its campaign, lead, step, type, subject and bodies stay those it
 * was claimed with. Any write of a message releases its claim. So a message is sent by one instance
 * only, whatever the clocks say: an instance whose claim was taken over (after its lease, by
 * another instance's clock) finds its commit refused. Clock skew between instances only moves when
 * a dead instance's claims are taken over, by the size of the skew. An instance restarted under the
 * same owner name takes its own claims back at once ({@link #releaseClaims}); each running instance
 * needs its own name.
 */
public interface CampaignStore {
  /**
   * Writes every change in one transaction, or nothing.
   *
   * @throws ConcurrentUpdateException when a campaign's stored version is not the one the change
   *     expects (a new campaign must not exist yet)
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
   * Up to {@code limit} {@link DeliveryStatus#SCHEDULED} messages due at or before {@code now},
   * earliest first, claimed or not.
   */
  List<CampaignMessage> findDueMessages(Instant now, int limit);

  /**
   * Atomically claims up to {@code limit} due messages for {@code owner}: {@link
   * DeliveryStatus#SCHEDULED} messages due at or before {@code now} that no one claims, or whose
   * claim expired before {@code now}. Each stays claimed until {@code now + lease}, so other
   * instances skip it. Earliest due first; two concurrent calls never return the same message.
   */
  List<CampaignMessage> claimDueMessages(Instant now, String owner, Duration lease, int limit);

  /**
   * Claims due messages as {@link #claimDueMessages(Instant, String, Duration, int)} does, taking
   * them in the given {@code priority} order across the whole queue (with {@link
   * QueuePriority#FOLLOW_UPS_FIRST}, every due follow-up before any due first message), and returns
   * them in that order.
   *
   * <p>The default implementation claims the earliest due messages and only orders the batch; the
   * stores of this library override it to honour the priority across the queue.
   */
  default List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit, QueuePriority priority) {
    List<CampaignMessage> claimed =
        new java.util.ArrayList<>(claimDueMessages(now, owner, lease, limit));
    claimed.sort(priority.order());
    return claimed;
  }

  /**
   * Releases every claim {@code owner} holds, so those messages can be claimed again at once;
   * returns how many were released. An engine calls it once when it starts: an instance restarted
   * under the same {@linkplain com.fourrunr.campaign.CampaignEngineBuilder#instanceId(String)
   * instance id} takes back what it had claimed before a crash at once instead of after the lease.
   * Only claims are released: a message written since its claim (a {@link DeliveryStatus#SENDING}
   * one in particular) holds none and is not touched, and the claims of other owners stay.
   *
   * <p>The default implementation releases nothing (the claims then run out with their lease); the
   * stores of this library override it.
   */
  default int releaseClaims(String owner) {
    return 0;
  }

  /**
   * Up to {@code limit} messages in one status ordered by id, after {@code afterId} (null: from the
   * first): how dead letters ({@link DeliveryStatus#DEAD_LETTERED}) and uncertain sends ({@link
   * DeliveryStatus#SENDING}) are listed.
   */
  List<CampaignMessage> findMessagesByStatus(
      DeliveryStatus status, @Nullable String afterId, int limit);

  /**
   * Counts the messages per queue state at {@code now} (see {@link QueueCounts}). May read every
   * message row: meant for a status page or a metric polled now and then, not for each send.
   */
  QueueCounts countQueue(Instant now);

  /** A campaign's events, in the order they were stored. */
  List<CampaignEvent> findEvents(String campaignId);

  /**
   * Up to {@code limit} events of one type, in the order stored, after the event {@code afterId}.
   */
  List<CampaignEvent> findEventsByType(EventType type, @Nullable String afterId, int limit);

  /** An incoming mail by id. */
  Optional<StoredReply> findReply(String replyId);

  /** Whether an address is suppressed (any case). */
  boolean isSuppressed(String email);

  /**
   * Whether the engine stores a send batch's Message-IDs in one commit: every message of the batch
   * as {@link DeliveryStatus#SENDING} before any send, each send then recorded (with {@link
   * #commitSentAndHandOver}) before the next one is handed over. A crash after the first commit
   * leaves the messages SENDING, that is uncertain, unless the store keeps their claims until each
   * is handed over (see {@link #commitSending}): then only the one handed over and not yet recorded
   * stays uncertain, as with two commits per message. Worth it where each commit is a durable
   * flush; the JDBC store says yes on PostgreSQL. The default, false, keeps two commits per
   * message.
   */
  default boolean commitsSendBatches() {
    return false;
  }

  /**
   * Commits the changes that store claimed messages as {@link DeliveryStatus#SENDING} before their
   * sends, as {@link #commit} does. A store may keep the claims of those messages instead of
   * releasing them, until each is {@linkplain #handOver handed over}, so that a crash between the
   * commit of a send batch and its sends leaves the messages never handed over claimable again
   * rather than uncertain. The engine stores every SENDING message through this method and calls
   * {@link #handOver} before each send.
   *
   * <p>A store that keeps those claims must also: release a claim in {@link #handOver}, in one
   * write that succeeds only while the message is still SENDING and claimed by the owner and that
   * survives the death of the engine's process once the method returns; when such a claim runs out
   * (or its owner {@linkplain #releaseClaims releases its claims}), put the message back to {@link
   * DeliveryStatus#SCHEDULED}, keeping its Message-ID, only if it can tell that no hand-over of it
   * can have been lost (otherwise the message loses its claim and stays SENDING, that is
   * uncertain); and answer {@link #findSendingInFlight}. A store that wraps another must forward
   * this method and {@link #handOver} together, or neither.
   *
   * <p>The default implementation is {@link #commit}: the claims are released.
   */
  default void commitSending(StoreChanges changes) {
    commit(changes);
  }

  /**
   * Commits the record of sends whose messages are stored as {@link DeliveryStatus#SENDING}
   * already: their SENT state, their next steps and their events. Such a commit need not wait for
   * the store's log to reach the disk: lost in a crash of the database, its messages stay SENDING
   * (uncertain, never sent again by the engine), as when the engine dies between a message's two
   * commits. The JDBC store on PostgreSQL commits it so ({@code synchronous_commit = off}), which
   * spares each send one flush of the log.
   *
   * <p>The default implementation is {@link #commit}.
   */
  default void commitSent(StoreChanges changes) {
    commit(changes);
  }

  /**
   * Hands a message stored as {@link DeliveryStatus#SENDING} (see {@link #commitSending}) over to
   * the sender: the engine calls it just before each send, with the owner of the claim under which
   * it stored the message, and sends only when it returns true (false: the message was taken back
   * meanwhile, and the engine leaves it alone). A store that kept the claim releases it here.
   *
   * <p>The default implementation hands every message over (returns true): nothing to release where
   * {@link #commitSending} kept no claim.
   */
  default boolean handOver(String messageId, String owner) {
    return true;
  }

  /**
   * {@link #commitSent Commits the record} of one send, then {@linkplain #handOver hands over} the
   * next message of its batch: the engine calls it between two sends of a send batch (see {@link
   * #commitsSendBatches}), so that each send is recorded before the next one starts and a crash
   * leaves at most one message uncertain. The record is committed whether or not the hand-over
   * succeeds; the result is the hand-over's. A store may do both in one round trip.
   *
   * <p>The default implementation calls {@link #commitSent}, then {@link #handOver}.
   */
  default boolean commitSentAndHandOver(StoreChanges sent, String messageId, String owner) {
    commitSent(sent);
    return handOver(messageId, owner);
  }

  /**
   * The ids among {@code messageIds} of {@link DeliveryStatus#SENDING} messages that still hold a
   * claim running at {@code now} (see {@link #commitSending}): being sent by a running instance,
   * not uncertain. The default implementation returns none (a SENDING write releases the claim).
   */
  default Set<String> findSendingInFlight(Collection<String> messageIds, Instant now) {
    return Set.of();
  }

  /**
   * The stored campaigns among {@code campaignIds}, by id (ids not stored are left out): what a
   * send batch reads in one query. The default implementation reads them one by one; the JDBC store
   * reads them in one query.
   */
  default Map<String, Campaign> findCampaigns(Collection<String> campaignIds) {
    Map<String, Campaign> found = new LinkedHashMap<>();
    for (String id : campaignIds) {
      findCampaign(id).ifPresent(c -> found.put(id, c));
    }
    return found;
  }

  /**
   * The stored leads among {@code leadIds}, by id (ids not stored are left out). The default
   * implementation reads them one by one; the JDBC store reads them in one query.
   */
  default Map<String, Lead> findLeads(Collection<String> leadIds) {
    Map<String, Lead> found = new LinkedHashMap<>();
    for (String id : leadIds) {
      findLead(id).ifPresent(l -> found.put(id, l));
    }
    return found;
  }

  /**
   * The messages of each of {@code campaignIds}, by step, by campaign id (a campaign without
   * messages maps to an empty list). The default implementation reads them campaign by campaign;
   * the JDBC store reads them in one query.
   */
  default Map<String, List<CampaignMessage>> findMessages(Collection<String> campaignIds) {
    Map<String, List<CampaignMessage>> found = new LinkedHashMap<>();
    for (String id : campaignIds) {
      found.put(id, findMessages(id));
    }
    return found;
  }

  /**
   * The latest stored event of each of {@code campaignIds} (the last one {@link #findEvents}
   * lists), by campaign id; campaigns without events, or not stored, are left out: what an
   * operator's campaign list reads once per page. The default implementation reads the events
   * campaign by campaign; the JDBC store reads the page's last events in one query.
   */
  default Map<String, CampaignEvent> findLastEvents(Collection<String> campaignIds) {
    Map<String, CampaignEvent> found = new LinkedHashMap<>();
    for (String id : campaignIds) {
      if (!found.containsKey(id)) {
        List<CampaignEvent> events = findEvents(id);
        if (!events.isEmpty()) {
          found.put(id, events.get(events.size() - 1));
        }
      }
    }
    return found;
  }

  /**
   * The open campaigns (active, paused or held) of the leads {@code leadIds} and of the leads with
   * the addresses {@code emails} (any case): what enrolment reads once per batch to keep one open
   * campaign per person. For each lead id, an open campaign of that lead; for each address, an open
   * campaign of a lead with that address (the first by lead id, then by creation). The default
   * implementation reads lead by lead and address by address; the JDBC store reads them in one
   * query.
   */
  default OpenCampaigns findOpenCampaigns(Collection<String> leadIds, Collection<String> emails) {
    Map<String, Campaign> byLead = new LinkedHashMap<>();
    for (String id : leadIds) {
      if (!byLead.containsKey(id)) {
        findCampaignsByLead(id).stream()
            .filter(c -> c.status().isOpen())
            .findFirst()
            .ifPresent(c -> byLead.put(id, c));
      }
    }
    Map<String, Campaign> byEmail = new LinkedHashMap<>();
    for (String email : emails) {
      if (byEmail.containsKey(email)) {
        continue;
      }
      leads:
      for (Lead other : findLeadsByEmail(email)) {
        for (Campaign c : findCampaignsByLead(other.id())) {
          if (c.status().isOpen()) {
            byEmail.put(email, c);
            break leads;
          }
        }
      }
    }
    return new OpenCampaigns(byLead, byEmail);
  }

  /**
   * Which of {@code emails} are suppressed (any case): the addresses as given. The default
   * implementation asks {@link #isSuppressed} for each; the JDBC store asks in one query.
   */
  default Set<String> findSuppressed(Collection<String> emails) {
    Set<String> found = new LinkedHashSet<>();
    for (String email : emails) {
      if (isSuppressed(email)) {
        found.add(email);
      }
    }
    return found;
  }

  /**
   * Up to {@code limit} ids of campaigns that match {@code search}, ordered by id, after {@code
   * after} (null: from the first): the keyset paging of an operator's campaign list, and what a
   * bulk action walks through. Campaigns whose lead is not stored are left out.
   *
   * <p>The default implementation scans {@link #listCampaigns} (fine for small stores); the JDBC
   * store answers from indexes at any size.
   */
  default List<String> searchCampaignIds(CampaignSearch search, @Nullable String after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<String> found = new java.util.ArrayList<>();
    String cursor = after;
    while (found.size() < limit) {
      List<Campaign> batch = listCampaigns(cursor, 500);
      if (batch.isEmpty()) {
        break;
      }
      Map<String, Lead> leads = findLeads(batch.stream().map(Campaign::leadId).toList());
      for (Campaign c : batch) {
        Lead lead = leads.get(c.leadId());
        if (lead != null && search.matches(c, lead) && found.size() < limit) {
          found.add(c.id());
        }
      }
      cursor = batch.get(batch.size() - 1).id();
    }
    return found;
  }

  /**
   * One page of at most {@code limit} campaigns that match {@code search}, ordered by id, after
   * {@code after} (null: from the first), each with its lead, progress, next send and last event.
   * The page's {@link CampaignPage#next()} is where the following page starts.
   *
   * <p>The default implementation reads the ids with {@link #searchCampaignIds} and the rest with
   * the set reads ({@link #findCampaigns(Collection)}, {@link #findLeads(Collection)}, {@link
   * #findMessages(Collection)}, {@link #findLastEvents(Collection)}): a fixed number of reads per
   * page, whatever its size.
   */
  default CampaignPage searchCampaigns(CampaignSearch search, @Nullable String after, int limit) {
    List<String> ids = searchCampaignIds(search, after, limit + 1);
    boolean more = ids.size() > limit;
    List<String> page = more ? ids.subList(0, limit) : ids;
    Map<String, Campaign> campaigns = findCampaigns(page);
    Map<String, Lead> leads = findLeads(campaigns.values().stream().map(Campaign::leadId).toList());
    Map<String, List<CampaignMessage>> messages = findMessages(page);
    Map<String, CampaignEvent> lastEvents = findLastEvents(page);
    List<CampaignRow> rows = new java.util.ArrayList<>();
    for (String id : page) {
      Campaign c = campaigns.get(id);
      Lead lead = c == null ? null : leads.get(c.leadId());
      if (c == null || lead == null) {
        continue;
      }
      int sent = 0;
      Instant next = null;
      for (CampaignMessage m : messages.getOrDefault(id, List.of())) {
        if (m.sentAt() != null) {
          sent++;
        }
        Instant due = m.scheduledAt();
        if (m.status() == DeliveryStatus.SCHEDULED
            && due != null
            && (next == null || due.isBefore(next))) {
          next = due;
        }
      }
      rows.add(new CampaignRow(c, lead, sent, next, lastEvents.get(id)));
    }
    return new CampaignPage(rows, more ? page.get(page.size() - 1) : null);
  }

  /**
   * Up to {@code limit} suppression entries (addresses and domain entries, written {@code @domain})
   * whose key contains {@code query} (any case; blank: all), ordered by key, after {@code afterKey}
   * (null: from the first): the suppression list as an operator searches it.
   *
   * <p>Whether an address is suppressed ({@link #isSuppressed}, {@link #findSuppressed}) takes
   * domain entries into account: an address at a suppressed domain is suppressed. {@code
   * SuppressionListContract} (campaign-testing) states what an implementation must do.
   */
  List<Suppression> findSuppressions(String query, @Nullable String afterKey, int limit);

  /**
   * Up to {@code limit} stored incoming mails of one category ordered by id, after {@code afterId}
   * (null: from the first): how the mails waiting for a person ({@link
   * com.fourrunr.campaign.ReplyCategory#NEEDS_REVIEW}) are listed.
   */
  List<StoredReply> findRepliesByCategory(
      com.fourrunr.campaign.ReplyCategory category, @Nullable String afterId, int limit);
}
