package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.RunReport;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What draining due messages costs the database on PostgreSQL, counted by a data source that counts
 * every statement prepared or created and every explicit commit: a run of 100 due first steps (two
 * steps per campaign, so each send schedules the next) reads the campaigns, leads, suppressions and
 * messages of its batch once, not once per message, and stays within a fixed number of statements
 * per sent message (it was 9 when each message read its campaign three times and its lead,
 * suppression and messages once).
 */
@Tag("postgres")
class DrainStatementCountTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final int MESSAGES = 100;

  @Test
  void aDrainReadsEachBatchOnceAndCostsAFixedNumberOfStatementsPerMessage() {
    DataSource real = Postgres.newDataSource();
    StatementLog log = new StatementLog();
    AtomicInteger statements = log.made;
    AtomicInteger commits = log.commits;
    List<String> sql = log.prepared;
    // two commits per message (the default, send batches: the test below)
    JdbcCampaignStore store =
        JdbcCampaignStore.createWithoutMigration(log.wrap(real)).withoutSendBatches();
    seed(store);
    CampaignEngine engine = engine(store, "counted");
    // the first run releases the claims of an earlier life and reads the mailbox pauses: not
    // counted
    engine.runDue();
    seed2(store);
    statements.set(0);
    commits.set(0);
    sql.clear();
    log.executed.clear();

    RunReport report = engine.runDue();

    assertThat(report.sent()).isEqualTo(MESSAGES);
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 1_000)).hasSize(2 * MESSAGES);
    double perMessage = (double) statements.get() / MESSAGES;
    System.out.printf(
        "drain of %d: %d statements (%.2f per message), %d explicit commits%n",
        MESSAGES, statements.get(), perMessage, commits.get());
    long leadReads = sql.stream().filter(s -> s.contains("FROM campaign_leads")).count();
    assertThat(leadReads).as("lead reads: %s", sql).isLessThanOrEqualTo(1);
    // per message: the SENDING write, the campaign read again after the send, the SENT write of
    // the message and its next step, its events; per batch: the claim and four set reads
    assertThat(perMessage).as("statements: %s", sql).isLessThanOrEqualTo(4.2);
    // the SENDING writes wait for the WAL flush; the record of each send, made after it, does not
    // (CampaignStore.commitSent): a crash of the server can only leave such a message uncertain
    List<String> executed = log.executed;
    long sendingWrites =
        executed.stream()
            .filter(s -> s.startsWith("UPDATE") && s.contains("claim_owner = ?"))
            .count();
    long unflushedWrites =
        executed.stream().filter(s -> s.contains("set_config('synchronous_commit', 'off'")).count();
    assertThat(sendingWrites).as("SENDING writes: %s", executed).isEqualTo(MESSAGES);
    assertThat(unflushedWrites)
        .as("records of sends without the flush: %s", executed)
        .isEqualTo(MESSAGES);
    assertThat(
            executed.stream()
                .filter(s -> s.startsWith("UPDATE") && s.contains("claim_owner = ?"))
                .noneMatch(s -> s.contains("synchronous_commit")))
        .as("every SENDING write waits for the flush")
        .isTrue();
  }

  @Test
  void aDrainInSendBatchesCostsAboutOneStatementPerMessageAndOneDurableWritePerBatch() {
    DataSource real = Postgres.newDataSource();
    StatementLog log = new StatementLog();
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(log.wrap(real));
    assertThat(store.commitsSendBatches()).as("the default on PostgreSQL").isTrue();
    seed(store);
    CampaignEngine engine = engine(store, "counted-batches");
    // the first run releases the claims of an earlier life and reads the mailbox pauses: not
    // counted
    engine.runDue();
    seed2(store);
    log.made.set(0);
    log.prepared.clear();
    log.executed.clear();

    RunReport report = engine.runDue();

    assertThat(report.sent()).isEqualTo(MESSAGES);
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 1_000)).hasSize(2 * MESSAGES);
    assertThat(store.findMessagesByStatus(DeliveryStatus.SCHEDULED, null, 1_000))
        .as("every next step scheduled")
        .hasSize(2 * MESSAGES);
    double perMessage = (double) log.made.get() / MESSAGES;
    System.out.printf(
        "drain of %d in send batches: %d statements (%.2f per message)%n",
        MESSAGES, log.made.get(), perMessage);
    // per message: the record of the send before and its own hand-over, in one statement; per
    // batch: the claim, the set reads, the SENDING write, the first hand-over and the last record
    assertThat(perMessage).as("statements: %s", log.prepared).isLessThanOrEqualTo(1.2);
    List<String> executed = log.executed;
    long recordsWithHandOver =
        executed.stream().filter(s -> s.startsWith("WITH delivered_0 AS (UPDATE")).count();
    assertThat(recordsWithHandOver).isEqualTo(MESSAGES - 1);
    assertThat(
            executed.stream()
                .filter(s -> s.startsWith("WITH delivered_0 AS (UPDATE"))
                .allMatch(s -> s.contains("set_config('synchronous_commit', 'off', true)")))
        .as("each record of a send commits without waiting for the flush")
        .isTrue();
    // the one write that waits for the flush: the batch's Message-IDs as SENDING, in one statement
    long sendingBatchWrites =
        executed.stream()
            .filter(
                s ->
                    s.startsWith("UPDATE campaign_messages AS m")
                        && s.contains("sending_epoch = " + SendingClaims.EPOCH))
            .count();
    assertThat(sendingBatchWrites).as("SENDING writes: %s", executed).isEqualTo(1);
  }

  /** An engine on {@code store} whose batches hold all {@code MESSAGES} and whose sends pass. */
  private static CampaignEngine engine(JdbcCampaignStore store, String instanceId) {
    return CampaignEngine.builder()
        .store(store)
        .sender(email -> new SendReceipt("250 ok"))
        .from(FROM)
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .generator(new TemplateMessageGenerator())
        .schedule(SendSchedule.calendarDays())
        .instanceId(instanceId)
        .batchSize(MESSAGES)
        .build();
  }

  private static final Sequence TWO_STEPS =
      new Sequence(
          "two",
          List.of(new SequenceStep(MessageType.HOOK, 0), new SequenceStep(MessageType.PROOF, 3)));

  private static void seed(JdbcCampaignStore store) {
    seedRange(store, 0);
  }

  private static void seed2(JdbcCampaignStore store) {
    seedRange(store, MESSAGES);
  }

  /** {@code MESSAGES} campaigns of two steps, their first due before T0. */
  private static void seedRange(JdbcCampaignStore store, int from) {
    CampaignConfig config = CampaignConfig.defaults(FROM).withSequence(TWO_STEPS);
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = from; i < from + MESSAGES; i++) {
      String id = String.format("%04d", i);
      b.lead(
          Lead.builder("L-" + id, "person" + id + "@example.com")
              .firstName("P" + id)
              .emailConfidence(EmailConfidence.REAL)
              .build());
      b.campaign(Campaign.start("C-" + id, "L-" + id, config, T0.minusSeconds(7200)));
      b.message(
          CampaignMessage.pending(
                  "M-" + id + "-0",
                  "C-" + id,
                  "L-" + id,
                  0,
                  MessageType.HOOK,
                  "Subject " + id,
                  "Body " + id,
                  null)
              .withScheduled(T0.minusSeconds(MESSAGES - i % MESSAGES)));
      b.message(
          CampaignMessage.pending(
              "M-" + id + "-1",
              "C-" + id,
              "L-" + id,
              1,
              MessageType.PROOF,
              "Re: Subject " + id,
              "Proof " + id,
              null));
    }
    store.commit(b.build());
  }
}
