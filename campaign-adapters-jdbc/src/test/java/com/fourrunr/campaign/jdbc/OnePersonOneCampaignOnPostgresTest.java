package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two engine instances, each with its own store and connection pool on one real PostgreSQL, enrol
 * the same people at the same moment under different lead ids and spellings: the unique index on
 * open campaigns per normalised address lets exactly one win for each person, and the loser reports
 * a clean skip.
 */
@Tag("postgres")
class OnePersonOneCampaignOnPostgresTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Sequence ONE_STEP =
      new Sequence("one", List.of(new SequenceStep(MessageType.HOOK, 0)));
  private static final int ROUNDS = 30;
  private static final int PEOPLE_PER_ROUND = 10;

  private final List<HikariDataSource> pools = new ArrayList<>();
  private final Map<String, AtomicInteger> hooksByPerson = new ConcurrentHashMap<>();
  private final Sender countingSender =
      email -> {
        hooksByPerson
            .computeIfAbsent(EmailAddresses.normalise(email.to()), k -> new AtomicInteger())
            .incrementAndGet();
        return new SendReceipt("250 ok");
      };

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  private CampaignStore store(String database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Postgres.url(database));
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    pools.add(ds);
    return JdbcCampaignStore.createWithoutMigration(ds);
  }

  private CampaignEngine engine(CampaignStore store, SettableClock clock, String instanceId) {
    return CampaignEngine.builder()
        .store(store)
        .sender(countingSender)
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .clock(clock)
        .sequence(ONE_STEP)
        .schedule(SendSchedule.calendarDays())
        .instanceId(instanceId)
        .qualityGates(QualityGates.builder().uniqueness(false).build())
        .batchSize(100)
        .build();
  }

  private static Lead lead(String id, String email) {
    return Lead.builder(id, email)
        .firstName("Sam")
        .company("Example Ltd")
        .topServices("Engine design")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  /**
   * Round r's people as one instance spells them (A: mixed case, B: upper case, in reverse order).
   */
  private static List<Lead> leadsOf(String instance, int round) {
    List<Lead> leads = new ArrayList<>();
    for (int p = 0; p < PEOPLE_PER_ROUND; p++) {
      String email = "Person." + round + "." + p + "@Example.com";
      leads.add(
          lead(
              instance + "-" + round + "-" + p,
              instance.equals("A") ? email : email.toUpperCase(Locale.ROOT)));
    }
    if (instance.equals("B")) {
      java.util.Collections.reverse(leads);
    }
    return leads;
  }

  @Test
  void twoInstancesEnrollingTheSamePeopleConcurrentlyOpenOneCampaignPerPerson() throws Exception {
    String database = Postgres.newDatabase();
    SettableClock clock = new SettableClock(T0);
    CampaignEngine a = engine(store(database), clock, "A");
    CampaignEngine b = engine(store(database), clock, "B");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    int enrolled = 0;
    int skipped = 0;
    int refusedByTheIndex = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        int r = round;
        Future<EnrolmentReport> byA =
            threads.submit(
                () -> {
                  start.await();
                  return a.enrol(leadsOf("A", r));
                });
        Future<EnrolmentReport> byB =
            threads.submit(
                () -> {
                  start.await();
                  return b.enrol(leadsOf("B", r));
                });
        for (EnrolmentReport report :
            List.of(byA.get(1, TimeUnit.MINUTES), byB.get(1, TimeUnit.MINUTES))) {
          enrolled += report.enrolled();
          skipped += report.skipped();
          assertThat(report.skips())
              .allSatisfy(s -> assertThat(s.reason()).isEqualTo(SkipReason.ALREADY_IN_CAMPAIGN));
          // the store's refusal at commit (the race) says no more than that; the check before names
          // the campaign
          refusedByTheIndex +=
              (int)
                  report.skips().stream().filter(s -> s.detail().endsWith("open campaign")).count();
        }
      }
      int people = ROUNDS * PEOPLE_PER_ROUND;
      System.out.printf(
          "%d people, %d rounds: enrolled %d, skipped %d (%d refused by the unique index at commit)%n",
          people, ROUNDS, enrolled, skipped, refusedByTheIndex);
      assertThat(enrolled).isEqualTo(people);
      assertThat(skipped).isEqualTo(people);
      CampaignStore reader = store(database);
      for (int round = 0; round < ROUNDS; round++) {
        for (int p = 0; p < PEOPLE_PER_ROUND; p++) {
          String person = "person." + round + "." + p + "@example.com";
          List<Campaign> campaigns =
              reader.findLeadsByEmail(person).stream()
                  .flatMap(l -> reader.findCampaignsByLead(l.id()).stream())
                  .toList();
          assertThat(campaigns)
              .as(person)
              .singleElement()
              .satisfies(c -> assertThat(c.status().isOpen()).isTrue());
        }
      }

      // both instances send what is due at once: one Hook per person
      Future<?> sendA = threads.submit(a::runDue);
      Future<?> sendB = threads.submit(b::runDue);
      sendA.get(1, TimeUnit.MINUTES);
      sendB.get(1, TimeUnit.MINUTES);
      assertThat(hooksByPerson).hasSize(people);
      assertThat(hooksByPerson.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    } finally {
      threads.shutdownNow();
    }
  }
}
