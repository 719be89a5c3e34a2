package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign on the embedded database survives a restart of the engine and the database. */
class RestartOnEmbeddedDatabaseTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(DAY0);
  private final RecordingSender sender = new RecordingSender();

  private CampaignEngine engine(CampaignStore store) {
    // calendar days, no window: the test is about the restart, not the business calendar
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(SendSchedule.calendarDays())
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .build();
  }

  private void runDays(CampaignEngine engine, int first, int last) {
    for (int d = first; d <= last; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      engine.runDue();
    }
  }

  private static void shutDown(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @Test
  void campaignStoppedAfterDayThreeContinuesInANewEngineAndSendsNothingTwice() throws Exception {
    Path file = dir.resolve("campaign");
    List<Lead> leads =
        List.of(
            Lead.builder("L-1", "ada@example.com")
                .firstName("Ada")
                .company("Analytical Engines")
                .companyDescription("Analytical Engines builds programmable calculating machines.")
                .topServices("Engine design")
                .industry("Computing")
                .emailConfidence(EmailConfidence.REAL)
                .build(),
            Lead.builder("L-2", "grace@example.com")
                .firstName("Grace")
                .company("Navy Labs")
                .companyDescription("Navy Labs writes compilers for the fleet's computers.")
                .topServices("Compilers")
                .industry("Defence")
                .emailConfidence(EmailConfidence.PATTERN)
                .build());

    DataSource first = EmbeddedDatabase.file(file);
    CampaignEngine before = engine(JdbcCampaignStore.create(first));
    before.enrol(leads);
    runDays(before, 0, 3);
    assertThat(sender.sent()).hasSize(4); // Hook and Proof for each
    shutDown(first);

    // A new process: new data source on the same file, new store, new engine.
    CampaignStore reopened = JdbcCampaignStore.create(EmbeddedDatabase.file(file));
    CampaignEngine after = engine(reopened);
    runDays(after, 3, 10);

    assertThat(sender.sent()).hasSize(6);
    assertThat(sender.sent()).extracting(OutgoingEmail::messageId).doesNotHaveDuplicates();
    for (Lead lead : leads) {
      assertThat(sender.sentTo(lead.email()))
          .extracting(OutgoingEmail::subject)
          .hasSize(3)
          .doesNotHaveDuplicates();
      assertThat(reopened.findCampaignsByLead(lead.id()))
          .singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(CampaignStatus.COMPLETED));
    }
    // the FOMO went out on day 7, four days after the Proof of day 3, across the restart
    assertThat(sender.sentTo("ada@example.com").get(2).inReplyTo())
        .isEqualTo(sender.sentTo("ada@example.com").get(1).messageId());
  }

  @Test
  void migratingTwiceAppliesNothingTheSecondTime() {
    DataSource ds = EmbeddedDatabase.file(dir.resolve("twice"));
    assertThat(JdbcCampaignStore.migrate(ds)).isPositive();
    assertThat(JdbcCampaignStore.migrate(ds)).isZero();
  }

  @Test
  void aPausedMailboxStaysPausedAfterARestartOfTheDatabaseUntilResumed() throws Exception {
    Path file = dir.resolve("paused");
    Lead lead =
        Lead.builder("L-1", "ada@example.com")
            .firstName("Ada")
            .company("Analytical Engines")
            .companyDescription("Analytical Engines builds programmable calculating machines.")
            .topServices("Engine design")
            .industry("Computing")
            .emailConfidence(EmailConfidence.REAL)
            .build();
    DataSource first = EmbeddedDatabase.file(file);
    CampaignEngine before = engine(JdbcCampaignStore.create(first));
    before.pauseMailbox("Hello@4runr.test", "bounce-rate: 7% over 24h");
    before.enrol(List.of(lead));
    runDays(before, 0, 1);
    assertThat(sender.sent()).isEmpty();
    shutDown(first);

    CampaignEngine after = engine(JdbcCampaignStore.create(EmbeddedDatabase.file(file)));
    assertThat(after.pausedMailboxes())
        .containsEntry("hello@4runr.test", "bounce-rate: 7% over 24h");
    runDays(after, 2, 2);
    assertThat(sender.sent()).isEmpty();

    after.resumeMailbox("hello@4runr.test", "list cleaned");
    clock.set(clock.instant().plus(CampaignEngine.MAILBOX_PAUSE_RECHECK));
    after.runDue();
    assertThat(sender.sent()).hasSize(1);
  }
}
