package com.fourrunr.campaign.airtable;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignListener;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EngagementStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.spi.CampaignStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each lead's campaign fields current in Airtable and applies a person's changes made there.
 *
 * <p>As a {@link CampaignListener} it turns engine events into field changes (campaign id and
 * status, each step's subject, send time and status, opens, clicks, the response, the last event;
 * names in {@link AirtableCampaignFields}) and queues them in a {@link SyncOutbox}, coalesced per
 * record; it does no I/O on the engine's thread. The host calls {@link #flush()} and {@link
 * #pollChanges(CampaignEngine)} on a schedule of its own (for example every minute); nothing runs
 * in hidden threads.
 *
 * <p>{@link #flush()} writes the pending updates ten records a request. When Airtable is down or
 * keeps answering 429, the flush stops and the updates stay queued, one per record however many
 * changes came, so an outage loses nothing and the catch-up sends one request per ten records.
 *
 * <p>{@link #pollChanges(CampaignEngine)} reads {@code Campaign_Status} and the engagement status
 * of every record with a {@code Campaign_ID} or a {@code Campaign_Status} and applies what a person
 * changed. The rule when a person and the engine disagree: <b>a person's Paused or Stopped
 * wins</b>. A status is a person's change when it differs from the last status this sync wrote to
 * the record (or, before its first write, from the one queued). Paused pauses an active campaign
 * (even if other updates for it are still queued); Stopped stops an open campaign; Active resumes a
 * campaign paused with no resume date (by a person, in Airtable or through {@link
 * CampaignEngine#pause}); an engagement status of Engaged or Do not contact stops the open
 * campaign. Campaigns that already ended are not reopened: their status is written back at the next
 * flush.
 *
 * <pre>{@code
 * AirtableSync sync = AirtableSync.builder(client, store).build();
 * CampaignEngine engine = CampaignEngine.builder().store(store).listener(sync)...build();
 * // on the host's schedule:
 * sync.pollChanges(engine);
 * engine.runDue();
 * sync.flush();
 * }</pre>
 */
public final class AirtableSync implements CampaignListener {
  /** The pause reason given to the engine when a person set Paused in Airtable. */
  public static final String PAUSED_IN_AIRTABLE = "paused in Airtable";

  /** The stop reason given to the engine when a person set Stopped in Airtable. */
  public static final String STOPPED_IN_AIRTABLE = "stopped in Airtable";

  /**
   * Requests one {@link #flush()} makes at most, so one call stays short; the rest waits for the
   * next.
   */
  public static final int DEFAULT_MAX_REQUESTS_PER_FLUSH = 1_000;

  private static final Logger log = LoggerFactory.getLogger(AirtableSync.class);

  private final AirtableClient client;
  private final AirtableConfig config;
  private final AirtableCampaignFields names;
  private final CampaignStore store;
  private final SyncOutbox outbox;
  private final int maxRequestsPerFlush;
  // the Campaign_Status value last written to each record: a different value in the table is a
  // person's
  private final Map<String, String> writtenStatus = new ConcurrentHashMap<>();
  private final Object flushLock = new Object();

  private AirtableSync(Builder b) {
    this.client = b.client;
    this.config = b.client.config();
    this.names = config.campaignFields();
    this.store = b.store;
    this.outbox = b.outbox;
    this.maxRequestsPerFlush = b.maxRequestsPerFlush;
  }

  /**
   * Starts a sync writing through {@code client}; {@code store} is the engine's store, read for
   * message subjects and event counts.
   */
  public static Builder builder(AirtableClient client, CampaignStore store) {
    return new Builder(client, store);
  }

  /** The queue of updates not yet written. */
  public SyncOutbox outbox() {
    return outbox;
  }

  /** Queues the field changes an event makes; never calls Airtable. */
  @Override
  public void onEvent(CampaignEvent event) {
    String campaignId = event.campaignId();
    String leadId = event.leadId();
    if (campaignId == null || leadId == null) {
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    String step = event.payload().step() == null ? "" : event.payload().step();
    switch (event.type()) {
      case CAMPAIGN_CREATED -> {
        fields.put(names.campaignId(), campaignId);
        fields.put(names.campaignStatus(), label(CampaignStatus.ACTIVE));
      }
      case CAMPAIGN_PAUSED -> fields.put(names.campaignStatus(), label(CampaignStatus.PAUSED));
      case CAMPAIGN_RESUMED -> fields.put(names.campaignStatus(), label(CampaignStatus.ACTIVE));
      case CAMPAIGN_COMPLETED ->
          fields.put(names.campaignStatus(), label(CampaignStatus.COMPLETED));
      case CAMPAIGN_STOPPED -> fields.put(names.campaignStatus(), label(CampaignStatus.STOPPED));
      case CAMPAIGN_RESPONDED -> {
        fields.put(names.campaignStatus(), label(CampaignStatus.RESPONDED));
        ReplyCategory category = event.payload().category();
        if (category != null) {
          fields.put(names.responseDate(), event.occurredAt().toString());
          fields.put(names.responseType(), category.name());
          if (!step.isEmpty()) {
            fields.put(names.respondedStep(), step);
          }
        }
      }
      case MESSAGE_SCHEDULED,
          MESSAGE_SENT,
          MESSAGE_RETRY_SCHEDULED,
          MESSAGE_FAILED,
          MESSAGE_CANCELLED -> {
        CampaignMessage message = message(campaignId, event.messageId());
        if (step.isEmpty() && message != null) {
          step = message.type().name();
        }
        if (!step.isEmpty()) {
          fields.put(names.stepStatus(step), stepStatus(event.type()));
          if (event.type() == EventType.MESSAGE_SENT) {
            fields.put(names.messageSentDate(step), event.occurredAt().toString());
            if (message != null) {
              fields.put(names.messageSubject(step), message.subject());
            }
          }
        }
      }
      case MESSAGE_OPENED ->
          fields.put(names.totalOpens(), count(campaignId, EventType.MESSAGE_OPENED));
      case LINK_CLICKED ->
          fields.put(names.totalClicks(), count(campaignId, EventType.LINK_CLICKED));
      default -> {
        // REPLY_CLASSIFIED, ADDRESS_SUPPRESSED...: only the last event below
      }
    }
    fields.put(names.lastEvent(), describe(event, step));
    outbox.put(leadId, fields);
  }

  /**
   * Writes pending updates, ten records a request, until none is left, Airtable fails, or {@link
   * Builder#maxRequestsPerFlush(int)} requests were made. A record Airtable refuses for good (a 4xx
   * such as a deleted record) is dropped and counted as rejected; it does not hold up the others.
   * Safe to call from any thread; calls run one at a time.
   */
  public FlushReport flush() {
    synchronized (flushLock) {
      int written = 0;
      int requests = 0;
      int rejected = 0;
      String error = null;
      while (requests < maxRequestsPerFlush) {
        List<PendingUpdate> batch = outbox.peek(AirtableConfig.MAX_RECORDS_PER_WRITE);
        if (batch.isEmpty()) {
          break;
        }
        try {
          requests++;
          write(batch);
          written += batch.size();
        } catch (AirtableException e) {
          if (e.isTransient()) {
            error = e.getMessage();
            break;
          }
          // One refused record fails the whole request: write them one by one to find it.
          boolean stop = false;
          for (PendingUpdate u : batch) {
            if (batch.size() > 1) {
              try {
                requests++;
                write(List.of(u));
                written++;
                continue;
              } catch (AirtableException single) {
                if (single.isTransient()) {
                  error = single.getMessage();
                  stop = true;
                  break;
                }
                e = single;
              }
            }
            log.warn(
                "Airtable refused the update of record {}; dropped: {}",
                u.recordKey(),
                e.getMessage());
            outbox.acknowledge(u);
            rejected++;
          }
          if (stop) {
            break;
          }
        }
      }
      if (error != null) {
        log.warn("Airtable flush stopped, {} records stay queued: {}", outbox.size(), error);
      }
      return new FlushReport(written, requests, rejected, outbox.size(), error);
    }
  }

  private void write(List<PendingUpdate> batch) {
    List<RecordWrite> writes = new ArrayList<>(batch.size());
    for (PendingUpdate u : batch) {
      writes.add(new RecordWrite(u.recordKey(), u.fields()));
    }
    client.write(writes);
    for (PendingUpdate u : batch) {
      outbox.acknowledge(u);
      Object status = u.fields().get(names.campaignStatus());
      if (status instanceof String s) {
        writtenStatus.put(u.recordKey(), s);
      }
    }
  }

  /**
   * Reads the campaign status and engagement status of every record with a campaign id and applies
   * what a person changed (see the class description for the rule). One record that cannot be
   * applied is logged and counted; it does not stop the rest.
   *
   * @throws AirtableException when Airtable cannot be read (after the client's retries)
   */
  public PollReport pollChanges(CampaignEngine engine) {
    Objects.requireNonNull(engine, "engine");
    List<String> fields =
        new ArrayList<>(
            List.of(
                names.campaignId(),
                names.campaignStatus(),
                config.leadField(LeadField.ENGAGEMENT_STATUS)));
    if (config.leadIdField() != null) {
      fields.add(config.leadIdField());
    }
    // Campaign_Status too: a person may set it before this sync wrote the Campaign_ID
    String formula =
        "OR("
            + AirtableLeadSource.ref(names.campaignId())
            + "!='',"
            + AirtableLeadSource.ref(names.campaignStatus())
            + "!='')";
    int read = 0;
    int paused = 0;
    int resumed = 0;
    int stopped = 0;
    int failed = 0;
    try (Stream<AirtableRecord> records = client.listRecords(formula, fields, false)) {
      for (AirtableRecord r : (Iterable<AirtableRecord>) records::iterator) {
        read++;
        try {
          switch (apply(engine, r)) {
            case PAUSED -> paused++;
            case ACTIVE -> resumed++;
            case STOPPED -> stopped++;
            default -> {}
          }
        } catch (RuntimeException e) {
          failed++;
          log.warn("Airtable record {}: change not applied: {}", r.id(), e.toString());
        }
      }
    }
    return new PollReport(read, paused, resumed, stopped, failed);
  }

  /**
   * Applies one record's change; answers the status the campaign was moved to, or COMPLETED for
   * none.
   */
  private CampaignStatus apply(CampaignEngine engine, AirtableRecord r) {
    String key = config.leadIdField() == null ? r.id() : r.text(config.leadIdField());
    String campaignId = r.text(names.campaignId());
    Optional<Campaign> found =
        campaignId.isEmpty()
            ? store.findCampaignsByLead(key).stream().filter(x -> x.status().isOpen()).findFirst()
            : store.findCampaign(campaignId);
    if (found.isEmpty()) {
      return CampaignStatus.COMPLETED;
    }
    Campaign c = found.get();
    String engagementText = r.text(config.leadField(LeadField.ENGAGEMENT_STATUS));
    EngagementStatus engagement = EngagementStatus.NEW;
    try {
      engagement = EngagementStatus.parse(engagementText);
    } catch (IllegalArgumentException e) {
      log.debug("record {}: engagement status '{}' not understood", r.id(), engagementText);
    }
    if ((engagement == EngagementStatus.ENGAGED || engagement == EngagementStatus.DO_NOT_CONTACT)
        && c.status().isOpen()) {
      engine.stop(c.id(), "engagement status " + engagement + " set in Airtable");
      return CampaignStatus.STOPPED;
    }
    String table = r.text(names.campaignStatus()).strip();
    // The value this sync last wrote, else the one it is about to write: the table showing it is no
    // person's change. With neither known (nothing written yet), the table is compared with the
    // campaign.
    String ours = writtenStatus.get(key);
    if (ours == null) {
      ours =
          outbox
              .pending(key)
              .map(u -> u.fields().get(names.campaignStatus()))
              .filter(String.class::isInstance)
              .map(String.class::cast)
              .orElse(null);
    }
    if (ours != null && table.equalsIgnoreCase(ours)) {
      return CampaignStatus.COMPLETED;
    }
    switch (table.toLowerCase(Locale.ROOT)) {
      case "paused" -> {
        if (c.status() == CampaignStatus.ACTIVE) {
          engine.pause(c.id(), PAUSED_IN_AIRTABLE);
          return CampaignStatus.PAUSED;
        }
      }
      case "stopped" -> {
        if (c.status().isOpen()) {
          engine.stop(c.id(), STOPPED_IN_AIRTABLE);
          return CampaignStatus.STOPPED;
        }
      }
      case "active" -> {
        if (c.status() == CampaignStatus.PAUSED && c.resumeAt() == null) {
          engine.resume(c.id());
          return CampaignStatus.ACTIVE;
        }
      }
      default -> {}
    }
    return CampaignStatus.COMPLETED;
  }

  private @Nullable CampaignMessage message(String campaignId, @Nullable String messageId) {
    if (messageId == null) {
      return null;
    }
    for (CampaignMessage m : store.findMessages(campaignId)) {
      if (m.id().equals(messageId)) {
        return m;
      }
    }
    return null;
  }

  private Long count(String campaignId, EventType type) {
    return store.findEvents(campaignId).stream().filter(e -> e.type() == type).count();
  }

  /** How a campaign status reads in Airtable: Active, Paused, Completed, Responded, Stopped. */
  static String label(CampaignStatus status) {
    String n = status.name();
    return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String stepStatus(EventType type) {
    return switch (type) {
      case MESSAGE_SCHEDULED -> "Scheduled";
      case MESSAGE_SENT -> "Sent";
      case MESSAGE_RETRY_SCHEDULED -> "Retrying";
      case MESSAGE_FAILED -> "Failed";
      default -> "Cancelled";
    };
  }

  private static String describe(CampaignEvent event, String step) {
    return event.type() + (step.isEmpty() ? "" : " " + step) + " " + event.occurredAt();
  }

  /**
   * What one {@link #flush()} did.
   *
   * @param written records written
   * @param requests requests made
   * @param rejected records Airtable refused for good and that were dropped
   * @param pending records still queued
   * @param error why the flush stopped early, or null
   */
  public record FlushReport(
      int written, int requests, int rejected, int pending, @Nullable String error) {}

  /**
   * What one {@link #pollChanges(CampaignEngine)} did.
   *
   * @param read records with a campaign id read
   * @param paused campaigns paused because a person set Paused
   * @param resumed campaigns resumed because a person set Active
   * @param stopped campaigns stopped because a person set Stopped or changed the engagement status
   * @param failed records whose change could not be applied
   */
  public record PollReport(int read, int paused, int resumed, int stopped, int failed) {}

  /** Collects an {@link AirtableSync}'s parts. Not thread-safe. */
  public static final class Builder {
    private final AirtableClient client;
    private final CampaignStore store;
    private SyncOutbox outbox = new InMemorySyncOutbox();
    private int maxRequestsPerFlush = DEFAULT_MAX_REQUESTS_PER_FLUSH;

    private Builder(AirtableClient client, CampaignStore store) {
      this.client = Objects.requireNonNull(client, "client");
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Where updates wait; an {@link InMemorySyncOutbox} by default. Give a durable one to survive
     * restarts.
     */
    public Builder outbox(SyncOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** Requests one {@link #flush()} makes at most; at least 1. */
    public Builder maxRequestsPerFlush(int max) {
      if (max < 1) {
        throw com.fourrunr.campaign.InvalidInputException.of(
            "AirtableSync", "maxRequestsPerFlush", max + " must be at least 1");
      }
      this.maxRequestsPerFlush = max;
      return this;
    }

    /** Makes the sync. */
    public AirtableSync build() {
      return new AirtableSync(this);
    }
  }
}
