package com.fourrunr.campaign.channel.internal;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Channel;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EngagementStatus;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.channel.LinkedInText;
import com.fourrunr.campaign.channel.TaskKind;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskSink;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.Verdict;
import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LinkedIn fallback of a {@link CampaignEngine}: prepares a connection-note task when a
 * campaign's last email went out without an answer, hands due tasks to the {@link TaskSink} within
 * each account's caps, cancels outstanding tasks when the campaign ends, pauses or its address is
 * suppressed, and applies the outcomes a person reports. The campaign stays ACTIVE while its
 * connection note is outstanding, so a late email reply finds it open; it completes when the note
 * is reported SENT or DECLINED.
 */
public final class LinkedInFallback {
  private static final Logger log = LoggerFactory.getLogger(LinkedInFallback.class);
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration DAY = Duration.ofDays(1);

  /** A sink that failed is tried again after this long. */
  private static final Duration SINK_RETRY = Duration.ofMinutes(5);

  private static final int ATTEMPTS = 2;
  private static final Set<EventType> CANCELLING =
      Set.of(
          EventType.CAMPAIGN_RESPONDED,
          EventType.CAMPAIGN_STOPPED,
          EventType.CAMPAIGN_PAUSED,
          EventType.ADDRESS_SUPPRESSED,
          EventType.MESSAGE_BOUNCED);

  /**
   * The fallback's own settings, as given to the engine's builder.
   *
   * @param tasks where the tasks are kept
   * @param sink where released tasks go out
   * @param settings the LinkedIn accounts and their caps
   * @param businessDays the wait after the last email, in business days of the schedule
   * @param generator writes the task texts
   * @param fallbackGenerator writes them when the generator fails or its text fails the gates
   * @param gates the quality gates every text is checked by
   */
  public record Setup(
      ChannelTaskStore tasks,
      TaskSink sink,
      LinkedInSettings settings,
      int businessDays,
      MessageGenerator generator,
      MessageGenerator fallbackGenerator,
      QualityGates gates) {}

  /**
   * What the fallback takes from the engine.
   *
   * @param store the campaign store
   * @param schedule the send schedule whose business days the wait counts
   * @param clock the engine's clock
   * @param ids new event ids
   * @param publish hands committed events to the engine's listeners
   * @param batchSize how many tasks one pass reads at most
   */
  public record Context(
      CampaignStore store,
      SendSchedule schedule,
      Clock clock,
      Supplier<String> ids,
      Consumer<List<CampaignEvent>> publish,
      int batchSize) {}

  /** The campaign changes the fallback asks of the engine. */
  public interface Campaigns {
    /**
     * Marks a campaign COMPLETED unless it moved on meanwhile.
     *
     * @param campaignId the campaign
     * @param at when
     */
    void completeIfActive(String campaignId, Instant at);

    /**
     * Marks a campaign RESPONDED after an answer on LinkedIn, its outstanding work cancelled.
     *
     * @param campaignId the campaign
     * @param task the task the answer was reported on
     * @param at when
     */
    void respondOnChannel(String campaignId, ChannelTask task, Instant at);
  }

  private final CampaignStore store;
  private final ChannelTaskStore tasks;
  private final TaskSink sink;
  private final LinkedInSettings settings;
  private final int businessDays;
  private final MessageGenerator generator;
  private final MessageGenerator fallbackGenerator;
  private final QualityGates gates;
  private final SendSchedule schedule;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Consumer<List<CampaignEvent>> publish;

  /** Completes and responds campaigns for the fallback. */
  private final Campaigns campaigns;

  private final int batchSize;

  /**
   * A fallback over the engine's context.
   *
   * @param engine what the fallback takes from the engine
   * @param campaigns the campaign changes it asks for
   * @param setup its own settings
   */
  public LinkedInFallback(Context engine, Campaigns campaigns, Setup setup) {
    this.store = engine.store();
    this.tasks = setup.tasks();
    this.sink = setup.sink();
    this.settings = setup.settings();
    this.businessDays = setup.businessDays();
    this.generator = setup.generator();
    this.fallbackGenerator = setup.fallbackGenerator();
    this.gates = setup.gates();
    this.schedule = engine.schedule();
    this.clock = engine.clock();
    this.ids = engine.ids();
    this.publish = engine.publish();
    this.campaigns = campaigns;
    this.batchSize = engine.batchSize();
  }

