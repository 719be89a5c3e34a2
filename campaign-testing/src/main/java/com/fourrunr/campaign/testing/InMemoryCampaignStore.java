package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.AlreadyInCampaignException;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.MessageClaim;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CampaignStore} in memory, with the same rules as the JDBC store: atomic commits,
 * optimistic versions, indexed reads, one open campaign per normalised address. Thread-safe (one
 * lock). For tests and the demo; it loses everything when the JVM stops.
 */
public final class InMemoryCampaignStore implements CampaignStore, ChannelTaskStore {
  private final Map<String, Lead> leads = new HashMap<>();
  private final Map<String, List<String>> leadIdsByEmail = new HashMap<>();
  private final NavigableMap<String, Campaign> campaigns = new TreeMap<>();
  private final Map<String, List<String>> campaignIdsByLead = new HashMap<>();
  private final Map<String, CampaignMessage> messages = new HashMap<>();
  private final Map<String, List<String>> messageIdsByCampaign = new HashMap<>();
  private final Map<String, String> messageByRfcId = new HashMap<>();

  /** The scheduled messages, follow-ups and first messages apart, for the queue priorities. */
  private final DueQueue due = new DueQueue();

  private final List<CampaignEvent> events = new ArrayList<>();
  private final Map<String, Integer> eventIndex = new HashMap<>();
  private final Map<String, List<Integer>> eventsByCampaign = new HashMap<>();
  private final Map<String, StoredReply> replies = new LinkedHashMap<>();
  private final Map<String, Suppression> suppressions = new HashMap<>();
  private final Map<String, Claim> claims = new HashMap<>();

  /** The open campaign of each normalised address (the JDBC store's unique index). */
  private final Map<String, String> openCampaignByEmail = new HashMap<>();

  private final Map<String, String> emailByOpenCampaign = new HashMap<>();

  private record Claim(String owner, Instant until) {}

  private final NavigableMap<String, ChannelTask> tasks = new TreeMap<>();
  private final Map<String, List<String>> taskIdsByCampaign = new HashMap<>();
  private final NavigableSet<ChannelTask> dueTasks =
      new TreeSet<>(Comparator.comparing(ChannelTask::dueAt).thenComparing(ChannelTask::id));

  @Override
  public synchronized void saveTasks(List<ChannelTask> changed, List<CampaignEvent> newEvents) {
    Map<String, ChannelTask> batch = new LinkedHashMap<>();
    for (ChannelTask t : changed) {
      ChannelTask stored = batch.containsKey(t.id()) ? batch.get(t.id()) : tasks.get(t.id());
      long storedVersion = stored == null ? -1 : stored.version();
      if (storedVersion != t.version() - 1) {
        throw new ConcurrentUpdateException(t.id(), t.version() - 1, storedVersion);
      }
      batch.put(t.id(), t);
    }
    StoreChanges.Builder b = StoreChanges.builder();
    newEvents.forEach(b::event);
    commit(b.build());
    for (ChannelTask t : batch.values()) {
      ChannelTask old = tasks.put(t.id(), t);
      if (old == null) {
        taskIdsByCampaign.computeIfAbsent(t.campaignId(), k -> new ArrayList<>()).add(t.id());
      } else if (old.status() == TaskStatus.WAITING) {
        dueTasks.remove(old);
      }
      if (t.status() == TaskStatus.WAITING) {
        dueTasks.add(t);
      }
    }
  }

