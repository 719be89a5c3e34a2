package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendReceipt;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.DistinctLeads;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java CPU that enrolment spends per lead, without a database: {@code leads} leads of distinct
 * data ({@link DistinctLeads}) enrolled with the template generator and the default gates into the
 * in-memory store, on a fresh engine per shot (an empty uniqueness window). Beside it, the
 * baseline: the same template generator writing the same sequences with no gates, no store and no
 * events. Each reports the calling thread's CPU time per lead ({@code cpuMsPerLead}; enrolment with
 * the template generator drafts on the calling thread), steadier than wall time on a shared
 * machine; the difference between the two is what enrolment adds to writing the copy. JMH sums an
 * auxiliary counter over the measured iterations: divide {@code cpuMsPerLead} by their number
 * (printed per iteration too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class EnrolmentCpuBenchmark {
  @Param({"2000"})
  int leads;

  List<Lead> list;

  /** CPU time per lead of the shot, reported beside the wall time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Milliseconds of this thread's CPU time per lead. */
    public double cpuMsPerLead;

    private long started;

    @Setup(Level.Iteration)
    public void reset() {
      cpuMsPerLead = 0;
    }

    void start() {
      started = THREADS.getCurrentThreadCpuTime();
    }

    void stop(int leads) {
      cpuMsPerLead = (THREADS.getCurrentThreadCpuTime() - started) / 1e6 / leads;
    }
  }

  @Setup(Level.Trial)
  public void makeLeads() {
    // addresses known good, as in the CSV of EnrolmentAtScaleBenchmark: every lead is enrolled
    list =
        DistinctLeads.first(leads).stream()
            .map(l -> l.toBuilder().emailConfidence(EmailConfidence.REAL).build())
            .toList();
  }

  @Benchmark
  public EnrolmentReport enrol(Cpu cpu) {
    cpu.start();
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(new InMemoryCampaignStore())
            .sender(email -> new SendReceipt("250 ok"))
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .clock(new SettableClock(Instant.parse("2026-11-30T08:00:00Z")))
            .generator(new TemplateMessageGenerator())
            .build();
    EnrolmentReport report = engine.enrol(list);
    cpu.stop(leads);
    if (report.read() != leads || report.enrolled() == 0) {
      throw new IllegalStateException(
          "read " + report.read() + ", enrolled " + report.enrolled() + " of " + leads);
    }
    return report;
  }

  @Benchmark
  public int baselineGenerateOnly(Cpu cpu) {
    cpu.start();
    TemplateMessageGenerator generator = new TemplateMessageGenerator();
    Sequence sequence = Sequence.hookProofFomo();
    int chars = 0;
    for (Lead lead : list) {
      List<GeneratedMessage> written = new ArrayList<>();
      for (int i = 0; i < sequence.size(); i++) {
        GeneratedMessage m = generator.generate(new GenerationRequest(lead, sequence, i, written));
        written.add(m);
        chars += m.textBody().length();
      }
    }
    cpu.stop(leads);
    return chars;
  }
}
