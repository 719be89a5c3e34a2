package com.fourrunr.campaign.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirtableSyncTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  private final SettableClock clock = new SettableClock(DAY0);
  private final FakeAirtable airtable = new FakeAirtable(clock);
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private AirtableClient client;
  private AirtableSync sync;
  private CampaignEngine engine;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(airtable);
    server.start();
    AirtableConfig config =
        AirtableConfig.builder(FakeAirtable.TOKEN, FakeAirtable.BASE, FakeAirtable.TABLE)
            .baseUrl(server.url("/v0/").uri())
            .build();
    client =
        AirtableClient.builder(config)
            .clock(clock)
            .sleeper(clock::advance)
            .httpClient(http)
            .build();
    sync = AirtableSync.builder(client, store).build();
    engine = engineBuilder().listener(sync).build();
  }

  /**
   * Calendar days at any hour, and no uniqueness gate: these tests are about the Airtable sync, and
   * their generated leads ("Makes thing number 7") are alike on purpose.
   */
  private CampaignEngineBuilder engineBuilder() {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(FROM)
        .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
        .qualityGates(
            com.fourrunr.campaign.quality.QualityGates.builder().uniqueness(false).build());
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private List<String> addLeads(int n) {
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new HashMap<>();
      f.put("Email", "lead" + i + "@example" + i + ".com");
      f.put("First_Name", "Lead" + i);
      f.put("Company", "Company " + i);
      f.put("Company_Description", "Makes thing number " + i);
      f.put("Top_Services", List.of("Consulting", "Support"));
      f.put("Tone", "warm");
      f.put("Email_Confidence_Level", i % 2 == 0 ? "Real" : "Pattern");
      f.put("Engagement_Status", "New");
      airtable.add(f);
    }
    return airtable.ids();
  }

  private EnrolmentReport enrol() {
    return engine.enrol(AirtableLeadSource.create(client));
  }

  private Campaign campaignOf(String recordId) {
    return store.findCampaignsByLead(recordId).get(0);
  }

  private void day(int d) {
    Instant at = DAY0.plus(Duration.ofDays(d));
    if (clock.instant().isBefore(at)) {
      clock.set(at);
    }
  }

  /** A tracking adapter's open or click, stored and published as the engine does. */
  private void track(String recordId, EventType type) {
    Campaign c = campaignOf(recordId);
    CampaignEvent e =
        new CampaignEvent(
            UUID.randomUUID().toString(),
            type,
            clock.instant(),
            c.id(),
            c.leadId(),
            null,
            type == EventType.LINK_CLICKED ? Map.of("url", "https://4runr.test") : Map.of());
    store.commit(StoreChanges.builder().event(e).build());
    sync.onEvent(e);
  }

  private void reply(String recordId, String text) {
    Campaign c = campaignOf(recordId);
    CampaignMessage last =
        store.findMessages(c.id()).stream()
            .filter(m -> m.status() == DeliveryStatus.SENT)
            .reduce((a, b) -> b)
            .orElseThrow();
    engine.receive(
        InboundReply.builder(store.findLead(recordId).orElseThrow().email(), clock.instant())
            .messageId("<r-" + recordId + "@example.com>")
            .to(FROM.address())
            .inReplyTo(last.messageId())
            .subject("Re: " + last.subject())
            .text(text)
            .source("test")
            .build());
  }

  /** Every campaign field of every record is what the engine's store says. */
  private void assertEveryCampaignFieldRight(List<String> ids) {
    for (String id : ids) {
      Campaign c = campaignOf(id);
      ObjectNode f = airtable.fields(id);
      assertThat(text(f, "Campaign_ID")).as(id).isEqualTo(c.id());
      assertThat(text(f, "Campaign_Status")).as(id).isEqualTo(AirtableSync.label(c.status()));
      for (CampaignMessage m : store.findMessages(c.id())) {
        String step = m.type().name();
        switch (m.status()) {
          case SENT -> {
            assertThat(text(f, step + "_Status")).as(id + " " + step).isEqualTo("Sent");
            assertThat(text(f, step + "_Message_Subject"))
                .as(id + " " + step)
                .isEqualTo(m.subject());
            assertThat(text(f, step + "_Message_Sent_Date"))
                .as(id + " " + step)
                .isEqualTo(m.sentAt().toString());
          }
          case CANCELLED ->
              assertThat(text(f, step + "_Status")).as(id + " " + step).isEqualTo("Cancelled");
          case SCHEDULED ->
              assertThat(text(f, step + "_Status")).as(id + " " + step).isEqualTo("Scheduled");
          default ->
              assertThat(text(f, step + "_Status")).as(id + " " + step).isIn("", "Scheduled");
        }
      }
      List<CampaignEvent> events = store.findEvents(c.id());
      long opens = events.stream().filter(e -> e.type() == EventType.MESSAGE_OPENED).count();
      long clicks = events.stream().filter(e -> e.type() == EventType.LINK_CLICKED).count();
      assertThat(f.path("Total_Campaign_Opens").asLong(0)).as(id).isEqualTo(opens);
      assertThat(f.path("Total_Campaign_Clicks").asLong(0)).as(id).isEqualTo(clicks);
      CampaignEvent responded =
          events.stream()
              .filter(
                  e ->
                      e.type() == EventType.CAMPAIGN_RESPONDED
                          && !e.attribute("category").isEmpty())
              .findFirst()
              .orElse(null);
      if (responded == null) {
        assertThat(text(f, "Response_Type")).as(id).isEmpty();
      } else {
        assertThat(text(f, "Response_Type")).as(id).isEqualTo(responded.attribute("category"));
        assertThat(text(f, "Responded_Step")).as(id).isEqualTo(responded.attribute("step"));
        assertThat(text(f, "Campaign_Response_Date"))
            .as(id)
            .isEqualTo(responded.occurredAt().toString());
      }
      CampaignEvent last = events.get(events.size() - 1);
      String step = last.attribute("step");
      assertThat(text(f, "Last_Campaign_Event"))
          .as(id)
          .isEqualTo(last.type() + (step.isEmpty() ? "" : " " + step) + " " + last.occurredAt());
    }
  }

  private static String text(JsonNode f, String field) {
    JsonNode v = f.get(field);
    return v == null ? "" : v.asText();
  }

  @Test
  void twoHundredFiftyLeadsRunToTheEndWithEveryCampaignFieldRight() {
    List<String> ids = addLeads(250);

    EnrolmentReport report = enrol();
    assertThat(report.enrolled()).isEqualTo(250);

    for (int d = 0; d <= 8; d++) {
      day(d);
      sync.pollChanges(engine);
      engine.runDue();
      if (d == 1) {
        for (int i = 0; i < 250; i += 5) {
          track(ids.get(i), EventType.MESSAGE_OPENED);
          track(ids.get(i), EventType.MESSAGE_OPENED);
          track(ids.get(i), EventType.LINK_CLICKED);
        }
      }
      if (d == 4) {
        for (int i = 0; i < 250; i += 10) {
          reply(
              ids.get(i),
              i % 20 == 0
                  ? "Sounds good, I'm interested - let's talk."
                  : "Not interested, thanks.");
        }
      }
      AirtableSync.FlushReport flushed = sync.flush();
      assertThat(flushed.error()).isNull();
      assertThat(flushed.pending()).isZero();
    }

    assertThat(store.findCampaignsByLead(ids.get(1)).get(0).status())
        .isEqualTo(CampaignStatus.COMPLETED);
    assertThat(campaignOf(ids.get(0)).status()).isEqualTo(CampaignStatus.RESPONDED);
    assertThat(text(airtable.fields(ids.get(0)), "Response_Type")).isEqualTo("INTERESTED");
    assertThat(text(airtable.fields(ids.get(10)), "Response_Type")).isEqualTo("NOT_INTERESTED");
    assertThat(text(airtable.fields(ids.get(10)), "Responded_Step")).isEqualTo("Proof");
    assertThat(sender.sent()).hasSize(225 * 3 + 25 * 2);
    assertEveryCampaignFieldRight(ids);
    assertThat(airtable.count(429)).as("never over 5 requests a second").isZero();
    assertThat(airtable.maxRecordsInOneWrite()).isLessThanOrEqualTo(10);
  }

  @Test
  void personsPauseInTheTablePausesThatCampaignUntilTheySetItActiveAgain() {
    List<String> ids = addLeads(3);
    enrol();
    engine.runDue();
    sync.flush();
    String paused = ids.get(1);

    airtable.set(paused, "Campaign_Status", "Paused");
    AirtableSync.PollReport poll = sync.pollChanges(engine);

    assertThat(poll.read()).isEqualTo(3);
    assertThat(poll.paused()).isEqualTo(1);
    assertThat(campaignOf(paused).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaignOf(paused).statusReason()).isEqualTo(AirtableSync.PAUSED_IN_AIRTABLE);

    day(3);
    assertThat(sync.pollChanges(engine).paused()).as("applied once").isZero();
    engine.runDue();
    sync.flush();
    String pausedEmail = store.findLead(paused).orElseThrow().email();
    assertThat(sender.sentTo(pausedEmail)).hasSize(1);
    assertThat(sender.sent()).hasSize(3 + 2);
    assertThat(airtable.text(paused, "Campaign_Status")).isEqualTo("Paused");
    assertThat(airtable.text(paused, "Proof_Status")).isNotEqualTo("Sent");

    airtable.set(paused, "Campaign_Status", "Active");
    assertThat(sync.pollChanges(engine).resumed()).isEqualTo(1);
    engine.runDue();
    sync.flush();
    assertThat(sender.sentTo(pausedEmail)).hasSize(2);
    assertEveryCampaignFieldRight(ids);
  }

  @Test
  void personsPauseWinsOverEngineUpdatesStillQueued() {
    List<String> ids = addLeads(2);
    enrol();
    engine.runDue();
    // the engine's Active and Hook updates are queued, not yet written, when the person pauses
    assertThat(sync.outbox().size()).isEqualTo(2);
    airtable.set(ids.get(0), "Campaign_Status", "Paused");

    assertThat(sync.pollChanges(engine).paused()).isEqualTo(1);
    sync.flush();

    assertThat(campaignOf(ids.get(0)).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(airtable.text(ids.get(0), "Campaign_Status")).isEqualTo("Paused");
    assertThat(airtable.text(ids.get(0), "Hook_Status")).isEqualTo("Sent");
    assertThat(campaignOf(ids.get(1)).status()).isEqualTo(CampaignStatus.ACTIVE);
    assertEveryCampaignFieldRight(ids);
  }

  @Test
  void tableShowingAStatusTheSyncWroteIsNotTakenForAPersonsChange() {
    List<String> ids = addLeads(1);
    String id = ids.get(0);
    enrol();
    engine.runDue();
    sync.flush();
    String campaignId = campaignOf(id).id();
    engine.pause(campaignId, "paused by operator");
    sync.flush();
    assertThat(airtable.text(id, "Campaign_Status")).isEqualTo("Paused");

    engine.resume(campaignId);
    // the table still shows the Paused this sync wrote; the engine's Active is queued
    AirtableSync.PollReport poll = sync.pollChanges(engine);

    assertThat(poll.paused()).isZero();
    assertThat(campaignOf(id).status()).isEqualTo(CampaignStatus.ACTIVE);
    sync.flush();
    assertThat(airtable.text(id, "Campaign_Status")).isEqualTo("Active");
    assertEveryCampaignFieldRight(ids);
  }

  @Test
  void withALeadIdFieldFieldsAreUpsertedOnItAndAPausesStillApplies() {
    for (int i = 0; i < 3; i++) {
      airtable.add(
          Map.of(
              "Lead_ID",
              "L-" + i,
              "Email",
              "l" + i + "@example.com",
              "Company",
              "C" + i,
              "Company_Description",
              "Does " + i,
              "Email_Confidence_Level",
              "Real"));
    }
    List<String> ids = airtable.ids();
    AirtableConfig config =
        AirtableConfig.builder(FakeAirtable.TOKEN, FakeAirtable.BASE, FakeAirtable.TABLE)
            .baseUrl(server.url("/v0/").uri())
            .leadIdField("Lead_ID")
            .build();
    AirtableClient byLeadId =
        AirtableClient.builder(config)
            .clock(clock)
            .sleeper(clock::advance)
            .httpClient(http)
            .build();
    AirtableSync upserting = AirtableSync.builder(byLeadId, store).build();
    CampaignEngine withUpserts = engineBuilder().listener(upserting).build();

    assertThat(withUpserts.enrol(AirtableLeadSource.create(byLeadId)).enrolled()).isEqualTo(3);
    withUpserts.runDue();
    assertThat(upserting.flush().written()).isEqualTo(3);

    assertThat(airtable.ids()).as("merged on Lead_ID, nothing created").isEqualTo(ids);
    Campaign first = store.findCampaignsByLead("L-0").get(0);
    assertThat(airtable.text(ids.get(0), "Campaign_ID")).isEqualTo(first.id());
    assertThat(airtable.text(ids.get(0), "Hook_Status")).isEqualTo("Sent");

    airtable.set(ids.get(2), "Campaign_Status", "Paused");
    assertThat(upserting.pollChanges(withUpserts).paused()).isEqualTo(1);
    assertThat(store.findCampaignsByLead("L-2").get(0).status()).isEqualTo(CampaignStatus.PAUSED);
  }

  @Test
  void stoppedOrEngagedInTheTableStopsTheCampaign() {
    List<String> ids = addLeads(3);
    enrol();
    engine.runDue();
    sync.flush();

    airtable.set(ids.get(0), "Campaign_Status", "Stopped");
    airtable.set(ids.get(1), "Engagement_Status", "Engaged");
    AirtableSync.PollReport poll = sync.pollChanges(engine);

    assertThat(poll.stopped()).isEqualTo(2);
    assertThat(campaignOf(ids.get(0)).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(campaignOf(ids.get(1)).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(campaignOf(ids.get(1)).statusReason()).contains("ENGAGED");
    assertThat(campaignOf(ids.get(2)).status()).isEqualTo(CampaignStatus.ACTIVE);
    sync.flush();
    assertThat(airtable.text(ids.get(1), "Campaign_Status")).isEqualTo("Stopped");
    assertThat(airtable.text(ids.get(1), "Proof_Status")).isEqualTo("Cancelled");
    assertEveryCampaignFieldRight(ids);
  }

  @Test
  void anHourLongOutageLosesNothingAndFloodsNothingWhenItEnds() {
    List<String> ids = addLeads(250);
    enrol();
    assertThat(sync.flush().pending()).isZero();

    airtable.down(true);
    engine.runDue();
    Instant outageStart = clock.instant();
    int round = 0;
    // the host's schedule: poll, send and flush every five minutes, for the whole hour Airtable is
    // down
    while (Duration.between(outageStart, clock.instant()).compareTo(Duration.ofHours(1)) < 0) {
      clock.advance(Duration.ofMinutes(5));
      round++;
      if (round % 2 == 0) {
        for (int i = 0; i < 250; i += 3) {
          track(ids.get(i), EventType.MESSAGE_OPENED);
        }
      }
      engine.runDue();
      AirtableSync.FlushReport failed = sync.flush();
      assertThat(failed.error()).contains("503");
      assertThat(failed.written()).isZero();
      assertThat(failed.pending()).isEqualTo(250);
    }
    int callsDuringOutage = airtable.calls().size();

    airtable.down(false);
    AirtableSync.FlushReport caughtUp = sync.flush();

    assertThat(caughtUp.written()).isEqualTo(250);
    assertThat(caughtUp.requests())
        .as("one update per record, ten records a request")
        .isEqualTo(25);
    assertThat(caughtUp.pending()).isZero();
    assertThat(airtable.calls().size() - callsDuringOutage).isEqualTo(25);
    assertThat(airtable.count(429)).isZero();
    assertThat(airtable.maxRecordsInOneWrite()).isLessThanOrEqualTo(10);
    assertEveryCampaignFieldRight(ids);
  }

  @Test
  void recordAirtableRefusesIsDroppedWithoutHoldingUpTheOthers() {
    List<String> ids = addLeads(9);
    for (String id : ids) {
      sync.outbox().put(id, Map.of("Tone", "bold"));
    }
    sync.outbox().put("recDELETED0000000", Map.of("Tone", "bold"));

    AirtableSync.FlushReport report = sync.flush();

    assertThat(report.written()).isEqualTo(9);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.pending()).isZero();
    assertThat(ids).allSatisfy(id -> assertThat(airtable.text(id, "Tone")).isEqualTo("bold"));
  }
}
