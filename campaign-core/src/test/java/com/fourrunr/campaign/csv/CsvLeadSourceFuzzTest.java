package com.fourrunr.campaign.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.LeadRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes and arbitrary damage to a valid file: the reader never throws anything but a
 * file-level {@link InvalidInputException}, damage to one line costs at most that line's row, and
 * the time per kilobyte stays bounded.
 */
class CsvLeadSourceFuzzTest {
  /**
   * Far above the measured figures (see the report of the worst case below), for a busy machine.
   */
  private static final long MAX_MILLIS_PER_TRY = 3_000;

  private static final String HEADER = "id,email,first_name,company\n";

  /** What reading all of {@code bytes} gave: the records, or the file-level error. */
  record Outcome(List<LeadRecord> records, InvalidInputException fileError, long millis) {}

  static Outcome read(byte[] bytes) {
    long start = System.nanoTime();
    CsvLeadSource source = CsvLeadSource.ofBytes("fuzz", () -> new ByteArrayInputStream(bytes));
    List<LeadRecord> records = new ArrayList<>();
    InvalidInputException fileError = null;
    try (Stream<LeadRecord> stream = source.read()) {
      stream.forEach(records::add);
    } catch (InvalidInputException e) {
      fileError = e;
    }
    // Anything else thrown fails the property.
    return new Outcome(records, fileError, (System.nanoTime() - start) / 1_000_000);
  }

  @Property(tries = 300)
  void arbitraryBytesGiveRowsOrAFileLevelErrorAndNothingElse(@ForAll("csvLikeBytes") byte[] bytes) {
    Outcome outcome = read(bytes);

    assertThat(outcome.millis()).as("ms for %d bytes", bytes.length).isLessThan(MAX_MILLIS_PER_TRY);
    if (outcome.fileError() != null) {
      assertThat(outcome.fileError().errors()).allMatch(e -> e.field().equals("header"));
      assertThat(outcome.records()).isEmpty();
    }
    for (LeadRecord r : outcome.records()) {
      if (r instanceof LeadRecord.Invalid invalid) {
        assertThat(invalid.errors()).isNotEmpty();
        assertThat(invalid.line()).isPositive();
      }
    }
  }

  @Property(tries = 300)
  void arbitraryBytesAfterAValidHeaderNeverThrow(@ForAll("csvLikeBytes") byte[] body) {
    byte[] bytes = concat(HEADER.getBytes(StandardCharsets.US_ASCII), body);

    Outcome outcome = read(bytes);

    assertThat(outcome.fileError()).isNull();
    assertThat(outcome.millis()).isLessThan(MAX_MILLIS_PER_TRY);
  }

  @Property(tries = 500)
  void oneDamagedLineCostsAtMostItsOwnRow(
      @ForAll @IntRange(min = 1, max = 40) int rows, @ForAll("mutation") Mutation mutation) {
    List<String> lines = new ArrayList<>();
    for (int n = 1; n <= rows; n++) {
      lines.add("L-" + n + ",lead" + n + "@example.com,Name" + n + ",Company " + n);
    }
    int damaged = mutation.line() % rows;
    byte[] line = lines.get(damaged).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < rows; i++) {
      out.writeBytes(
          i == damaged ? mutation.apply(line) : lines.get(i).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }

    Outcome outcome = read(out.toByteArray());

    assertThat(outcome.fileError()).isNull();
    Set<String> read = new HashSet<>();
    for (LeadRecord r : outcome.records()) {
      if (r instanceof LeadRecord.Valid v) {
        read.add(v.lead().id() + " " + v.lead().email());
      }
    }
    for (int i = 0; i < rows; i++) {
      if (i != damaged) {
        assertThat(read)
            .as("lead of line %d after %s on line %d", i + 2, mutation, damaged + 2)
            .contains("L-" + (i + 1) + " lead" + (i + 1) + "@example.com");
      }
    }
  }

