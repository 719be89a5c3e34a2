package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.SequenceWriter;
import com.fourrunr.campaign.quality.WrittenSequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.DistinctLeads;
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
 * The template generator's copy for 100,000 leads with distinct data ({@link DistinctLeads})
 * through the default quality gates, as enrolment writes it: reports the share of leads held
 * because the uniqueness gate found a recent near-copy ({@code heldPerMille}, goal under 10).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class TemplateHeldShareBenchmark {
  @Param({"100000"})
  int leads;

  /** The held share, reported beside the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Held {
    /** Leads held for uniqueness per thousand written. */
    public double heldPerMille;

    @Setup(Level.Iteration)
    public void reset() {
      heldPerMille = 0;
    }
  }

  @Benchmark
  public int writeEveryLead(Held held) {
    SequenceWriter writer =
        SequenceWriter.builder(new TemplateMessageGenerator())
            .gates(QualityGates.defaults())
            .build();
    Sequence sequence = Sequence.hookProofFomo();
    int repeats = 0;
    for (int i = 0; i < leads; i++) {
      Lead lead = DistinctLeads.lead(i);
      WrittenSequence written = writer.write(lead, sequence);
      if (written.outcome() == WrittenSequence.Outcome.READY) {
        writer.accept(lead, written);
      } else if (written.reason().contains("uniqueness.recent")) {
        repeats++;
      }
    }
    held.heldPerMille = 1000.0 * repeats / leads;
    return repeats;
  }
}
