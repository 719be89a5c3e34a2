package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
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
 * The engine's own cost: enrolling leads (gates, generation, commit, events) and sending their
 * first step through a sender that accepts at once, against a baseline that only writes the same
 * messages with the same template generator, the work no engine can avoid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnrolAndSendBenchmark {
  @Param({"1000"})
  int leads;

  List<Lead> valid;
  final TemplateMessageGenerator generator = new TemplateMessageGenerator();
  final Sequence sequence = Sequence.hookProofFomo();

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

  @Benchmark
  public int enrolAndSendFirstStep() {
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(new InMemoryCampaignStore())
            .sender(email -> new SendReceipt("250 ok"))
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .clock(new SettableClock(Instant.parse("2026-11-30T08:00:00Z")))
            .generator(generator)
            // Every first step due at once, so the run sends them all; scheduling has its own
            // benchmark.
            .schedule(SendSchedule.calendarDays())
            .build();
    engine.enrol(valid);
    return engine.runDue().sent();
  }

  @Benchmark
  public int baselineGenerateOnly() {
    int chars = 0;
    for (Lead lead : valid) {
      List<GeneratedMessage> written = new ArrayList<>();
      for (int i = 0; i < sequence.size(); i++) {
        GeneratedMessage m = generator.generate(new GenerationRequest(lead, sequence, i, written));
        written.add(m);
        chars += m.textBody().length();
      }
    }
    return chars;
  }
}