  // ------------------------------------------------------------------------------------------------
  // Eligibility and creation

  /**
   * Why the lead gets no LinkedIn task after the email sequence, or null when it does: a LinkedIn
   * URL, no reply (the campaign still active), not bounced, not unsubscribed or otherwise
   * suppressed, not paused.
   */
  @Nullable String ineligible(Campaign campaign, @Nullable Lead lead) {
    if (lead == null) {
      return "lead is not stored";
    }
    if (lead.linkedinUrl() == null) {
      return "no LinkedIn URL";
    }
    if (campaign.status() != CampaignStatus.ACTIVE) {
      return "campaign is " + campaign.status();
    }
    if (lead.engagementStatus() == EngagementStatus.DO_NOT_CONTACT
        || lead.engagementStatus() == EngagementStatus.ENGAGED) {
      return "lead is " + lead.engagementStatus();
    }
    if (store.isSuppressed(lead.email())) {
      return "address suppressed";
    }
    for (CampaignEvent e : store.findEvents(campaign.id())) {
      if (e.type() == EventType.MESSAGE_BOUNCED
          || e.type() == EventType.CAMPAIGN_RESPONDED
          || (e.type() == EventType.REPLY_CLASSIFIED
              && e.payload().category() == ReplyCategory.BOUNCE_HARD)) {
        ReplyCategory category = e.payload().category();
        return "campaign has " + e.type() + (category == null ? "" : " " + category);
      }
    }
    return null;
  }

  /**
   * Called when a campaign's last email step went out: prepares its connection note when the lead
   * is eligible and says whether the campaign stays open for it.
   */
  public boolean afterLastEmail(Campaign sent, Lead lead, Instant sentAt) {
    try {
      Campaign campaign = store.findCampaign(sent.id()).orElse(sent);
      String why = ineligible(campaign, lead);
      if (why != null) {
        log.debug("campaign {}: no LinkedIn step: {}", campaign.id(), why);
        return false;
      }
      if (tasks.findTasksByCampaign(campaign.id()).stream()
          .anyMatch(
              t -> t.kind() == TaskKind.CONNECTION_NOTE && t.status() != TaskStatus.CANCELLED)) {
        return tasks.findTasksByCampaign(campaign.id()).stream()
            .anyMatch(t -> t.status().isOutstanding());
      }
      Instant due =
          schedule.nextSend(
              lead, new SequenceStep(MessageType.LINKEDIN_NOTE, businessDays), sentAt);
      create(campaign, lead, TaskKind.CONNECTION_NOTE, due, sentAt);
      return true;
    } catch (RuntimeException e) {
      // The email part is done whatever happens here; the campaign completes as without LinkedIn.
      log.error("campaign {}: LinkedIn task could not be prepared", sent.id(), e);
      return false;
    }
  }

  private ChannelTask create(
      Campaign campaign, Lead lead, TaskKind kind, Instant due, Instant now) {
    LinkedInAccount account =
        kind == TaskKind.CONNECTION_NOTE
            ? settings.accountFor(campaign.id())
            : settings.account(accountOf(campaign.id()));
    TextAudit audit = new TextAudit();
    String text = write(campaign, lead, kind, account, audit);
    ChannelTask task =
        ChannelTask.waiting(
            ids.get(),
            campaign.id(),
            lead.id(),
            Channel.LINKEDIN,
            kind,
            account.id(),
            java.util.Objects.requireNonNull(lead.linkedinUrl()),
            text,
            now,
            due);
    CampaignEvent created =
        event(
            now,
            task,
            new EventPayload.ChannelTaskCreated(
                task.channel().name(),
                task.kind().name(),
                task.id(),
                account.id(),
                due,
                kind.messageType().name(),
                audit.generator,
                audit.passed,
                audit.characters,
                audit.limit,
                audit.verdicts));
    tasks.saveTasks(List.of(task), List.of(created));
    publish.accept(List.of(created));
    return task;
  }

  private String accountOf(String campaignId) {
    for (ChannelTask t : tasks.findTasksByCampaign(campaignId)) {
      if (t.kind() == TaskKind.CONNECTION_NOTE) {
        return t.account();
      }
    }
    return settings.accountFor(campaignId).id();
  }