  @Property(tries = 200)
  void manyMutationsOfAValidFileNeverThrow(@ForAll("mutations") List<Mutation> mutations) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int n = 1; n <= 30; n++) {
      csv.append("L-")
          .append(n)
          .append(",lead")
          .append(n)
          .append("@example.com,\"Name, ")
          .append(n)
          .append("\",\"Company\nline two\"\n");
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      bytes = m.applyAnywhere(bytes);
    }

    Outcome outcome = read(bytes);

    assertThat(outcome.millis()).isLessThan(MAX_MILLIS_PER_TRY);
  }

  /**
   * The worst case for the resynchronisation: every line opens a quote that is never closed, so
   * each line is scanned up to {@link CsvLeadSource#MAX_ROW_LINES} times. One megabyte still reads
   * in bounded time.
   */
  @Test
  void everyLineOpeningAQuoteStaysWithinATimePerKilobyteBound() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
    while (out.size() < 1 << 20) {
      out.writeBytes("L-1,\"a@example.com,x,y\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] hostile = out.toByteArray();
    ByteArrayOutputStream healthyOut = new ByteArrayOutputStream();
    healthyOut.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
    for (int n = 0; healthyOut.size() < 1 << 20; n++) {
      healthyOut.writeBytes(
          ("L-" + n + ",lead" + n + "@example.com,Name,Company\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    byte[] healthy = healthyOut.toByteArray();
    read(hostile); // warm up
    read(healthy);

    Outcome bad = read(hostile);
    Outcome good = read(healthy);

    double badPerKb = bad.millis() / (hostile.length / 1024.0);
    double goodPerKb = good.millis() / (healthy.length / 1024.0);
    System.out.printf(
        "CSV fuzz worst case: %d ms for %d KB (%.3f ms/KB, %d rows, all errors);"
            + " healthy file: %d ms for %d KB (%.3f ms/KB, %d rows)%n",
        bad.millis(),
        hostile.length / 1024,
        badPerKb,
        bad.records().size(),
        good.millis(),
        healthy.length / 1024,
        goodPerKb,
        good.records().size());
    assertThat(bad.records()).isNotEmpty().allMatch(r -> r instanceof LeadRecord.Invalid);
    assertThat(good.records()).allMatch(r -> r instanceof LeadRecord.Valid);
    assertThat(badPerKb).as("ms per KB of the worst case").isLessThan(20.0);
  }

  @Provide
  Arbitrary<byte[]> csvLikeBytes() {
    Arbitrary<Byte> special =
        Arbitraries.of(
            (byte) '"',
            (byte) ',',
            (byte) '\n',
            (byte) '\r',
            (byte) 0xFF,
            (byte) 0xC3,
            (byte) 0xA9,
            (byte) 0xEF,
            (byte) 0xBB,
            (byte) 0xBF,
            (byte) 0xF0,
            (byte) 0x9F,
            (byte) 0);
    Arbitrary<Byte> text =
        Arbitraries.of(
            "id,email,first_name@example.com L-1 ".chars().mapToObj(c -> (byte) c).toList());
    Arbitrary<Byte> any = Arbitraries.bytes();
    Arbitrary<Byte> b =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, special),
            net.jqwik.api.Tuple.of(6, text),
            net.jqwik.api.Tuple.of(1, any));
    return b.list()
        .ofMaxSize(4096)
        .map(
            list -> {
              byte[] bytes = new byte[list.size()];
              for (int i = 0; i < bytes.length; i++) {
                bytes[i] = list.get(i);
              }
              return bytes;
            });
  }

  /** One change to a line: insert or replace a byte at a position, or delete the byte there. */
  record Mutation(int line, int position, Kind kind, byte value) {
    enum Kind {
      INSERT,
      REPLACE,
      DELETE
    }

    /** Applies to one line's bytes, never adding a line break unless {@code value} is one. */
    byte[] apply(byte[] bytes) {
      int at = position % (bytes.length + 1);
      return switch (kind) {
        case INSERT -> splice(bytes, at, 0, value);
        case REPLACE ->
            at < bytes.length ? splice(bytes, at, 1, value) : splice(bytes, at, 0, value);
        case DELETE -> at < bytes.length ? splice(bytes, at, 1, null) : bytes;
      };
    }

    /** Applies to a whole file, anywhere (line breaks included). */
    byte[] applyAnywhere(byte[] bytes) {
      return new Mutation(0, position * 7919 + line, kind, value).apply(bytes);
    }

    private static byte[] splice(byte[] bytes, int at, int remove, Byte insert) {
      int add = insert == null ? 0 : 1;
      byte[] out = new byte[bytes.length - remove + add];
      System.arraycopy(bytes, 0, out, 0, at);
      if (insert != null) {
        out[at] = insert;
      }
      System.arraycopy(bytes, at + remove, out, at + add, bytes.length - at - remove);
      return out;
    }
  }

  @Provide
  Arbitrary<Mutation> mutation() {
    Arbitrary<Byte> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                (byte) '"',
                (byte) ',',
                (byte) '\n',
                (byte) '\r',
                (byte) 0xFF,
                (byte) 0xC3,
                (byte) 0xE2,
                (byte) 0x80),
            Arbitraries.bytes());
    return Combinators.combine(
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.of(Mutation.Kind.class),
            value)
        .as(Mutation::new);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return mutation().list().ofMinSize(1).ofMaxSize(20);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
