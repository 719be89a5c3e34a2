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
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.SettableClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several engine instances, each with its own connection pool, sharing one real PostgreSQL: every
 * due message is sent exactly once, none is lost, a killed instance's claims are taken over after
 * the lease, and a clock offset between instances changes none of that.
 */
@Tag("postgres")
class ManyInstancesOnPostgresTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");
  private static final Sequence ONE_STEP =
      new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0)));

  private final List<HikariDataSource> pools = new ArrayList<>();
  private final Map<String, AtomicInteger> sendsByMessageId = new ConcurrentHashMap<>();
  private final AtomicInteger sends = new AtomicInteger();

  /** The recipients each instance sent to. */
  private final Map<String, java.util.Set<String>> sentBy = new ConcurrentHashMap<>();

  private final Sender countingSender =
      email -> {
        sendsByMessageId
            .computeIfAbsent(email.messageId(), k -> new AtomicInteger())
            .incrementAndGet();
        sends.incrementAndGet();
        return new SendReceipt("250 ok");
      };

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  private HikariDataSource pool(String database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Postgres.url(database));
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    config.setPoolName("instance-" + pools.size());
    HikariDataSource ds = new HikariDataSource(config);
    pools.add(ds);
    return ds;
  }

  private CampaignEngine engine(CampaignStore store, Clock clock, String instanceId) {
    return CampaignEngine.builder()
        .store(store)
        .sender(
            email -> {
              sentBy
                  .computeIfAbsent(instanceId, k -> ConcurrentHashMap.newKeySet())
                  .add(email.to());
              return countingSender.send(email);
            })
        .from(FROM)
        .clock(clock)
        .sequence(ONE_STEP)
        .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
        .instanceId(instanceId)
        .claimLease(LEASE)
        .batchSize(100)
        .build();
  }

  /** Writes {@code count} campaigns whose only message is due, in large commits. */
  private static void seedDueMessages(CampaignStore store, int count) {
    seed(store, 0, count, i -> T0.minusSeconds(i % 600));
  }

  /**
   * Writes campaigns {@code first .. first + count - 1}, each with one message scheduled at {@code
   * when.apply(i)}, in large commits.
   */
  private static void seed(
      CampaignStore store, int first, int count, java.util.function.IntFunction<Instant> when) {
    CampaignConfig config = CampaignConfig.defaults(FROM).withSequence(ONE_STEP);
    for (int start = first; start < first + count; start += 1_000) {
      StoreChanges.Builder b = StoreChanges.builder();
      for (int i = start; i < Math.min(first + count, start + 1_000); i++) {
        String id = String.format("%05d", i);
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
                .withScheduled(when.apply(i)));
      }
      store.commit(b.build());
    }
  }

  /** Calls runDue until this instance finds nothing more to claim. */
  private static int drain(CampaignEngine engine) {
    int sent = 0;
    while (true) {
      RunReport r = engine.runDue();
      sent += r.sent();
      if (r.sent() + r.retrying() + r.failed() == 0) {
        return sent;
      }
    }
  }

  private List<Integer> runConcurrently(List<CampaignEngine> engines) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(engines.size());
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (CampaignEngine e : engines) {
        results.add(threads.submit(() -> drain(e)));
      }
      List<Integer> sentPerInstance = new ArrayList<>();
      for (Future<Integer> f : results) {
        sentPerInstance.add(f.get(5, TimeUnit.MINUTES));
      }
      return sentPerInstance;
    } finally {
      threads.shutdownNow();
    }
  }

  private void assertEverySentExactlyOnce(CampaignStore store, int count) {
    assertThat(sends.get()).isEqualTo(count);
    assertThat(sendsByMessageId).hasSize(count);
    assertThat(sendsByMessageId.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(store.findDueMessages(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    for (int i = 0; i < count; i += 997) {
      assertThat(store.findMessages("C-" + String.format("%05d", i)).get(0).status())
          .isEqualTo(DeliveryStatus.SENT);
    }
  }

  @Test
  void fourInstancesSendTenThousandMessagesExactlyOnceAndTakeOverAKilledInstancesClaims()
      throws Exception {
    String database = Postgres.newDatabase();
    int count = 10_000;
    seedDueMessages(JdbcCampaignStore.createWithoutMigration(pool(database)), count);
    SettableClock clock = new SettableClock(T0);

    List<CampaignEngine> survivors = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      survivors.add(
          engine(JdbcCampaignStore.createWithoutMigration(pool(database)), clock, "instance-" + i));
    }
    // The fourth instance dies in its first batch: after 30 sends, before it can record the next
    // one.
    KillingStore dying =
        new KillingStore(JdbcCampaignStore.createWithoutMigration(pool(database)), 30);
    CampaignEngine doomed = engine(dying, clock, "instance-4");
    ExecutorService killedThread = Executors.newSingleThreadExecutor();
    Future<?> killed = killedThread.submit(doomed::runDue);
    assertThat(killedThreadDied(killed)).isTrue();
    killedThread.shutdownNow();
    int heldByTheDead = dying.claimed() - 30;
    assertThat(heldByTheDead).isPositive();

    List<Integer> firstRound = runConcurrently(survivors);
    // the dead instance's claims are still inside their lease: nobody may take them yet
    assertThat(sends.get()).isEqualTo(count - heldByTheDead);
    assertThat(firstRound).allSatisfy(n -> assertThat(n).isPositive());

    clock.advance(LEASE.plusSeconds(1));
    runConcurrently(survivors);

    CampaignStore reader = JdbcCampaignStore.createWithoutMigration(pool(database));
    assertEverySentExactlyOnce(reader, count);
  }

  @Test
  void anInstanceWhoseClockIsTwoSecondsAheadChangesNothing() throws Exception {
    String database = Postgres.newDatabase();
    int count = 2_000;
    seedDueMessages(JdbcCampaignStore.createWithoutMigration(pool(database)), count);
    // Twenty more fall due one second after T0: only the instance two seconds ahead sees them due.
    int ahead = 20;
    seed(
        JdbcCampaignStore.createWithoutMigration(pool(database)),
        count,
        ahead,
        i -> T0.plusSeconds(1));
    SettableClock clock = new SettableClock(T0);
    List<CampaignEngine> engines = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Clock own = i == 4 ? Clock.offset(clock, Duration.ofSeconds(2)) : clock;
      engines.add(
          engine(JdbcCampaignStore.createWithoutMigration(pool(database)), own, "instance-" + i));
    }

    runConcurrently(engines);

    assertEverySentExactlyOnce(
        JdbcCampaignStore.createWithoutMigration(pool(database)), count + ahead);
    // The offset was applied: the messages due at T0 + 1 s were sent by the instance ahead alone.
    java.util.Set<String> aheadRecipients = new java.util.HashSet<>();
    for (int i = count; i < count + ahead; i++) {
      aheadRecipients.add("person" + String.format("%05d", i) + "@example.com");
    }
    assertThat(sentBy.get("instance-4")).containsAll(aheadRecipients);
    for (int i = 1; i <= 3; i++) {
      assertThat(sentBy.getOrDefault("instance-" + i, java.util.Set.of()))
          .as("instance-" + i)
          .doesNotContainAnyElementsOf(aheadRecipients);
    }
  }

  @Test
  void claimTakenOverByAnInstanceWhoseClockRunsAheadIsNotSentByItsFirstOwner() {
    String database = Postgres.newDatabase();
    CampaignStore storeA = JdbcCampaignStore.createWithoutMigration(pool(database));
    CampaignStore storeB = JdbcCampaignStore.createWithoutMigration(pool(database));
    seedDueMessages(storeA, 1);
    // A claims at T0 and stalls (a long GC pause, say) before recording the send.
    List<CampaignMessage> claimedByA = storeA.claimDueMessages(T0, "A", LEASE, 10);
    assertThat(claimedByA).hasSize(1);
    // One second before A's lease ends. B's clock runs 2 s ahead: it sees the lease expired 2 s
    // before A's own clock would, so it takes the claim over; on the true time it could not.
    SettableClock clockB = new SettableClock(T0.plus(LEASE).minusSeconds(1));
    assertThat(engine(storeB, clockB, "B-on-time").runDue().sent()).isZero();
    CampaignEngine b = engine(storeB, Clock.offset(clockB, Duration.ofSeconds(2)), "B");

    assertThat(b.runDue().sent()).isEqualTo(1);

    // A wakes up and tries to go on with its claim: refused, so nothing is sent twice.
    CampaignMessage m = claimedByA.get(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                storeA.commit(
                    StoreChanges.builder()
                        .expectClaim(m.id(), "A")
                        .message(m.withSending("<a@4runr.test>"))
                        .build()))
        .isInstanceOf(com.fourrunr.campaign.spi.ConcurrentUpdateException.class);
    assertThat(sends.get()).isEqualTo(1);
    assertThat(storeA.findMessages(m.campaignId()).get(0).status()).isEqualTo(DeliveryStatus.SENT);
  }

  private static boolean killedThreadDied(Future<?> killed) throws InterruptedException {
    try {
      killed.get(2, TimeUnit.MINUTES);
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause() instanceof InstanceKilled;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }
}