  /**
   * Writes the task's text through the generator and the quality gates, with the emails (and the
   * note) as the earlier steps: the gates' distinctness rule keeps it from copying them. The text
   * is fitted to the account's limit before it is checked, so what is checked is what is handed
   * out.
   */
  private String write(
      Campaign campaign, Lead lead, TaskKind kind, LinkedInAccount account, TextAudit audit) {
    List<GeneratedMessage> previous = new ArrayList<>();
    List<SequenceStep> steps = new ArrayList<>();
    for (CampaignMessage m : store.findMessages(campaign.id())) {
      if (m.status() == DeliveryStatus.SENT) {
        previous.add(new GeneratedMessage(m.subject(), m.textBody(), null));
        steps.add(new SequenceStep(m.type(), 0));
      }
    }
    if (kind == TaskKind.FOLLOW_UP) {
      for (ChannelTask t : tasks.findTasksByCampaign(campaign.id())) {
        if (t.kind() == TaskKind.CONNECTION_NOTE && t.status() != TaskStatus.CANCELLED) {
          previous.add(new GeneratedMessage("LinkedIn connection note", t.text(), null));
          steps.add(new SequenceStep(MessageType.LINKEDIN_NOTE, 0));
        }
      }
    }
    while (steps.size() >= Sequence.MAX_STEPS) {
      steps.remove(0);
      previous.remove(0);
    }
    steps.add(new SequenceStep(kind.messageType(), businessDays));
    GenerationRequest request =
        new GenerationRequest(
            lead, new Sequence("linkedin-fallback", steps), steps.size() - 1, previous);
    int limit = account.limit(kind);
    String best = null;
    List<Verdict> bestVerdicts = List.of();
    String generatorName = "";
    // A deterministic generator (the template) writes the same text again: it is checked once.
    java.util.Set<String> tried = new java.util.HashSet<>();
    for (int attempt = 0; attempt <= ATTEMPTS; attempt++) {
      MessageGenerator g = attempt < ATTEMPTS ? generator : fallbackGenerator;
      GeneratedMessage m;
      try {
        m = java.util.Objects.requireNonNull(g.generate(request), "generator returned null");
      } catch (RuntimeException e) {
        log.warn("campaign {}: {} generation failed: {}", campaign.id(), kind, e.getMessage());
        continue;
      }
      String text = LinkedInText.fit(m.textBody(), kind, limit);
      if (text.isBlank() || !tried.add(text)) {
        continue;
      }
      GeneratedMessage fitted = new GeneratedMessage(m.subject(), text, null, m.info());
      List<Verdict> v = new ArrayList<>(gates.check(request, fitted));
      v.add(
          new Verdict(
              "linkedin.length",
              text.length() <= limit,
              1,
              text.length()
                  + " of "
                  + limit
                  + " characters"
                  + (m.textBody().strip().length() > limit ? " (cut)" : "")));
      if (kind == TaskKind.CONNECTION_NOTE) {
        v.add(
            new Verdict(
                "linkedin.no-links", !LinkedInText.hasLink(text), 1, "a note carries no link"));
      }
      best = text;
      bestVerdicts = v;
      generatorName = m.info().generator();
      if (v.stream().allMatch(Verdict::passed)) {
        gates.remember(campaign.id() + "/" + kind, fitted);
        break;
      }
    }
    if (best == null) {
      // Nothing could be written at all: a plain text from the lead's name, which a person can
      // edit.
      best =
          LinkedInText.fit(
              "Hi "
                  + (lead.displayName().isEmpty() ? "there" : lead.displayName())
                  + ", I wrote to you by email about "
                  + (lead.company().isEmpty() ? "your team" : lead.company())
                  + ". Happy to connect here.",
              kind,
              limit);
      generatorName = "plain";
    }
    boolean passed = bestVerdicts.stream().allMatch(Verdict::passed);
    audit.generator = generatorName;
    audit.passed = passed && !bestVerdicts.isEmpty();
    audit.characters = best.length();
    audit.limit = limit;
    List<String> failed =
        bestVerdicts.stream().filter(x -> !x.passed()).map(Verdict::rule).toList();
    audit.verdicts = String.join(",", failed);
    return best;
  }

  // ------------------------------------------------------------------------------------------------
  // Hand-out within caps

