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
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.RunReport;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims that SENDING messages keep on PostgreSQL until their hand-over (issue 20): a message
 * stored as SENDING in a batch and never handed over goes back to the queue when its claim runs
 * out, but only on the same database server that has not crashed since; after a restart of the
 * server (or a crash, which empties the UNLOGGED token table) it stays uncertain; and a hand-over
 * that lost the race against another instance sends nothing.
 */
@Tag("postgres")
class SendingClaimsOnPostgresTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Instant EXPIRED = T0.plus(LEASE).plusSeconds(60);
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  @TempDir Path dir;

  @Test
  void aSendingMessageNeverHandedOverIsClaimableAgainOnTheSameServerWithItsMessageId() {
    JdbcCampaignStore store =
        JdbcCampaignStore.createWithoutMigration(Postgres.newDataSource()).withSendBatches();
    List<CampaignMessage> sending = storeSendingBatch(store, "A", 3);

    // held by A's running claim: in flight, not uncertain
    assertThat(store.findSendingInFlight(ids(sending), T0.plusSeconds(1)))
        .containsExactlyInAnyOrderElementsOf(ids(sending));
    // one handed over (and so maybe sent): it keeps no claim
    assertThat(store.handOver(sending.get(0).id(), "A")).isTrue();
    assertThat(store.findSendingInFlight(ids(sending), T0.plusSeconds(1)))
        .containsExactlyInAnyOrder(sending.get(1).id(), sending.get(2).id());

    // A died; B claims after A's lease: the two never handed over come back with their Message-IDs
    List<CampaignMessage> again = store.claimDueMessages(EXPIRED, "B", LEASE, 10);
    assertThat(again)
        .extracting(CampaignMessage::id)
        .containsExactlyInAnyOrder(sending.get(1).id(), sending.get(2).id());
    assertThat(again)
        .extracting(CampaignMessage::messageId)
        .containsExactlyInAnyOrder(sending.get(1).messageId(), sending.get(2).messageId());
    // the handed-over one stays uncertain
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 10))
        .extracting(CampaignMessage::id)
        .containsExactly(sending.get(0).id());
    // A comes back too late: its hand-overs are refused, so it sends nothing twice
    assertThat(store.handOver(sending.get(1).id(), "A")).isFalse();
  }

  @Test
  void anOwnerStartingAgainTakesBackItsSendingMessagesNeverHandedOverAtOnce() {
    JdbcCampaignStore store =
        JdbcCampaignStore.createWithoutMigration(Postgres.newDataSource()).withSendBatches();
    List<CampaignMessage> sending = storeSendingBatch(store, "A", 2);
    assertThat(store.handOver(sending.get(0).id(), "A")).isTrue();

    assertThat(store.releaseClaims("A")).isEqualTo(1);

    assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 10))
        .extracting(CampaignMessage::id)
        .containsExactly(sending.get(0).id());
    assertThat(store.claimDueMessages(T0.plusSeconds(1), "A", LEASE, 10))
        .extracting(CampaignMessage::id)
        .containsExactly(sending.get(1).id());
  }

  @Test
  void afterARestartOfThePostgresServerTheSendingMessagesStayUncertain() throws Exception {
    Path data = dir.resolve("pgdata");
    List<CampaignMessage> sending;
    try (EmbeddedPostgres first = server(data)) {
      JdbcCampaignStore store =
          JdbcCampaignStore.create(first.getPostgresDatabase()).withSendBatches();
      sending = storeSendingBatch(store, "A", 3);
    }
    // the same data directory, a new server process: an asynchronous hand-over may have been lost
    try (EmbeddedPostgres second = server(data)) {
      JdbcCampaignStore store =
          JdbcCampaignStore.create(second.getPostgresDatabase()).withSendBatches();
      assertThat(store.claimDueMessages(EXPIRED, "B", LEASE, 10)).isEmpty();
      assertThat(store.releaseClaims("A")).isZero();
      List<CampaignMessage> uncertain =
          store.findMessagesByStatus(DeliveryStatus.SENDING, null, 10);
      assertThat(uncertain).extracting(CampaignMessage::id).containsExactlyElementsOf(ids(sending));
      // no claim left: uncertain, not in flight, and never claimed again by itself
      assertThat(store.findSendingInFlight(ids(sending), T0)).isEmpty();
      assertThat(store.claimDueMessages(EXPIRED.plus(LEASE), "C", LEASE, 10)).isEmpty();
    }
  }

  @Test
  void afterACrashOfThePostgresServerTheSendingMessagesStayUncertain() throws Exception {
    DataSource ds = Postgres.newDataSource();
    JdbcCampaignStore store = JdbcCampaignStore.createWithoutMigration(ds).withSendBatches();
    List<CampaignMessage> sending = storeSendingBatch(store, "A", 2);
    // what PostgreSQL's crash recovery does to an UNLOGGED table (the shared test server stays up)
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE campaign_server_epoch");
    }

    assertThat(store.releaseClaims("A")).isEqualTo(2);

    assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 10))
        .extracting(CampaignMessage::id)
        .containsExactlyElementsOf(ids(sending));
    assertThat(store.claimDueMessages(EXPIRED, "B", LEASE, 10)).isEmpty();
  }

  @Test
  void aHandOverThatLostTheRaceToAnotherInstanceSendsNothing() {
    JdbcCampaignStore real =
        JdbcCampaignStore.createWithoutMigration(Postgres.newDataSource()).withSendBatches();
    seed(real, 3);
    Map<String, Integer> sends = new ConcurrentHashMap<>();
    List<String> takenByB = new ArrayList<>();
    // Instance B takes the messages back (A's lease ran out by B's clock) while A is between its
    // SENDING commit and the first hand-over.
    CampaignStore racing =
        (CampaignStore)
            java.lang.reflect.Proxy.newProxyInstance(
                CampaignStore.class.getClassLoader(),
                new Class<?>[] {CampaignStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("handOver") && takenByB.isEmpty()) {
                    real.claimDueMessages(EXPIRED, "B", LEASE, 10).stream()
                        .map(CampaignMessage::id)
                        .forEach(takenByB::add);
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    CampaignEngine a =
        CampaignEngine.builder()
            .store(racing)
            .sender(
                (OutgoingEmail email) -> {
                  sends.merge(email.to(), 1, Integer::sum);
                  return new SendReceipt("250 ok");
                })
            .from(FROM)
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .generator(new TemplateMessageGenerator())
            .schedule(SendSchedule.calendarDays())
            .instanceId("A")
            .claimLease(LEASE)
            .batchSize(10)
            .build();

    RunReport report = a.runDue();

    assertThat(takenByB).hasSize(3);
    assertThat(report.sent()).isZero();
    assertThat(sends).isEmpty();
    // B holds them, SCHEDULED with the Message-IDs A stored: B's send will be the only one
    List<CampaignMessage> held = real.findDueMessages(EXPIRED, 10);
    assertThat(held).extracting(CampaignMessage::id).containsExactlyInAnyOrderElementsOf(takenByB);
    assertThat(held).allMatch(m -> m.messageId() != null);
  }

  @Test
  void theSweepBeforeEachClaimReadsOnlyTheClaimedSendingMessagesThroughTheirIndex()
      throws Exception {
    DataSource ds = Postgres.newDataSource();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      // a backlog of due and sent messages, none of them SENDING with a claim
      for (String status : List.of("SCHEDULED", "SENT", "SENDING")) {
        s.execute(
            "INSERT INTO campaign_messages (id, campaign_id, lead_id, step_index, type, subject,"
                + " text_body, status, scheduled_at, attempts) SELECT '"
                + status
                + "-' || g, 'C-' || g, 'L-' || g, 0, 'HOOK', 's', 'b', '"
                + status
                + "', TIMESTAMPTZ '2026-03-02 08:00:00+00', 0 FROM generate_series(1, 20000) g");
      }
      s.execute("ANALYZE campaign_messages");
    }
    String plan =
        QueryPlans.explainAnalyze(
            ds,
            SendingClaims.SWEEP,
            ps -> ps.setObject(1, java.time.OffsetDateTime.ofInstant(EXPIRED, ZoneOffset.UTC)));
    assertThat(plan)
        .as(plan)
        .contains("campaign_messages_sending_claims")
        .doesNotContain("Seq Scan on campaign_messages");
  }

  private static EmbeddedPostgres server(Path data) throws java.io.IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setServerConfig("fsync", "off")
        .start();
  }

  /** Seeds {@code n} due first steps, claims them for {@code owner}, and stores them SENDING. */
  private static List<CampaignMessage> storeSendingBatch(
      JdbcCampaignStore store, String owner, int n) {
    seed(store, n);
    List<CampaignMessage> claimed = store.claimDueMessages(T0, owner, LEASE, n);
    assertThat(claimed).hasSize(n);
    StoreChanges.Builder b = StoreChanges.builder();
    List<CampaignMessage> sending = new ArrayList<>();
    for (CampaignMessage m : claimed) {
      CampaignMessage s = m.withSending("<" + m.id() + "@4runr.test>");
      sending.add(s);
      b.expectClaim(m.id(), owner).message(s);
    }
    store.commitSending(b.build());
    sending.sort(java.util.Comparator.comparing(CampaignMessage::id));
    return sending;
  }

  private static void seed(JdbcCampaignStore store, int n) {
    CampaignConfig config = CampaignConfig.defaults(FROM);
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < n; i++) {
      String id = String.format("%03d", i);
      b.lead(
          Lead.builder("L-" + id, "person" + id + "@example.com")
              .firstName("P" + id)
              .emailConfidence(EmailConfidence.REAL)
              .build());
      b.campaign(Campaign.start("C-" + id, "L-" + id, config, T0.minusSeconds(3600)));
      b.message(
          CampaignMessage.pending(
                  "M-" + id,
                  "C-" + id,
                  "L-" + id,
                  0,
                  MessageType.HOOK,
                  "Subject " + id,
                  "Body " + id,
                  null)
              .withScheduled(T0.minusSeconds(n - i)));
    }
    store.commit(b.build());
  }

  private static List<String> ids(List<CampaignMessage> messages) {
    return messages.stream().map(CampaignMessage::id).toList();
  }
}
