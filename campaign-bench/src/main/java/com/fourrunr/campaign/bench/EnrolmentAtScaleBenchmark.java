package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.SettableClock;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Enrolment at volume: {@code leads} leads of distinct data ({@link BenchLeads#distinctCsv}) read
 * from a CSV file, with the template generator and the default gates, into the embedded H2 file
 * database and into PostgreSQL (fsync on), in a JVM with a 256 MB heap. One shot per database. The
 * goal (issue 20): 100,000 leads in under 60 s. Beside it, on the same database, the baseline: the
 * same CSV read and the same sequences written by the same template generator, inserted as bare
 * rows in batches of 500 with one commit per batch (no gates, no scheduling, no events), the work
 * no enrolment can avoid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Timeout(time = 40, timeUnit = TimeUnit.MINUTES)
public class EnrolmentAtScaleBenchmark {
  @Param({"100000"})
  int leads;

  @Param({"h2", "postgresql"})
  String database;

  private static final int BASELINE_BATCH = 500;

  Path dir;
  Path csv;
  @Nullable EmbeddedPostgres server;
  @Nullable HikariDataSource pool;
  CampaignEngine engine;
  DataSource dataSource;

  @Setup(Level.Iteration)
  public void start() throws Exception {
    dir = Files.createTempDirectory("enrol-bench");
    csv = dir.resolve("leads.csv");
    Files.writeString(csv, BenchLeads.distinctCsv(leads), StandardCharsets.UTF_8);
    DataSource dataSource;
    if (database.equals("h2")) {
      dataSource = EmbeddedDatabase.file(dir.resolve("campaigns"));
    } else {
      server = BenchDatabases.postgres();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE enrol");
      }
      pool = BenchDatabases.pool(server.getJdbcUrl("postgres", "enrol"), "postgres", 4);
      dataSource = pool;
    }
    this.dataSource = dataSource;
    engine =
        CampaignEngine.builder()
            .store(JdbcCampaignStore.create(dataSource))
            .sender(email -> new SendReceipt("250 ok"))
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .clock(new SettableClock(Instant.parse("2026-11-30T08:00:00Z")))
            .generator(new TemplateMessageGenerator())
            .build();
  }

  @TearDown(Level.Iteration)
  public void stop() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (server != null) {
      server.close();
    }
    // the lead file and the embedded database (gigabytes at 100,000 leads)
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  @Benchmark
  public EnrolmentReport enrol() {
    long start = System.nanoTime();
    EnrolmentReport report = engine.enrol(CsvLeadSource.of(csv));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s: read %d, enrolled %d, skipped %d %s in %.1f s: %.0f leads/s%n",
        database,
        report.read(),
        report.enrolled(),
        report.skipped(),
        report.skippedByReason(),
        seconds,
        report.read() / seconds);
    return report;
  }

  @Benchmark
  public int baselineGenerateAndInsertRows() throws SQLException {
    long start = System.nanoTime();
    TemplateMessageGenerator generator = new TemplateMessageGenerator();
    Sequence sequence = Sequence.hookProofFomo();
    int rows = 0;
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE bare_messages (id VARCHAR(80) PRIMARY KEY, lead_id VARCHAR(80),"
                + " step INT, subject VARCHAR(1000), body VARCHAR(20000))");
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO bare_messages (id, lead_id, step, subject, body)"
                      + " VALUES (?, ?, ?, ?, ?)");
          Stream<LeadRecord> records = CsvLeadSource.of(csv).read()) {
        for (LeadRecord r : (Iterable<LeadRecord>) records::iterator) {
          if (!(r instanceof LeadRecord.Valid v) || !v.lead().emailConfidence().isSendable()) {
            continue;
          }
          List<GeneratedMessage> written = new ArrayList<>();
          for (int i = 0; i < sequence.size(); i++) {
            GeneratedMessage m =
                generator.generate(new GenerationRequest(v.lead(), sequence, i, written));
            written.add(m);
            insert.setString(1, v.lead().id() + "-" + i);
            insert.setString(2, v.lead().id());
            insert.setInt(3, i);
            insert.setString(4, m.subject());
            insert.setString(5, m.textBody());
            insert.addBatch();
            if (++rows % BASELINE_BATCH == 0) {
              insert.executeBatch();
              c.commit();
            }
          }
        }
        insert.executeBatch();
        c.commit();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s baseline: %d rows generated and inserted in %.1f s%n", database, rows, seconds);
    return rows;
  }
}