  /**
   * Hands every due task to the sink, or defers it to the first moment its account's caps allow.
   */
  public int releaseDue(Instant now) {
    int released = 0;
    Map<String, List<Instant>> handedOut = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    while (true) {
      List<ChannelTask> due = tasks.findDueTasks(now, batchSize);
      boolean progress = false;
      for (ChannelTask t : due) {
        if (!seen.add(t.id())) {
          continue;
        }
        progress = true;
        try {
          if (releaseOne(t, now, handedOut)) {
            released++;
          }
        } catch (com.fourrunr.campaign.spi.ConcurrentUpdateException e) {
          log.debug("task {} changed meanwhile: {}", t.id(), e.getMessage());
        } catch (RuntimeException e) {
          log.error("task {} could not be handed out", t.id(), e);
        }
      }
      if (!progress) {
        return released;
      }
    }
  }

  private boolean releaseOne(ChannelTask t, Instant now, Map<String, List<Instant>> handedOut) {
    Campaign campaign = store.findCampaign(t.campaignId()).orElse(null);
    Lead lead = store.findLead(t.leadId()).orElse(null);
    String why = campaign == null ? "campaign is not stored" : stillEligible(t, campaign, lead);
    if (why != null) {
      cancel(t, why, now);
      if (campaign != null && t.kind() == TaskKind.CONNECTION_NOTE) {
        campaigns.completeIfActive(campaign.id(), now);
      }
      return false;
    }
    LinkedInAccount account = settings.account(t.account());
    List<Instant> times =
        handedOut.computeIfAbsent(
            account.id(),
            a ->
                new ArrayList<>(
                    tasks.findReleasedTasks(a, now.minus(WEEK)).stream()
                        .map(x -> java.util.Objects.requireNonNull(x.releasedAt()))
                        .sorted()
                        .toList()));
    List<Instant> invitations =
        handedOut.computeIfAbsent(
            account.id() + "\u0000invitations",
            a ->
                new ArrayList<>(
                    tasks.findReleasedTasks(account.id(), now.minus(WEEK)).stream()
                        .filter(x -> x.kind() == TaskKind.CONNECTION_NOTE)
                        .map(x -> java.util.Objects.requireNonNull(x.releasedAt()))
                        .sorted()
                        .toList()));
    Instant allowed = nextAllowed(account, t.kind(), times, invitations, now);
    if (allowed.isAfter(now)) {
      tasks.saveTasks(List.of(t.deferredTo(allowed)), List.of());
      return false;
    }
    ChannelTask open = t.released(now);
    tasks.saveTasks(List.of(open), List.of());
    insertSorted(times, now);
    if (t.kind() == TaskKind.CONNECTION_NOTE) {
      insertSorted(invitations, now);
    }
    try {
      sink.publish(open);
    } catch (RuntimeException e) {
      // Never dropped: back to waiting, no longer counted, tried again later.
      log.warn("task sink {} failed on task {}; tried again later", sink, open.id(), e);
      tasks.saveTasks(List.of(open.unreleased(now.plus(SINK_RETRY))), List.of());
      times.remove(now);
      invitations.remove(now);
      return false;
    }
    return true;
  }

  private @Nullable String stillEligible(ChannelTask t, Campaign campaign, @Nullable Lead lead) {
    if (lead == null) {
      return "lead is not stored";
    }
    if (store.isSuppressed(lead.email())) {
      return "address suppressed";
    }
    if (t.kind() == TaskKind.CONNECTION_NOTE) {
      return campaign.status() == CampaignStatus.ACTIVE ? null : "campaign is " + campaign.status();
    }
    return campaign.status() == CampaignStatus.ACTIVE
            || campaign.status() == CampaignStatus.COMPLETED
        ? null
        : "campaign is " + campaign.status();
  }

