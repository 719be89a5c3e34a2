package com.fourrunr.campaign.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.ChannelPlan;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.LinkedInAccount;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LinkedIn tasks written to an Airtable table, against MockWebServer playing Airtable by its
 * documented rules (bearer token, 5 requests a second, performUpsert, all-or-nothing writes of at
 * most 10 records).
 */
class AirtableTaskSinkTest {
  private static final String TASKS = "LinkedIn Tasks";
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  private final SettableClock clock = new SettableClock(DAY0);
  private final FakeAirtable airtable = new FakeAirtable(clock, TASKS);
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private CampaignEngine engine;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(airtable);
    server.start();
    AirtableConfig config =
        AirtableConfig.builder(FakeAirtable.TOKEN, FakeAirtable.BASE, TASKS)
            .baseUrl(server.url("/v0/").uri())
            .maxRetries(2)
            .build();
    AirtableClient client =
        AirtableClient.builder(config)
            .clock(clock)
            .sleeper(clock::advance)
            .httpClient(http)
            .build();
    engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .from(FROM)
            .schedule(SendSchedule.calendarDays())
            .qualityGates(QualityGates.builder().uniqueness(false).build())
            .classifier(
                r -> new ReplyClassification(ReplyCategory.INTERESTED, null, "scripted", 0.9))
            .channels(ChannelPlan.email(), ChannelPlan.linkedIn(1))
            .linkedIn(
                LinkedInSettings.of(LinkedInAccount.free("sales-1").withSpacing(Duration.ZERO)))
            .taskSink(AirtableTaskSink.create(client))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static Lead lead(String name) {
    return Lead.builder("L-" + name, name + "@" + name + ".example")
        .firstName(name)
        .company(name + " Freight")
        .industry("Logistics")
        .companyDescription(name + " Freight moves pallets across the Midwest.")
        .topServices("Pallet freight")
        .emailConfidence(EmailConfidence.REAL)
        .linkedinUrl("https://www.linkedin.com/in/" + name)
        .build();
  }

  private void runDays(int first, int last) {
    for (int d = first; d <= last; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      engine.runDue();
    }
  }

  private String recordOf(ChannelTask task) {
    return airtable.ids().stream()
        .filter(id -> airtable.text(id, "Task_ID").equals(task.id()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void handedOutTasksBecomeRecordsThatFollowTheirReportsAndCancellations() {
    Lead ada = lead("ada");
    Lead bob = lead("bob");
    engine.enrol(List.of(ada, bob));
    runDays(0, 8);
    List<ChannelTask> open = engine.channelTasks(TaskStatus.OPEN, null, 10);
    assertThat(open).hasSize(2);
    assertThat(airtable.ids()).hasSize(2);
    ChannelTask adaTask =
        open.stream().filter(t -> t.leadId().equals(ada.id())).findFirst().orElseThrow();
    String record = recordOf(adaTask);
    assertThat(airtable.text(record, "Text"))
        .isEqualTo(adaTask.text())
        .hasSizeLessThanOrEqualTo(200);
    assertThat(airtable.text(record, "LinkedIn_URL")).isEqualTo("https://www.linkedin.com/in/ada");
    assertThat(airtable.text(record, "Kind")).isEqualTo("CONNECTION_NOTE");
    assertThat(airtable.text(record, "Account")).isEqualTo("sales-1");
    assertThat(airtable.text(record, "Status")).isEqualTo("OPEN");

    engine.reportTask(adaTask.id(), TaskOutcome.SENT);
    assertThat(airtable.text(record, "Outcome")).isEqualTo("SENT");

    // Bob answers the last email after his task went out: his record says CANCELLED.
    var last = sender.sentTo(bob.email()).get(2);
    engine.receive(
        InboundReply.builder(bob.email(), clock.instant())
            .messageId("<re-bob@bob.example>")
            .subject("Re: " + last.subject())
            .inReplyTo(last.messageId())
            .text("Sounds good, call me")
            .build());
    ChannelTask bobTask =
        open.stream().filter(t -> t.leadId().equals(bob.id())).findFirst().orElseThrow();
    assertThat(airtable.text(recordOf(bobTask), "Status")).isEqualTo("CANCELLED");
    assertThat(airtable.text(recordOf(bobTask), "Reason")).isEqualTo("the lead answered");

    assertThat(airtable.ids()).hasSize(2);
    assertThat(airtable.count(401)).isZero();
    assertThat(airtable.calls()).allSatisfy(c -> assertThat(c.method()).isEqualTo("PATCH"));
  }

  @Test
  void aTaskIsKeptWaitingWhileAirtableIsDownAndWrittenOnceItIsBack() {
    engine.enrol(List.of(lead("cy")));
    runDays(0, 7);
    airtable.down(true);
    runDays(8, 8);
    assertThat(engine.channelTasks(TaskStatus.WAITING, null, 10)).hasSize(1);
    assertThat(airtable.ids()).isEmpty();

    airtable.down(false);
    runDays(9, 9);

    assertThat(engine.channelTasks(TaskStatus.OPEN, null, 10)).hasSize(1);
    assertThat(airtable.ids())
        .singleElement()
        .satisfies(id -> assertThat(airtable.text(id, "Status")).isEqualTo("OPEN"));
  }
}
