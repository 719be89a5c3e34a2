package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.ops.CampaignMetrics;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What operations cost on the hot path: enrolling and sending the first step with the activity
 * counter and the Micrometer metrics listening (and one health check after), against the same run
 * with no operations parts (the baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpsOverheadBenchmark {
  @Param({"1000"})
  int leads;

  List<Lead> valid;
  final TemplateMessageGenerator generator = new TemplateMessageGenerator();

  @Setup
  public void setUp() {
    valid = new ArrayList<>();
    try (Stream<LeadRecord> records =
        CsvLeadSource.of("bench", () -> new StringReader(BenchLeads.csv(leads))).read()) {
      records.forEach(
          r -> {
            if (r instanceof LeadRecord.Valid v && v.lead().emailConfidence().isSendable()) {
              valid.add(v.lead());
            }
          });
    }
  }

  private CampaignEngineBuilder engine(InMemoryCampaignStore store, SettableClock clock) {
    return CampaignEngine.builder()
        .store(store)
        .sender(email -> new SendReceipt("250 ok"))
        .from(new Mailbox("hello@4runr.example", "4Runr"))
        .clock(clock)
        .generator(generator)
        .schedule(SendSchedule.calendarDays());
  }

  @Benchmark
  public int baselineWithoutOps() {
    CampaignEngine engine =
        engine(
                new InMemoryCampaignStore(),
                new SettableClock(Instant.parse("2026-11-30T08:00:00Z")))
            .build();
    engine.enrol(valid);
    return engine.runDue().sent();
  }

  @Benchmark
  public int withActivityMetricsAndHealth() {
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    SettableClock clock = new SettableClock(Instant.parse("2026-11-30T08:00:00Z"));
    CampaignActivity activity = CampaignActivity.create(store, clock);
    CampaignMetrics metrics = CampaignMetrics.create(new SimpleMeterRegistry(), activity);
    CampaignEngine engine = engine(store, clock).listener(activity).listener(metrics).build();
    metrics.bind(engine);
    engine.enrol(valid);
    int sent = engine.runDue().sent();
    return sent
        + HealthMonitor.builder(engine).activity(activity).build().check().components().size();
  }
}