  /**
   * The first instant at or after {@code now} when the account may hand out another task of {@code
   * kind}: under its weekly invitation cap (connection notes), its daily task cap and its spacing.
   * Both lists hold hand-out times in ascending order. The windows only lose entries as time
   * passes, so the latest of the three bounds satisfies all three.
   */
  static Instant nextAllowed(
      LinkedInAccount account,
      TaskKind kind,
      List<Instant> handedOut,
      List<Instant> invitations,
      Instant now) {
    Instant allowed = now;
    if (countAfter(handedOut, now.minus(DAY)) >= account.dailyTasks()) {
      allowed = max(allowed, handedOut.get(handedOut.size() - account.dailyTasks()).plus(DAY));
    }
    if (kind == TaskKind.CONNECTION_NOTE
        && countAfter(invitations, now.minus(WEEK)) >= account.weeklyInvitations()) {
      allowed =
          max(
              allowed,
              invitations.get(invitations.size() - account.weeklyInvitations()).plus(WEEK));
    }
    if (!handedOut.isEmpty()) {
      allowed = max(allowed, handedOut.get(handedOut.size() - 1).plus(account.spacing()));
    }
    return allowed;
  }

  /** How many of the ascending {@code times} are after {@code t}. */
  private static int countAfter(List<Instant> times, Instant t) {
    int lo = 0;
    int hi = times.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times.get(mid).isAfter(t)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return times.size() - lo;
  }

