package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.Channel;
import com.fourrunr.campaign.ChannelPlan;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.channel.ChannelReport;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.channel.TaskKind;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskSink;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.schedule.BusinessSchedule;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * LinkedIn as the fallback channel, on the settable clock: which leads get a task, when, within
 * which caps, and what cancels it. Calendar days unless a test says otherwise: Hook day 0, Proof
 * day 3, FOMO day 7, LinkedIn 3 days after the FOMO (day 10).
 */
class LinkedInFallbackTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final AtomicReference<ReplyClassification> verdict = new AtomicReference<>();
  private final List<ChannelTask> published = new ArrayList<>();
  private final List<ChannelTask> updated = new ArrayList<>();
  private final TaskSink sink =
      new TaskSink() {
        @Override
        public void publish(ChannelTask task) {
          published.add(task);
        }

        @Override
        public void update(ChannelTask task) {
          updated.add(task);
        }
      };

  private static Lead lead(String name, boolean linkedIn) {
    Lead.Builder b =
        Lead.builder("L-" + name, name + "@" + name + "-co.example")
            .firstName(capital(name))
            .company(capital(name) + " Works")
            .companyDomain(name + "-co.example")
            .industry("Logistics")
            .companyDescription(
                capital(name) + " Works runs freight brokerage for regional shippers.")
            .topServices("Freight brokerage; Warehousing")
            .emailConfidence(EmailConfidence.REAL);
    if (linkedIn) {
      b.linkedinUrl("https://www.linkedin.com/in/" + name);
    }
    return b.build();
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private CampaignEngineBuilder builder() {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(FROM)
        .schedule(SendSchedule.calendarDays())
        .classifier(r -> verdict.get())
        .channels(ChannelPlan.email(), ChannelPlan.linkedIn())
        .taskSink(sink)
        // The template's emails to these look-alike leads are too alike for the uniqueness gate.
        .qualityGates(QualityGates.builder().uniqueness(false).build());
  }

  private static Instant day(int n) {
    return DAY0.plus(Duration.ofDays(n));
  }

  private void runDays(CampaignEngine engine, int first, int last) {
    for (int d = first; d <= last; d++) {
      clock.set(day(d));
      engine.runDue();
    }
  }

  /** A reply to the last email the lead got. */
  private void reply(CampaignEngine engine, Lead lead, ReplyCategory category) {
    verdict.set(new ReplyClassification(category, null, "scripted", 0.95));
    var mails = sender.sentTo(lead.email());
    var first = mails.get(mails.size() - 1);
    engine.receive(
        InboundReply.builder(lead.email(), clock.instant())
            .messageId(
                "<"
                    + category
                    + "-"
                    + clock.instant().toEpochMilli()
                    + "@"
                    + lead.companyDomain()
                    + ">")
            .subject("Re: " + first.subject())
            .inReplyTo(first.messageId())
            .text("...")
            .build());
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private List<ChannelTask> tasksOf(Lead lead) {
    return store.findTasksByCampaign(campaignOf(lead).id());
  }

  private List<CampaignEvent> events(Lead lead, EventType type) {
    return store.findEvents(campaignOf(lead).id()).stream().filter(e -> e.type() == type).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Eligibility

  @Test
  void onlyEligibleLeadsGetATaskAfterTheirLastEmail() {
    Lead silent = lead("ada", true);
    Lead noProfile = lead("bob", false);
    Lead answered = lead("cy", true);
    Lead optedOut = lead("dee", true);
    Lead bounced = lead("eve", true);
    Lead paused = lead("fay", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(silent, noProfile, answered, optedOut, bounced, paused));
    runDays(engine, 0, 4);
    reply(engine, answered, ReplyCategory.INTERESTED);
    reply(engine, optedOut, ReplyCategory.UNSUBSCRIBE_REQUEST);
    reply(engine, bounced, ReplyCategory.BOUNCE_HARD);
    engine.pause(campaignOf(paused).id(), "a person looks at it");
    runDays(engine, 5, 12);

    assertThat(tasksOf(silent))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TaskKind.CONNECTION_NOTE);
              assertThat(t.channel()).isEqualTo(Channel.LINKEDIN);
              assertThat(t.profileUrl().toString()).isEqualTo("https://www.linkedin.com/in/ada");
              assertThat(t.dueAt()).isEqualTo(day(10));
              assertThat(t.status()).isEqualTo(TaskStatus.OPEN);
              assertThat(t.text().length()).isLessThanOrEqualTo(LinkedInAccount.PREMIUM_NOTE_LIMIT);
              assertThat(t.text()).contains("Ada").doesNotContain("http");
            });
    assertThat(campaignOf(silent).status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(events(silent, EventType.CHANNEL_TASK_CREATED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("channel")).isEqualTo("LINKEDIN");
              assertThat(e.attribute("taskKind")).isEqualTo("CONNECTION_NOTE");
              assertThat(e.occurredAt()).isEqualTo(day(7));
            });
    assertThat(published).extracting(ChannelTask::leadId).containsExactly(silent.id());

    for (Lead l : List.of(noProfile, answered, optedOut, bounced, paused)) {
      assertThat(tasksOf(l)).as(l.id()).isEmpty();
    }
    assertThat(campaignOf(noProfile).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(campaignOf(answered).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(campaignOf(optedOut).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(campaignOf(paused).status()).isEqualTo(CampaignStatus.PAUSED);
  }

  @Test
  void aSoftBounceOfTheLastEmailCancelsTheTaskAndTheResendPlansItAgain() {
    Lead soft = lead("gus", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(soft));
    runDays(engine, 0, 7);
    // The FOMO went out on day 7; a soft bounce of it arrives the same day, before the task is due.
    assertThat(tasksOf(soft))
        .singleElement()
        .extracting(ChannelTask::status)
        .isEqualTo(TaskStatus.WAITING);
    reply(engine, soft, ReplyCategory.BOUNCE_SOFT);
    assertThat(tasksOf(soft))
        .singleElement()
        .extracting(ChannelTask::status)
        .isEqualTo(TaskStatus.CANCELLED);
    runDays(engine, 8, 14);

    assertThat(sender.sentTo(soft.email())).hasSize(4);
    assertThat(tasksOf(soft))
        .extracting(ChannelTask::status)
        .containsExactly(TaskStatus.CANCELLED, TaskStatus.OPEN);
    assertThat(published).hasSize(1);
  }

  @Test
  void aHardBounceStopsTheCampaignAndItsTask() {
    Lead hard = lead("hal", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(hard));
    runDays(engine, 0, 8);
    reply(engine, hard, ReplyCategory.BOUNCE_HARD);
    runDays(engine, 9, 14);

    assertThat(tasksOf(hard))
        .singleElement()
        .extracting(ChannelTask::status)
        .isEqualTo(TaskStatus.CANCELLED);
    assertThat(published).isEmpty();
  }

  @Test
  void withoutALinkedInChannelTheCampaignCompletesAfterTheLastEmailAsBefore() {
    Lead silent = lead("ada", true);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(FROM)
            .schedule(SendSchedule.calendarDays())
            .build();
    engine.enrol(List.of(silent));
    runDays(engine, 0, 12);

    assertThat(campaignOf(silent).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(tasksOf(silent)).isEmpty();
  }

  @Test
  void theTaskIsDueTheConfiguredBusinessDaysAfterTheLastEmail() {
    ZoneId london = ZoneId.of("Europe/London");
    Lead ada = lead("ada", true).toBuilder().timezone(london).country("GB").build();
    SchedulePolicy policy = SchedulePolicy.builder().jitter(false).build();
    CampaignEngine engine =
        builder()
            .schedule(BusinessSchedule.builder().policy(policy).build())
            .schedulePolicy(policy)
            .channels(ChannelPlan.email(), ChannelPlan.linkedIn(2))
            .build();
    engine.enrol(List.of(ada));
    for (int hour = 0; hour < 24 * 16; hour++) {
      clock.set(DAY0.plus(Duration.ofHours(hour)));
      engine.runDue();
    }
    List<CampaignMessage> emails = store.findMessages(campaignOf(ada).id());
    Instant lastEmail = emails.get(emails.size() - 1).sentAt();
    ChannelTask task = tasksOf(ada).get(0);

    var lastDay = lastEmail.atZone(london).toLocalDate();
    var dueDay = task.dueAt().atZone(london).toLocalDate();
    int businessDays = 0;
    for (var d = lastDay.plusDays(1); !d.isAfter(dueDay); d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        businessDays++;
      }
    }
    assertThat(businessDays).isEqualTo(2);
    assertThat(dueDay.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
  }

  // ---------------------------------------------------------------------------------------------
  // Cancellation

  @Test
  void anEmailReplyArrivingAfterTheTaskWasCreatedCancelsTheWaitingTask() {
    Lead ada = lead("ada", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(ada));
    runDays(engine, 0, 8);
    assertThat(tasksOf(ada))
        .singleElement()
        .extracting(ChannelTask::status)
        .isEqualTo(TaskStatus.WAITING);

    reply(engine, ada, ReplyCategory.INTERESTED);
    runDays(engine, 9, 14);

    assertThat(tasksOf(ada))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED);
              assertThat(t.reason()).isEqualTo("the lead answered");
            });
    assertThat(events(ada, EventType.CHANNEL_TASK_CANCELLED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("channel", "LINKEDIN")
                    .containsEntry("taskKind", "CONNECTION_NOTE"));
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(published).isEmpty();
  }

  @Test
  void anEmailReplyAfterTheTaskWentOutCancelsItAndTellsTheSink() {
    Lead ada = lead("ada", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(ada));
    runDays(engine, 0, 11);
    assertThat(published).hasSize(1);

    reply(engine, ada, ReplyCategory.INTERESTED);

    assertThat(tasksOf(ada).get(0).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(updated)
        .singleElement()
        .extracting(ChannelTask::status)
        .isEqualTo(TaskStatus.CANCELLED);
    assertThatThrownBy(() -> engine.reportTask(published.get(0).id(), TaskOutcome.SENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CANCELLED");
  }

  @Test
  void anUnsubscribePauseOrStopCancelsTheOutstandingTask() {
    Lead optOut = lead("ada", true);
    Lead paused = lead("bob", true);
    Lead stopped = lead("cy", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(optOut, paused, stopped));
    runDays(engine, 0, 8);

    reply(engine, optOut, ReplyCategory.UNSUBSCRIBE_REQUEST);
    engine.pause(campaignOf(paused).id(), "checking");
    engine.stop(campaignOf(stopped).id(), "wrong fit");
    runDays(engine, 9, 14);

    assertThat(tasksOf(optOut).get(0).reason()).startsWith("address suppressed");
    assertThat(tasksOf(paused).get(0).reason()).startsWith("campaign paused");
    assertThat(tasksOf(stopped).get(0).reason()).startsWith("campaign stopped");
    assertThat(List.of(optOut, paused, stopped))
        .allSatisfy(
            l ->
                assertThat(tasksOf(l))
                    .singleElement()
                    .extracting(ChannelTask::status)
                    .isEqualTo(TaskStatus.CANCELLED));
    assertThat(published).isEmpty();
  }

  @Test
  void aResumedCampaignGetsItsLinkedInStepAgain() {
    Lead bob = lead("bob", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(bob));
    runDays(engine, 0, 8);
    engine.pause(campaignOf(bob).id(), "checking");
    clock.set(day(9));
    engine.resume(campaignOf(bob).id());
    runDays(engine, 9, 10);

    assertThat(tasksOf(bob))
        .extracting(ChannelTask::status)
        .containsExactly(TaskStatus.CANCELLED, TaskStatus.OPEN);
    assertThat(campaignOf(bob).status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  // ---------------------------------------------------------------------------------------------
  // Reports

  @Test
  void reportedOutcomesMoveTheTaskAndTheCampaign() {
    Lead ada = lead("ada", true);
    Lead bob = lead("bob", true);
    Lead cy = lead("cy", true);
    CampaignEngine engine =
        builder()
            .linkedIn(
                LinkedInSettings.of(LinkedInAccount.premium("default").withSpacing(Duration.ZERO)))
            .build();
    engine.enrol(List.of(ada, bob, cy));
    runDays(engine, 0, 10);
    assertThat(published).hasSize(3);

    // Ada: sent, accepted, the follow-up sent, then she answers on LinkedIn.
    ChannelTask adaNote = engine.reportTask(tasksOf(ada).get(0).id(), TaskOutcome.SENT);
    assertThat(adaNote.status()).isEqualTo(TaskStatus.OPEN);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.COMPLETED);
    engine.reportTask(adaNote.id(), TaskOutcome.ACCEPTED);
    ChannelTask followUp = tasksOf(ada).get(1);
    assertThat(followUp.kind()).isEqualTo(TaskKind.FOLLOW_UP);
    assertThat(followUp.text().length())
        .isLessThanOrEqualTo(LinkedInAccount.DEFAULT_FOLLOW_UP_LIMIT);
    assertThat(followUp.text()).isNotEqualTo(adaNote.text());
    assertThat(followUp.account()).isEqualTo(adaNote.account());
    clock.set(day(10).plusSeconds(3600));
    engine.runDue();
    engine.reportTask(followUp.id(), TaskOutcome.SENT);
    engine.reportTask(followUp.id(), TaskOutcome.REPLIED);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(events(ada, EventType.CAMPAIGN_RESPONDED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("channel", "LINKEDIN")
                    .containsEntry("step", "LinkedInFollowUp"));
    assertThat(events(ada, EventType.CHANNEL_TASK_REPORTED))
        .extracting(e -> e.attribute("outcome"))
        .containsExactly("SENT", "ACCEPTED", "SENT", "REPLIED");

    // Bob declines: the campaign completes, nothing more on LinkedIn.
    engine.reportTask(tasksOf(bob).get(0).id(), TaskOutcome.DECLINED);
    assertThat(campaignOf(bob).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThat(tasksOf(bob))
        .singleElement()
        .extracting(ChannelTask::status)
        .isEqualTo(TaskStatus.DONE);

    // Cy answers the connection note itself.
    engine.reportTask(tasksOf(cy).get(0).id(), TaskOutcome.REPLIED);
    assertThat(campaignOf(cy).status()).isEqualTo(CampaignStatus.RESPONDED);

    ChannelReport report = engine.channelReport();
    assertThat(report.fallbackEligible()).isEqualTo(3);
    assertThat(report.fallbackResponses()).isEqualTo(2);
    assertThat(report.lift()).isEqualTo(2.0 / 3);
    assertThat(report.channels())
        .filteredOn(c -> c.channel() == Channel.EMAIL)
        .singleElement()
        .satisfies(c -> assertThat(c.reached()).isEqualTo(3));
    assertThat(report.steps())
        .filteredOn(s -> s.channel() == Channel.LINKEDIN)
        .extracting(s -> s.step() + " " + s.reached() + "/" + s.responses())
        .containsExactlyInAnyOrder("LinkedInNote 3/1", "LinkedInFollowUp 1/1");
    assertThat(report.toText()).contains("Fallback lift: 2 of 3");
  }

  @Test
  void badReportsAreRefusedNamingTheProblem() {
    Lead ada = lead("ada", true);
    CampaignEngine engine = builder().build();
    engine.enrol(List.of(ada));
    runDays(engine, 0, 8);
    String waiting = tasksOf(ada).get(0).id();

    assertThatThrownBy(() -> engine.reportTask("nope", TaskOutcome.SENT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("taskId");
    assertThatThrownBy(() -> engine.reportTask(waiting, TaskOutcome.SENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WAITING");
    CampaignEngine emailOnly =
        CampaignEngine.builder().store(store).sender(sender).clock(clock).from(FROM).build();
    assertThatThrownBy(() -> emailOnly.reportTask(waiting, TaskOutcome.SENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no LinkedIn channel");
    assertThatThrownBy(
            () -> builder().channels(ChannelPlan.linkedIn(), ChannelPlan.email()).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("channels");
  }

  // ---------------------------------------------------------------------------------------------
  // Caps

  /**
   * {@code count} one-step campaigns whose Hook is due at {@code at}; each lead has a LinkedIn
   * profile.
   */
  private List<Lead> storeDue(int count, Instant at) {
    CampaignConfig oneStep =
        CampaignConfig.defaults(FROM)
            .withSequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))));
    StoreChanges.Builder b = StoreChanges.builder();
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String n = String.format("%03d", i);
      Lead lead = lead("lead" + n, true);
      leads.add(lead);
      b.lead(lead)
          .campaign(Campaign.start("C-" + n, lead.id(), oneStep, at))
          .message(
              CampaignMessage.pending(
                      "M-" + n,
                      "C-" + n,
                      lead.id(),
                      0,
                      MessageType.HOOK,
                      "Hello " + n,
                      "Body " + n,
                      null)
                  .withScheduled(at));
    }
    store.commit(b.build());
    return leads;
  }

  @Test
  void capsAreNeverExceededAcrossWeeksAndNoTaskIsDropped() {
    LinkedInAccount one =
        LinkedInAccount.free("sales-1")
            .withWeeklyInvitations(100)
            .withDailyTasks(30)
            .withSpacing(Duration.ofMinutes(20));
    LinkedInAccount two =
        LinkedInAccount.premium("sales-2")
            .withWeeklyInvitations(60)
            .withDailyTasks(15)
            .withSpacing(Duration.ofMinutes(45));
    CampaignEngine engine =
        builder()
            .channels(ChannelPlan.email(), ChannelPlan.linkedIn(0))
            .linkedIn(LinkedInSettings.of(one, two))
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .build();
    storeDue(400, DAY0);
    Map<String, AtomicInteger> accepted = new HashMap<>();
    Instant end = DAY0.plus(Duration.ofDays(35));
    for (Instant t = DAY0; !t.isAfter(end); t = t.plus(Duration.ofMinutes(15))) {
      clock.set(t);
      int before = published.size();
      engine.runDue();
      // A person does each task handed out; every fifth invitation is accepted, making a follow-up
      // task.
      for (ChannelTask task : new ArrayList<>(published.subList(before, published.size()))) {
        engine.reportTask(task.id(), TaskOutcome.SENT);
        if (task.kind() == TaskKind.CONNECTION_NOTE
            && accepted.computeIfAbsent(task.account(), a -> new AtomicInteger()).incrementAndGet()
                    % 5
                == 0) {
          engine.reportTask(task.id(), TaskOutcome.ACCEPTED);
        }
      }
    }

    for (LinkedInAccount account : List.of(one, two)) {
      List<ChannelTask> out =
          published.stream()
              .filter(t -> t.account().equals(account.id()))
              .sorted((a, b) -> a.releasedAt().compareTo(b.releasedAt()))
              .toList();
      List<Instant> all = out.stream().map(ChannelTask::releasedAt).toList();
      List<Instant> invitations =
          out.stream()
              .filter(t -> t.kind() == TaskKind.CONNECTION_NOTE)
              .map(ChannelTask::releasedAt)
              .toList();
      assertThat(invitations)
          .as(account.id() + " tasks handed out")
          .hasSizeGreaterThan(account.weeklyInvitations());
      assertThat(maxInWindow(invitations, Duration.ofDays(7)))
          .as(account.id() + " weekly")
          .isLessThanOrEqualTo(account.weeklyInvitations());
      assertThat(maxInWindow(all, Duration.ofDays(1)))
          .as(account.id() + " daily")
          .isLessThanOrEqualTo(account.dailyTasks());
      for (int i = 1; i < all.size(); i++) {
        assertThat(Duration.between(all.get(i - 1), all.get(i)))
            .as(account.id() + " spacing")
            .isGreaterThanOrEqualTo(account.spacing());
      }
      for (ChannelTask t : out) {
        assertThat(t.text().length()).isLessThanOrEqualTo(account.limit(t.kind()));
      }
    }
    // Every campaign got its connection note, and none was dropped: handed out or still waiting.
    long notes =
        store.findTasksByStatus(TaskStatus.WAITING, null, 10_000).stream()
                .filter(t -> t.kind() == TaskKind.CONNECTION_NOTE)
                .count()
            + published.stream().filter(t -> t.kind() == TaskKind.CONNECTION_NOTE).count();
    assertThat(notes).isEqualTo(400);
    assertThat(published.stream().map(ChannelTask::id).distinct().count())
        .isEqualTo(published.size());
  }

  @Test
  void aFailingSinkLeavesTheTaskWaitingAndItIsHandedOutLater() {
    AtomicInteger failures = new AtomicInteger(2);
    TaskSink flaky =
        task -> {
          if (failures.getAndDecrement() > 0) {
            throw new IllegalStateException("table unavailable");
          }
          published.add(task);
        };
    CampaignEngine engine =
        builder().taskSink(flaky).channels(ChannelPlan.email(), ChannelPlan.linkedIn(0)).build();
    storeDue(1, DAY0);
    for (int minutes = 0; minutes <= 30; minutes += 5) {
      clock.set(DAY0.plus(Duration.ofMinutes(minutes)));
      engine.runDue();
    }
    assertThat(published)
        .singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.OPEN));
    assertThat(store.findTask(published.get(0).id()).orElseThrow().status())
        .isEqualTo(TaskStatus.OPEN);
  }

  private static int maxInWindow(List<Instant> sorted, Duration window) {
    List<Instant> times = new ArrayList<>(sorted);
    Collections.sort(times);
    int best = 0;
    int start = 0;
    for (int i = 0; i < times.size(); i++) {
      while (!times.get(start).isAfter(times.get(i).minus(window))) {
        start++;
      }
      best = Math.max(best, i - start + 1);
    }
    return best;
  }
}
