package com.fourrunr.campaign.esp;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A real engine over the in-memory store, with one lead whose first message has gone out. */
final class EngineFixture {
  static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
  final InMemoryCampaignStore store = new InMemoryCampaignStore();
  final RecordingSender sender = new RecordingSender();
  final CampaignEngine engine;

  /** The Message-ID of the message sent to Ada. */
  final String sentMessageId;

  EngineFixture() {
    engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();
    engine.enrol(List.of(ADA));
    engine.runDue();
    sentMessageId = sender.sentTo(ADA.email()).get(0).messageId();
  }

  Campaign campaign() {
    return store.findCampaignsByLead(ADA.id()).get(0);
  }

  List<CampaignEvent> classified() {
    return store.findEvents(campaign().id()).stream()
        .filter(e -> e.type() == EventType.REPLY_CLASSIFIED)
        .toList();
  }

  com.fourrunr.campaign.@org.jspecify.annotations.Nullable BounceReason reason(int i) {
    return ((EventPayload.ReplyClassified) classified().get(i).payload()).reason();
  }

  int eventCount() {
    return store.findEvents(campaign().id()).size();
  }

  static EspWebhookRequest request(Map<String, String> headers, String body) {
    return new EspWebhookRequest(
        headers.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