  /** Adds {@code t} to the ascending {@code times}, in order. */
  private static void insertSorted(List<Instant> times, Instant t) {
    int i = times.size();
    while (i > 0 && times.get(i - 1).isAfter(t)) {
      i--;
    }
    times.add(i, t);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  // ------------------------------------------------------------------------------------------------
  // Cancellation

  /** Cancels a campaign's outstanding tasks when an event ends its LinkedIn step. */
  public void onEvent(CampaignEvent e) {
    if (e.type() == EventType.CAMPAIGN_RESUMED && e.campaignId() != null) {
      try {
        afterResume(e.campaignId());
      } catch (RuntimeException ex) {
        log.error("campaign {}: LinkedIn step not replanned after resume", e.campaignId(), ex);
      }
      return;
    }
    boolean softBounce =
        e.type() == EventType.REPLY_CLASSIFIED
            && e.payload().category() == ReplyCategory.BOUNCE_SOFT;
    if ((!CANCELLING.contains(e.type()) && !softBounce) || e.campaignId() == null) {
      return;
    }
    try {
      Instant now = clock.instant();
      String reason =
          switch (e.type()) {
            case CAMPAIGN_RESPONDED -> "the lead answered";
            case CAMPAIGN_STOPPED ->
                "campaign stopped: " + ((EventPayload.CampaignStopped) e.payload()).reason();
            case CAMPAIGN_PAUSED ->
                "campaign paused: " + ((EventPayload.CampaignPaused) e.payload()).reason();
            case ADDRESS_SUPPRESSED ->
                "address suppressed: " + ((EventPayload.AddressSuppressed) e.payload()).reason();
            case REPLY_CLASSIFIED -> "an email soft-bounced; planned again after it is resent";
            default -> "message bounced";
          };
      for (ChannelTask t : tasks.findTasksByCampaign(e.campaignId())) {
        if (t.status().isOutstanding()) {
          cancel(t, reason, now);
        }
      }
    } catch (RuntimeException ex) {
      log.error(
          "tasks of campaign {} could not be cancelled after {}", e.campaignId(), e.type(), ex);
    }
  }

  /**
   * After a resume: a campaign whose emails are all sent gets its LinkedIn step again, or
   * completes.
   */
  void afterResume(String campaignId) {
    Campaign c = store.findCampaign(campaignId).orElse(null);
    if (c == null || c.status() != CampaignStatus.ACTIVE) {
      return;
    }
    List<CampaignMessage> messages = store.findMessages(campaignId);
    if (messages.isEmpty() || messages.stream().anyMatch(m -> m.status() != DeliveryStatus.SENT)) {
      return;
    }
    if (tasks.findTasksByCampaign(campaignId).stream().anyMatch(t -> t.status().isOutstanding())) {
      return;
    }
    Lead lead = store.findLead(c.leadId()).orElse(null);
    Instant now = clock.instant();
    boolean open =
        lead != null
            && tasks.findTasksByCampaign(campaignId).stream()
                .noneMatch(
                    t -> t.kind() == TaskKind.CONNECTION_NOTE && t.status() == TaskStatus.DONE)
            && ineligible(c, lead) == null;
    if (open && lead != null) {
      try {
        create(
            c,
            lead,
            TaskKind.CONNECTION_NOTE,
            schedule.earliestSend(c.config(), lead, 0, now),
            now);
        return;
      } catch (RuntimeException e) {
        log.error("campaign {}: LinkedIn task could not be prepared again", campaignId, e);
      }
    }
    campaigns.completeIfActive(campaignId, now);
  }

  private void cancel(ChannelTask t, String reason, Instant now) {
    ChannelTask cancelled = t.cancelled(reason);
    CampaignEvent e =
        event(
            now,
            cancelled,
            new EventPayload.ChannelTaskCancelled(
                cancelled.channel().name(), cancelled.kind().name(), cancelled.id(), reason));
    tasks.saveTasks(List.of(cancelled), List.of(e));
    publish.accept(List.of(e));
    if (t.status() == TaskStatus.OPEN) {
      updateSink(cancelled);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Reports

  public ChannelTask report(String taskId, TaskOutcome outcome) {
    if (taskId == null || taskId.isBlank()) {
      throw InvalidInputException.of("task", "taskId", "is required");
    }
    if (outcome == null) {
      throw InvalidInputException.of("task", "outcome", "is required");
    }
    ChannelTask t =
        tasks
            .findTask(taskId.strip())
            .orElseThrow(
                () ->
                    InvalidInputException.of("task", "taskId", "no task '" + taskId.strip() + "'"));
    boolean replyAfterDone =
        outcome == TaskOutcome.REPLIED
            && t.status() == TaskStatus.DONE
            && (t.outcome() == TaskOutcome.SENT || t.outcome() == TaskOutcome.ACCEPTED);
    if (t.status() != TaskStatus.OPEN && !replyAfterDone) {
      throw new IllegalStateException(
          "task "
              + t.id()
              + " is "
              + t.status()
              + (t.outcome() == null ? "" : " (" + t.outcome() + ")")
              + "; only an open task can be reported "
              + outcome
              + (outcome == TaskOutcome.REPLIED ? " (or a sent one REPLIED)" : ""));
    }
    if (outcome == TaskOutcome.ACCEPTED && t.kind() != TaskKind.CONNECTION_NOTE) {
      throw new IllegalStateException(
          "task " + t.id() + " is a " + t.kind() + "; only a connection note is ACCEPTED");
    }
    Instant now = clock.instant();
    TaskStatus status =
        outcome == TaskOutcome.SENT && t.kind() == TaskKind.CONNECTION_NOTE
            ? TaskStatus.OPEN
            : TaskStatus.DONE;
    ChannelTask reported = t.reported(outcome, status, now);
    CampaignEvent e =
        event(
            now,
            reported,
            new EventPayload.ChannelTaskReported(
                reported.channel().name(),
                reported.kind().name(),
                reported.id(),
                outcome.name(),
                t.kind().messageType().name()));
    tasks.saveTasks(List.of(reported), List.of(e));
    publish.accept(List.of(e));
    updateSink(reported);
    switch (outcome) {
      case REPLIED -> campaigns.respondOnChannel(t.campaignId(), reported, now);
      case SENT, DECLINED -> {
        if (t.kind() == TaskKind.CONNECTION_NOTE) {
          campaigns.completeIfActive(t.campaignId(), now);
        }
      }
      case ACCEPTED -> {
        campaigns.completeIfActive(t.campaignId(), now);
        Campaign c = store.findCampaign(t.campaignId()).orElse(null);
        Lead lead = store.findLead(t.leadId()).orElse(null);
        if (c != null
            && lead != null
            && (c.status() == CampaignStatus.ACTIVE || c.status() == CampaignStatus.COMPLETED)
            && !store.isSuppressed(lead.email())
            && lead.linkedinUrl() != null
            && tasks.findTasksByCampaign(c.id()).stream()
                .noneMatch(x -> x.kind() == TaskKind.FOLLOW_UP)) {
          create(c, lead, TaskKind.FOLLOW_UP, now, now);
        }
      }
    }
    return reported;
  }

  private void updateSink(ChannelTask task) {
    try {
      sink.update(task);
    } catch (RuntimeException e) {
      log.warn("task sink {} failed to update task {}", sink, task.id(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------

  /** How a task's text was written and checked, for its creation event. */
  private static final class TextAudit {
    String generator = "";
    boolean passed;
    int characters;
    int limit;
    String verdicts = "";
  }

  private CampaignEvent event(Instant at, ChannelTask t, EventPayload payload) {
    return new CampaignEvent(ids.get(), at, t.campaignId(), t.leadId(), null, payload);
  }
}
