package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.RunReport;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.SettableClock;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine end to end on a real PostgreSQL (fsync on): leads of distinct data enrolled with the
 * template generator and the default gates (in the setup), then drained by two engine instances,
 * each with its own store and pool, through a sender that accepts at once. The score is the time of
 * one drain; the drained count and messages per second are printed. Beside it in the same run, the
 * bare loop: the same due messages of a fresh enrolment claimed with {@code FOR UPDATE SKIP LOCKED}
 * and completed in one statement and one commit per batch of 100 by two threads (no reads, no
 * sends, no events). The goal (issue 20): 5,000 messages/s drained by two instances.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// each drain on a new database: two warm-ups bring the JIT to its steady state
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class EngineDrainOnPostgresBenchmark {
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  /**
   * Two days after enrolment: every lead's first step is due, whatever its zone's send window, and
   * no Proof (day 3) is due yet.
   */
  private static final Instant DRAIN_AT = T0.plus(Duration.ofDays(2));

  @Param({"20000"})
  int leads;

  /**
   * How the engines commit their sends: {@code batch}, the JDBC store's default on PostgreSQL (each
   * send batch's Message-IDs in one durable commit, then each send recorded together with the next
   * hand-over in one commit that does not wait for the disk; see {@link
   * CampaignStore#commitsSendBatches()}); {@code perMessage}, a store made {@link
   * JdbcCampaignStore#withoutSendBatches()} (two durable commits per message).
   */
  @Param({"perMessage", "batch"})
  String commits;

  EmbeddedPostgres server;
  String csv;
  HikariDataSource poolA;
  HikariDataSource poolB;
  CampaignEngine a;
  CampaignEngine b;
  SettableClock clock;
  int database;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = BenchDatabases.postgres();
    csv = BenchLeads.distinctCsv(leads);
  }

  /** A new database for each drain, with the leads enrolled and their first messages due. */
  @Setup(Level.Iteration)
  public void enrol() throws Exception {
    String name = "drain" + database++;
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    poolA = BenchDatabases.pool(server.getJdbcUrl("postgres", name), "postgres", 4);
    poolB = BenchDatabases.pool(server.getJdbcUrl("postgres", name), "postgres", 4);
    clock = new SettableClock(T0);
    a = engine(commits(JdbcCampaignStore.create(poolA)), "instance-a", clock);
    b = engine(commits(JdbcCampaignStore.createWithoutMigration(poolB)), "instance-b", clock);
    EnrolmentReport report = a.enrol(CsvLeadSource.of("bench", () -> new StringReader(csv)));
    System.out.println("enrolled " + report.enrolled() + " of " + report.read());
    clock.set(DRAIN_AT);
  }

  /** The store, made to commit each send alone when {@link #commits} is {@code perMessage}. */
  private CampaignStore commits(JdbcCampaignStore store) {
    return switch (commits) {
      case "perMessage" -> store.withoutSendBatches();
      case "batch" -> store;
      default -> throw new IllegalArgumentException("commits: perMessage or batch, not " + commits);
    };
  }

  private static CampaignEngine engine(CampaignStore store, String instance, SettableClock clock) {
    return CampaignEngine.builder()
        .store(store)
        .sender(email -> new SendReceipt("250 ok"))
        .from(new Mailbox("hello@4runr.example", "4Runr"))
        .clock(clock)
        .generator(new TemplateMessageGenerator())
        // every first step due at once
        .schedule(SendSchedule.calendarDays())
        .instanceId(instance)
        .maxMessagesPerRun(1_000)
        .build();
  }

  @TearDown(Level.Iteration)
  public void closePools() {
    poolA.close();
    poolB.close();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    server.close();
  }

  @Benchmark
  public int drainWithTwoInstances() throws Exception {
    long start = System.nanoTime();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (CampaignEngine engine : List.of(a, b)) {
        runs.add(
            threads.submit(
                () -> {
                  int sent = 0;
                  while (true) {
                    RunReport r = engine.runDue();
                    sent += r.sent();
                    if (!r.moreDue()) {
                      return sent;
                    }
                  }
                }));
      }
      int sent = 0;
      for (Future<Integer> run : runs) {
        sent += run.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "drained %d messages in %.2f s: %.0f messages/s%n", sent, seconds, sent / seconds);
      return sent;
    } finally {
      threads.shutdownNow();
    }
  }

  @Benchmark
  public int baselineBareSkipLockedDrain() throws Exception {
    long start = System.nanoTime();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (HikariDataSource pool : List.of(poolA, poolB)) {
        String owner = pool == poolA ? "bare-a" : "bare-b";
        runs.add(threads.submit(() -> bareDrain(pool, owner)));
      }
      int sent = 0;
      for (Future<Integer> run : runs) {
        sent += run.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "baseline drained %d messages in %.2f s: %.0f messages/s%n",
          sent, seconds, sent / seconds);
      return sent;
    } finally {
      threads.shutdownNow();
    }
  }

  private static int bareDrain(HikariDataSource pool, String owner) throws SQLException {
    int drained = 0;
    try (Connection c = pool.getConnection()) {
      while (true) {
        List<String> ids = BareQueue.claim(c, owner, DRAIN_AT, DRAIN_AT.plusSeconds(300), 100);
        if (ids.isEmpty()) {
          c.setAutoCommit(true);
          return drained;
        }
        drained += BareQueue.completeInOneCommit(c, ids, owner, DRAIN_AT);
      }
    }
  }
}
