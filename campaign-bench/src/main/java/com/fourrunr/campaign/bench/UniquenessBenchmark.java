package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.quality.QualityGates;
import com.fourrunr.campaign.quality.UniquenessIndex;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.io.StringReader;
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
 * The uniqueness gate over 100,000 messages: each one checked against the window of recent messages
 * ({@link QualityGates#DEFAULT_RECENT_WINDOW}) and then added, against a baseline that only
 * computes each message's MinHash signature, the work no comparison can avoid. The messages are the
 * template generator's Hook, Proof and FOMO for synthetic leads that differ little: many
 * near-copies, the hard case for LSH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class UniquenessBenchmark {
  @Param({"100000"})
  int messages;

  List<String> bodies;

  @Setup
  public void setUp() {
    int leads = (messages + 2) / 3;
    List<Lead> valid = new ArrayList<>();
    try (Stream<LeadRecord> records =
        CsvLeadSource.of("bench", () -> new StringReader(BenchLeads.csv(leads * 5 / 4 + 10)))
            .read()) {
      records.forEach(
          r -> {
            if (r instanceof LeadRecord.Valid v && valid.size() < leads) {
              valid.add(v.lead());
            }
          });
    }
    TemplateMessageGenerator generator = new TemplateMessageGenerator();
    Sequence sequence = Sequence.hookProofFomo();
    bodies = new ArrayList<>(messages);
    for (Lead lead : valid) {
      List<GeneratedMessage> written = new ArrayList<>();
      for (int i = 0; i < sequence.size() && bodies.size() < messages; i++) {
        GeneratedMessage m = generator.generate(new GenerationRequest(lead, sequence, i, written));
        written.add(m);
        bodies.add(m.textBody());
      }
    }
  }

  @Benchmark
  public int checkAndAddEveryMessage() {
    UniquenessIndex index = new UniquenessIndex(QualityGates.DEFAULT_RECENT_WINDOW);
    int repeats = 0;
    for (int i = 0; i < bodies.size(); i++) {
      long[] signature = UniquenessIndex.signatureOf(bodies.get(i));
      UniquenessIndex.Match match =
          index.closest(signature, QualityGates.DEFAULT_UNIQUENESS_THRESHOLD);
      if (match != null && match.similarity() >= QualityGates.DEFAULT_UNIQUENESS_THRESHOLD) {
        repeats++;
      }
      index.add(signature, "m" + i);
    }
    return repeats;
  }

  @Benchmark
  public long baselineSignaturesOnly() {
    long sum = 0;
    for (String body : bodies) {
      sum += UniquenessIndex.signatureOf(body)[0];
    }
    return sum;
  }
}
