package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the commit of a claimed batch (each message expecting its claim, written SENDING or
 * SENT) runs one statement whatever the batch size, and the claims of a commit that does not write
 * their messages are checked with one statement. Statements are counted by a data source whose
 * statements record each execution (each entry of a JDBC batch counts as one).
 */
@Tag("postgres")
class ClaimedBatchStatementCountTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final StatementLog log = new StatementLog();
  private final List<String> executed = log.executed;
  private JdbcCampaignStore store;

  @BeforeEach
  void storeDueMessages() {
    DataSource real = Postgres.newDataSource();
    store = JdbcCampaignStore.createWithoutMigration(log.wrap(real));
    StoreChanges.Builder b =
        StoreChanges.builder()
            .lead(Lead.builder("L-1", "ada@example.com").build())
            .campaign(
                Campaign.start(
                    "C-1",
                    "L-1",
                    CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr")),
                    T0));
    for (int i = 0; i < 150; i++) {
      b.message(
          CampaignMessage.pending(
                  String.format("M-%03d", i),
                  "C-1",
                  "L-1",
                  i,
                  MessageType.HOOK,
                  "Subject " + i,
                  "Body " + i,
                  i % 2 == 0 ? null : "<p>Body</p>")
              .withScheduled(T0.plusSeconds(i)));
    }
    store.commit(b.build());
  }

  @Test
  void aClaimedBatchOfAHundredIsWrittenWithOneStatementLikeABatchOfFive() {
    Instant now = T0.plusSeconds(1_000);
    List<CampaignMessage> hundred = store.claimDueMessages(now, "A", LEASE, 100);
    assertThat(hundred).hasSize(100);

    executed.clear();
    store.commit(sent(hundred, "A", now));
    assertThat(executed).as("statements of a batch of 100: %s", executed).hasSize(1);

    List<CampaignMessage> five = store.claimDueMessages(now, "A", LEASE, 5);
    executed.clear();
    store.commit(sent(five, "A", now));
    assertThat(executed).as("statements of a batch of 5").hasSize(1);

    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 200)).hasSize(105);
    assertThat(store.findMessageByMessageId("<M-099@4runr.test>"))
        .hasValueSatisfying(m -> assertThat(m.sentAt()).isEqualTo(now));
  }

  @Test
  void claimsOfMessagesTheCommitDoesNotWriteAreCheckedWithOneStatement() {
    Instant now = T0.plusSeconds(1_000);
    List<CampaignMessage> claimed = store.claimDueMessages(now, "A", LEASE, 50);
    StoreChanges.Builder b = StoreChanges.builder();
    claimed.forEach(m -> b.expectClaim(m.id(), "A"));
    b.event(
        CampaignEvent.fromStored(
            "E-1", EventType.MESSAGE_SCHEDULED, now, "C-1", "L-1", null, Map.of()));

    executed.clear();
    store.commit(b.build());

    assertThat(executed.stream().filter(sql -> sql.contains("FOR UPDATE")).toList())
        .as("claim checks: %s", executed)
        .hasSize(1);
    assertThat(executed).as("claim checks and the event insert").hasSize(2);
  }

  private static StoreChanges sent(List<CampaignMessage> batch, String owner, Instant at) {
    StoreChanges.Builder b = StoreChanges.builder();
    for (CampaignMessage m : batch) {
      b.expectClaim(m.id(), owner)
          .message(m.withSending("<" + m.id() + "@4runr.test>").withSent(at, "250 ok"));
    }
    return b.build();
  }
}
