package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.csv.CsvLeadSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
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
 * Reading leads from CSV: the full {@link CsvLeadSource} (RFC 4180 parsing plus validation of every
 * lead) against a baseline that only splits the same text into lines and commas, the floor any
 * reader pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CsvLeadSourceBenchmark {
  @Param({"10000"})
  int rows;

  String csv;

  @Setup
  public void setUp() {
    csv = BenchLeads.csv(rows);
  }

  @Benchmark
  public long readAndValidateLeads() {
    CsvLeadSource source = CsvLeadSource.of("bench", () -> new StringReader(csv));
    try (Stream<LeadRecord> records = source.read()) {
      return records.filter(r -> r instanceof LeadRecord.Valid).count();
    }
  }

  @Benchmark
  public long baselineSplitLines() throws IOException {
    long fields = 0;
    try (BufferedReader in = new BufferedReader(new StringReader(csv))) {
      String line;
      while ((line = in.readLine()) != null) {
        fields += line.split(",", -1).length;
      }
    }
    return fields;
  }
}
