package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A store, sender, clock and engine for the operations tests: one-step campaigns due on a Monday
 * morning.
 */
final class OpsFixture {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  static final Instant MONDAY_10AM =
      LocalDateTime.parse("2026-03-02T10:00").atZone(NEW_YORK).toInstant();
  static final CampaignConfig ONE_STEP =
      CampaignConfig.defaults(FROM)
          .withSequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))))
          .withSchedule(SchedulePolicy.builder().jitter(false).window("08:00-18:00").build());

  final InMemoryCampaignStore store = new InMemoryCampaignStore();
  final RecordingSender sender = new RecordingSender();
  final SettableClock clock = new SettableClock(MONDAY_10AM);
  final CampaignActivity activity = CampaignActivity.create(store, clock);
  private int next;

  CampaignEngineBuilder engine() {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .config(ONE_STEP)
        .listener(activity);
  }

  /** {@code count} one-step campaigns whose message is due now; returns the first campaign id. */
  String due(int count) {
    StoreChanges.Builder b = StoreChanges.builder();
    String first = null;
    for (int i = 0; i < count; i++) {
      String n = String.format("%03d", next++);
      Lead lead =
          Lead.builder("L-" + n, "lead" + n + "@acme" + n + ".test")
              .firstName("Lead" + n)
              .timezone(NEW_YORK)
              .country("US")
              .build();
      b.lead(lead)
          .campaign(Campaign.start("C-" + n, lead.id(), ONE_STEP, clock.instant()))
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
                  .withScheduled(clock.instant()));
      first = first == null ? "C-" + n : first;
    }
    store.commit(b.build());
    return first;
  }
}
