package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.SendLog;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Send limits counted from the database ({@link JdbcSendLog}): a restarted engine does not send a
 * day's cap again, and two engines sharing the database stay within one cap together.
 */
class SendLimitsInTheDatabaseTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final CampaignConfig ONE_STEP =
      CampaignConfig.defaults(FROM)
          .withSequence(new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0))));
  private static final SendLimits FIVE_A_DAY = new SendLimits(5, 0, Duration.ZERO, 0);

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final RecordingSender sender = new RecordingSender();

  private static void storeDue(CampaignStore store, int count) {
    storeDue(store, 0, count, T0);
  }

  /** One-step campaigns {@code from} to {@code from + count - 1}, due at {@code at}. */
  private static void storeDue(CampaignStore store, int from, int count, Instant at) {
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = from; i < from + count; i++) {
      Lead lead =
          Lead.builder("L-" + i, "person" + i + "@company" + i + ".example")
              .firstName("P" + i)
              .build();
      b.lead(lead)
          .campaign(Campaign.start("C-" + i, lead.id(), ONE_STEP, T0))
          .message(
              CampaignMessage.pending(
                      "M-" + i,
                      "C-" + i,
                      lead.id(),
                      0,
                      MessageType.HOOK,
                      "Hello " + i,
                      "Body " + i,
                      null)
                  .withScheduled(at));
    }
    store.commit(b.build());
  }

  private CampaignEngine engine(CampaignStore store, SendLog log, String instance) {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(SendSchedule.calendarDays())
        .config(ONE_STEP)
        .sendLimits(FIVE_A_DAY)
        .sendLog(log)
        .instanceId(instance)
        .batchSize(2)
        .build();
  }

  @Test
  void restartedEngineDoesNotSendTheDaysCapAgain() {
    DataSource ds = EmbeddedDatabase.file(dir.resolve("restart"));
    CampaignStore store = JdbcCampaignStore.create(ds);
    storeDue(store, 5);

    engine(store, JdbcSendLog.create(ds), "first").runDue();
    assertThat(sender.sent()).hasSize(5);

    // A new engine (a restart) an hour later, with seven new messages due: the day's five still
    // count.
    clock.set(T0.plus(Duration.ofHours(1)));
    storeDue(store, 5, 7, clock.instant());
    CampaignEngine restarted =
        engine(JdbcCampaignStore.create(ds), JdbcSendLog.create(ds), "second");
    restarted.runDue();
    assertThat(sender.sent()).hasSize(5);
    assertThat(restarted.queueStatus().mailboxes())
        .extracting(u -> u.sentLastDay())
        .containsExactly(5);

    clock.set(T0.plus(Duration.ofDays(1)));
    restarted.runDue();
    assertThat(sender.sent()).hasSize(10);
  }

  @Test
  void inMemoryCountsForgetTheCapOnRestartWhichIsWhyTheDatabaseLogExists() {
    DataSource ds = EmbeddedDatabase.file(dir.resolve("memory"));
    CampaignStore store = JdbcCampaignStore.create(ds);
    storeDue(store, 5);

    engine(store, SendLog.inMemory(), "first").runDue();
    clock.set(T0.plus(Duration.ofHours(1)));
    storeDue(store, 5, 7, clock.instant());
    engine(store, SendLog.inMemory(), "second").runDue();

    assertThat(sender.sent()).hasSize(10);
  }

  @Test
  void twoEnginesSharingTheDatabaseStayWithinOneCapTogether() {
    DataSource ds = EmbeddedDatabase.file(dir.resolve("shared"));
    CampaignStore store = JdbcCampaignStore.create(ds);
    CampaignEngine a = engine(JdbcCampaignStore.create(ds), JdbcSendLog.create(ds), "A");
    CampaignEngine b = engine(JdbcCampaignStore.create(ds), JdbcSendLog.create(ds), "B");

    // Two new messages fall due every ten minutes; the instances take turns.
    for (int minute = 0; minute < 60; minute += 10) {
      clock.set(T0.plus(Duration.ofMinutes(minute)));
      storeDue(store, minute, 2, clock.instant());
      (minute % 20 == 0 ? a : b).runDue();
    }

    assertThat(sender.sent()).hasSize(5);
  }
}