  @Override
  public synchronized Optional<ChannelTask> findTask(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  @Override
  public synchronized List<ChannelTask> findTasksByCampaign(String campaignId) {
    return taskIdsByCampaign.getOrDefault(campaignId, List.of()).stream()
        .map(tasks::get)
        .sorted(Comparator.comparing(ChannelTask::createdAt).thenComparing(ChannelTask::id))
        .toList();
  }

  @Override
  public synchronized List<ChannelTask> findDueTasks(Instant now, int limit) {
    List<ChannelTask> out = new ArrayList<>();
    for (ChannelTask t : dueTasks) {
      if (t.dueAt().isAfter(now) || out.size() >= limit) {
        break;
      }
      out.add(t);
    }
    return out;
  }

  @Override
  public synchronized List<ChannelTask> findTasksByStatus(
      TaskStatus status, @Nullable String afterId, int limit) {
    List<ChannelTask> out = new ArrayList<>();
    for (ChannelTask t : (afterId == null ? tasks : tasks.tailMap(afterId, false)).values()) {
      if (out.size() >= limit) {
        break;
      }
      if (t.status() == status) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public synchronized List<ChannelTask> findReleasedTasks(String account, Instant since) {
    return tasks.values().stream()
        .filter(
            t ->
                t.account().equals(account)
                    && t.releasedAt() != null
                    && !t.releasedAt().isBefore(since))
        .sorted(
            Comparator.comparing((ChannelTask t) -> t.releasedAt()).thenComparing(ChannelTask::id))
        .toList();
  }

  /** {@code written}'s delivery state on {@code stored}'s identity and copy. */
  private static CampaignMessage deliveryOf(CampaignMessage written, CampaignMessage stored) {
    return new CampaignMessage(
        stored.id(),
        stored.campaignId(),
        stored.leadId(),
        stored.stepIndex(),
        stored.type(),
        stored.subject(),
        stored.textBody(),
        stored.htmlBody(),
        written.status(),
        written.scheduledAt(),
        written.sentAt(),
        written.messageId(),
        written.attempts(),
        written.lastError(),
        written.providerResponse());
  }

  @Override
  public synchronized void commit(StoreChanges changes) {
    for (MessageClaim expected : changes.claims()) {
      Claim held = claims.get(expected.messageId());
      if (held == null || !held.owner().equals(expected.owner())) {
        throw ConcurrentUpdateException.lostClaim(expected.messageId(), expected.owner());
      }
    }
    for (Campaign c : changes.campaigns()) {
      Campaign stored = campaigns.get(c.id());
      long storedVersion = stored == null ? -1 : stored.version();
      if (storedVersion != c.version() - 1) {
        throw new ConcurrentUpdateException(c.id(), c.version() - 1, storedVersion);
      }
    }
    Map<String, String> opened = checkOneOpenCampaignPerAddress(changes);
    for (Campaign c : changes.campaigns()) {
      if (!c.status().isOpen()) {
        releaseAddress(c.id());
      }
    }
    for (String id : opened.values()) {
      releaseAddress(id); // a lead's new address replaces its old one
    }
    opened.forEach(
        (email, id) -> {
          openCampaignByEmail.put(email, id);
          emailByOpenCampaign.put(id, email);
        });
    for (Lead lead : changes.leads()) {
      Lead old = leads.put(lead.id(), lead);
      if (old != null) {
        List<String> ids = leadIdsByEmail.get(old.email());
        if (ids != null) {
          ids.remove(old.id());
        }
      }
      leadIdsByEmail.computeIfAbsent(lead.email(), k -> new ArrayList<>()).add(lead.id());
    }
    for (Campaign c : changes.campaigns()) {
      if (campaigns.put(c.id(), c) == null) {
        campaignIdsByLead.computeIfAbsent(c.leadId(), k -> new ArrayList<>()).add(c.id());
      }
    }
    Set<String> claimed = new HashSet<>();
    changes.claims().forEach(claim -> claimed.add(claim.messageId()));
    for (CampaignMessage written : changes.messages()) {
      CampaignMessage stored = messages.get(written.id());
      boolean deliveryOnly = changes.deliveryOnly().contains(written.id());
      if (deliveryOnly && stored == null) {
        continue; // a delivery write never brings back a message that is gone
      }
      // any write releases the claim; a claimed write keeps the copy the message was claimed with,
      // as a delivery write keeps the stored copy
      Claim released = claims.remove(written.id());
      CampaignMessage m =
          stored != null && (deliveryOnly || (released != null && claimed.contains(written.id())))
              ? deliveryOf(written, stored)
              : written;
      CampaignMessage old = messages.put(m.id(), m);
      if (old == null) {
        messageIdsByCampaign.computeIfAbsent(m.campaignId(), k -> new ArrayList<>()).add(m.id());
      } else if (old.status() == DeliveryStatus.SCHEDULED) {
        due.remove(old);
      }
      if (m.status() == DeliveryStatus.SCHEDULED) {
        due.add(m);
      }
      if (m.messageId() != null) {
        messageByRfcId.put(m.messageId(), m.id());
      }
    }
    for (CampaignEvent e : changes.events()) {
      if (eventIndex.containsKey(e.id())) {
        continue;
      }
      eventIndex.put(e.id(), events.size());
      if (e.campaignId() != null) {
        eventsByCampaign.computeIfAbsent(e.campaignId(), k -> new ArrayList<>()).add(events.size());
      }
      events.add(e);
    }
    changes.unsuppressions().forEach(suppressions::remove);
    for (Suppression s : changes.suppressions()) {
      suppressions.putIfAbsent(s.email(), s);
    }
    for (StoredReply r : changes.replies()) {
      replies.put(r.id(), r);
    }
  }

  /**
   * The addresses that open campaigns of this commit take (new open campaigns, open campaigns of
   * leads whose address changes), by campaign id; refuses the commit when one is taken by another
   * open campaign.
   */
  private Map<String, String> checkOneOpenCampaignPerAddress(StoreChanges changes) {
    if (changes.campaigns().isEmpty() && changes.leads().isEmpty()) {
      return Map.of(); // only new or changed campaigns and leads take an address
    }
    Map<String, Lead> changedLeads = new HashMap<>();
    changes.leads().forEach(l -> changedLeads.put(l.id(), l));
    Map<String, Campaign> changedCampaigns = new LinkedHashMap<>();
    changes.campaigns().forEach(c -> changedCampaigns.put(c.id(), c));
    List<Campaign> taking = new ArrayList<>();
    for (Campaign c : changedCampaigns.values()) {
      if (c.status().isOpen() && !campaigns.containsKey(c.id())) {
        taking.add(c);
      }
    }
    for (Lead lead : changedLeads.values()) {
      Lead old = leads.get(lead.id());
      if (old != null && !old.email().equals(lead.email())) {
        for (String id : campaignIdsByLead.getOrDefault(lead.id(), List.of())) {
          Campaign c = changedCampaigns.getOrDefault(id, campaigns.get(id));
          if (c != null && c.status().isOpen() && emailByOpenCampaign.containsKey(id)) {
            taking.add(c);
          }
        }
      }
    }
    Map<String, String> opened = new HashMap<>();
    for (Campaign c : taking) {
      Lead lead = changedLeads.getOrDefault(c.leadId(), leads.get(c.leadId()));
      if (lead == null) {
        continue;
      }
      String email = lead.email();
      String holder =
          opened.containsKey(email) ? opened.get(email) : openCampaignByEmail.get(email);
      Campaign held =
          holder == null ? null : changedCampaigns.getOrDefault(holder, campaigns.get(holder));
      if (held != null && holder != null && !holder.equals(c.id()) && held.status().isOpen()) {
        throw new AlreadyInCampaignException(c.id(), email);
      }
      opened.put(email, c.id());
    }
    return opened;
  }

  private void releaseAddress(String campaignId) {
    String email = emailByOpenCampaign.remove(campaignId);
    if (email != null) {
      openCampaignByEmail.remove(email, campaignId);
    }
  }

  @Override
  public synchronized Optional<Lead> findLead(String leadId) {
    return Optional.ofNullable(leads.get(leadId));
  }

  @Override
  public synchronized List<Lead> findLeadsByEmail(String email) {
    return leadIdsByEmail.getOrDefault(EmailAddresses.normalise(email), List.of()).stream()
        .map(leads::get)
        .toList();
  }

  @Override
  public synchronized Optional<Campaign> findCampaign(String campaignId) {
    return Optional.ofNullable(campaigns.get(campaignId));
  }

  @Override
  public synchronized List<Campaign> findCampaignsByLead(String leadId) {
    return campaignIdsByLead.getOrDefault(leadId, List.of()).stream().map(campaigns::get).toList();
  }

  @Override
  public synchronized List<Campaign> listCampaigns(@Nullable String afterId, int limit) {
    var view = afterId == null ? campaigns : campaigns.tailMap(afterId, false);
    return view.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized List<Campaign> findCampaignsToResume(Instant now, int limit) {
    return campaigns.values().stream()
        .filter(
            c ->
                c.status() == CampaignStatus.PAUSED
                    && c.resumeAt() != null
                    && !c.resumeAt().isAfter(now))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<CampaignMessage> findMessages(String campaignId) {
    return messageIdsByCampaign.getOrDefault(campaignId, List.of()).stream()
        .map(messages::get)
        .sorted(Comparator.comparingInt(CampaignMessage::stepIndex))
        .toList();
  }

  @Override
  public synchronized Optional<CampaignMessage> findMessageByMessageId(String messageId) {
    String id = messageByRfcId.get(messageId);
    return id == null ? Optional.empty() : Optional.ofNullable(messages.get(id));
  }

  @Override
  public synchronized List<CampaignMessage> findDueMessages(Instant now, int limit) {
    List<CampaignMessage> result = new ArrayList<>();
    for (CampaignMessage m : due.earliestFirst()) {
      if (Objects.requireNonNull(m.scheduledAt()).isAfter(now) || result.size() >= limit) {
        break;
      }
      result.add(m);
    }
    return result;
  }

  @Override
  public synchronized int releaseClaims(String owner) {
    int before = claims.size();
    claims.values().removeIf(c -> c.owner().equals(owner));
    return before - claims.size();
  }

  @Override
  public synchronized List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit) {
    return claimDueMessages(now, owner, lease, limit, QueuePriority.EARLIEST_FIRST);
  }

  /**
   * Claims the due, unclaimed (or expired) messages of one class, earliest first, up to {@code
   * limit} in all.
   */
  private void claimFrom(
      Iterable<CampaignMessage> ordered,
      Instant now,
      String owner,
      Instant until,
      int limit,
      List<CampaignMessage> result) {
    for (CampaignMessage m : ordered) {
      if (result.size() >= limit || Objects.requireNonNull(m.scheduledAt()).isAfter(now)) {
        return;
      }
      Claim held = claims.get(m.id());
      if (held == null || held.until().isBefore(now)) {
        claims.put(m.id(), new Claim(owner, until));
        result.add(m);
      }
    }
  }

  @Override
  public synchronized List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit, QueuePriority priority) {
    List<CampaignMessage> result = new ArrayList<>(Math.max(0, Math.min(limit, 1_024)));
    Instant until = now.plus(lease);
    for (Iterable<CampaignMessage> group : due.classes(priority)) {
      claimFrom(group, now, owner, until, limit, result);
    }
    return result;
  }

  @Override
  public synchronized List<CampaignEvent> findEvents(String campaignId) {
    return eventsByCampaign.getOrDefault(campaignId, List.of()).stream().map(events::get).toList();
  }

  @Override
  public synchronized List<CampaignEvent> findEventsByType(
      EventType type, @Nullable String afterId, int limit) {
    int start = 0;
    if (afterId != null) {
      Integer i = eventIndex.get(afterId);
      start = i == null ? events.size() : i + 1;
    }
    List<CampaignEvent> result = new ArrayList<>();
    for (int i = start; i < events.size() && result.size() < limit; i++) {
      if (events.get(i).type() == type) {
        result.add(events.get(i));
      }
    }
    return result;
  }

  @Override
  public synchronized List<CampaignMessage> findMessagesByStatus(
      DeliveryStatus status, @Nullable String afterId, int limit) {
    return messages.values().stream()
        .filter(m -> m.status() == status && (afterId == null || m.id().compareTo(afterId) > 0))
        .sorted(Comparator.comparing(CampaignMessage::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized QueueCounts countQueue(Instant now) {
    long scheduled = 0;
    long due = 0;
    long retrying = 0;
    long inFlight = 0;
    long dead = 0;
    long sent = 0;
    Instant oldest = null;
    for (CampaignMessage m : messages.values()) {
      switch (m.status()) {
        case SCHEDULED -> {
          if (Objects.requireNonNull(m.scheduledAt()).isAfter(now)) {
            scheduled++;
          } else {
            due++;
            oldest = oldest == null || m.scheduledAt().isBefore(oldest) ? m.scheduledAt() : oldest;
          }
          if (m.attempts() > 0) {
            retrying++;
          }
        }
        case SENDING -> inFlight++;
        case DEAD_LETTERED -> dead++;
        case SENT -> sent++;
        default -> {}
      }
    }
    return new QueueCounts(scheduled, due, retrying, inFlight, dead, sent, oldest);
  }

  @Override
  public synchronized Optional<StoredReply> findReply(String replyId) {
    return Optional.ofNullable(replies.get(replyId));
  }

  @Override
  public synchronized boolean isSuppressed(String email) {
    String domain = Suppression.domainKeyOf(email);
    return suppressions.containsKey(EmailAddresses.normalise(email))
        || (domain != null && suppressions.containsKey(domain));
  }

  /** Every stored mail, in arrival order (for tests). */
  public synchronized List<StoredReply> replies() {
    return List.copyOf(replies.values());
  }

  /** Every stored event, in order (for tests). */
  public synchronized List<CampaignEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public synchronized List<Suppression> findSuppressions(
      String query, @Nullable String afterKey, int limit) {
    String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
    return suppressions.values().stream()
        .filter(s -> s.email().contains(q))
        .filter(s -> afterKey == null || s.email().compareTo(afterKey) > 0)
        .sorted(Comparator.comparing(Suppression::email))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<StoredReply> findRepliesByCategory(
      com.fourrunr.campaign.ReplyCategory category, @Nullable String afterId, int limit) {
    return replies.values().stream()
        .filter(r -> r.category() == category)
        .filter(r -> afterId == null || r.id().compareTo(afterId) > 0)
        .sorted(Comparator.comparing(StoredReply::id))
        .limit(limit)
        .toList();
  }
}
