package com.fourrunr.campaign.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A row that cannot be read is an error for that row, with its line; the other rows are read. */
class CsvRowErrorsTest {

  @TempDir Path dir;

  /**
   * Header on line 1, then lead L-n on line n + 1 (rows and lines agree: no quoted line breaks).
   */
  static byte[] csvWithBadByteInRow3AndOpenQuoteInRow7() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "id,email,first_name,company\n");
    for (int n = 1; n <= 10; n++) {
      if (n == 2) {
        write(out, "L-2,lead2@example.com,Zo");
        out.write(0xFF); // not UTF-8
        write(out, ",Engines\n");
      } else if (n == 6) {
        write(out, "L-6,lead6@example.com,\"Six,Engines\n"); // quote never closed
      } else if (n == 8) {
        write(out, "L-8,lead8@example.com,Eight,\"Engines, Ltd\"\n"); // a later row with quotes
      } else {
        write(out, "L-" + n + ",lead" + n + "@example.com,Name" + n + ",Engines\n");
      }
    }
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<LeadRecord> readAll(CsvLeadSource source) {
    try (Stream<LeadRecord> records = source.read()) {
      return records.toList();
    }
  }

  private static List<LeadRecord> readAll(String csv) {
    return readAll(CsvLeadSource.of("test.csv", () -> new StringReader(csv)));
  }

  private static LeadRecord.Invalid invalid(LeadRecord record) {
    assertThat(record).as(record.toString()).isInstanceOf(LeadRecord.Invalid.class);
    return (LeadRecord.Invalid) record;
  }

  private static Lead valid(LeadRecord record) {
    assertThat(record).as(record.toString()).isInstanceOf(LeadRecord.Valid.class);
    return ((LeadRecord.Valid) record).lead();
  }

  @Test
  void invalidByteInRow3AndOpenQuoteInRow7AreThoseRowsErrorsAndTheRestAreRead() throws IOException {
    Path file = dir.resolve("broken.csv");
    Files.write(file, csvWithBadByteInRow3AndOpenQuoteInRow7());

    List<LeadRecord> records = readAll(CsvLeadSource.of(file));

    assertThat(records)
        .extracting(LeadRecord::location)
        .containsExactly(
            "row 2", "row 3", "row 4", "row 5", "row 6", "row 7", "row 8", "row 9", "row 10",
            "row 11");
    LeadRecord.Invalid badByte = invalid(records.get(1));
    assertThat(badByte.line()).isEqualTo(3);
    assertThat(badByte.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("first_name");
              assertThat(e.problem())
                  .contains("not valid UTF-8")
                  .contains("0xFF")
                  .contains("line 3");
            });
    LeadRecord.Invalid openQuote = invalid(records.get(5));
    assertThat(openQuote.location()).isEqualTo("row 7");
    assertThat(openQuote.line()).isEqualTo(7);
    assertThat(openQuote.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("row");
              assertThat(e.problem()).contains("quoted value opened on line 7");
            });
    assertThat(records)
        .filteredOn(r -> r instanceof LeadRecord.Valid)
        .extracting(r -> ((LeadRecord.Valid) r).lead().id())
        .containsExactly("L-1", "L-3", "L-4", "L-5", "L-7", "L-8", "L-9", "L-10");
    assertThat(valid(records.get(7)).company()).isEqualTo("Engines, Ltd");
  }

  @Test
  void theSameBytesPostedAsARequestBodyGiveTheSameRowErrors() {
    byte[] body = csvWithBadByteInRow3AndOpenQuoteInRow7();

    List<LeadRecord> records =
        readAll(CsvLeadSource.ofBytes("request body", () -> new ByteArrayInputStream(body)));

    assertThat(records).hasSize(10);
    assertThat(records)
        .filteredOn(r -> r instanceof LeadRecord.Invalid)
        .extracting(r -> ((LeadRecord.Invalid) r).line())
        .containsExactly(3, 7);
  }

  @Test
  void quoteLeftOpenOnTheLastRowIsAnErrorForThatRowOnly() {
    List<LeadRecord> records =
        readAll("id,email,company\nL-1,ada@example.com,Engines\nL-2,grace@navy.example,\"Navy");

    valid(records.get(0));
    LeadRecord.Invalid last = invalid(records.get(1));
    assertThat(last.line()).isEqualTo(3);
    assertThat(last.errors().get(0).problem()).contains("not closed before the end of the file");
  }

  @Test
  void openQuotePairedWithALaterStrayQuoteIsCaughtByTheValueCount() {
    String csv =
        "id,email,first_name,company\n"
            + "L-1,one@example.com,\"One,Engines\n" // opens a quote that is never closed
            + "L-2,two@example.com,Two,Engines\"\n" // a stray quote that would close it
            + "L-3,three@example.com,Three,Engines\n";

    List<LeadRecord> records = readAll(csv);

    LeadRecord.Invalid first = invalid(records.get(0));
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.errors().get(0).problem())
        .contains("has 3 values where the header has 4")
        .contains("from line 2 to line 3")
        .contains("quote is probably not closed");
    assertThat(valid(records.get(1)).company()).isEqualTo("Engines\"");
    assertThat(records.get(1).location()).isEqualTo("row 3");
    assertThat(valid(records.get(2)).id()).isEqualTo("L-3");
  }

  @Test
  void quotedValueOverTheLineLimitIsAnErrorAndLaterRowsAreRead() {
    StringBuilder csv = new StringBuilder("id,email,company_description\nL-1,ada@example.com,\"");
    for (int i = 0; i < CsvLeadSource.MAX_ROW_LINES + 20; i++) {
      csv.append("paragraph ").append(i).append('\n');
    }
    csv.append("end\"\nL-2,grace@navy.example,Compilers\n");

    List<LeadRecord> records = readAll(csv.toString());

    LeadRecord.Invalid first = invalid(records.get(0));
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.errors().get(0).problem())
        .contains("more than " + CsvLeadSource.MAX_ROW_LINES + " lines");
    // The paragraphs are read as rows of one value each (errors), and the next lead is read.
    assertThat(valid(records.get(records.size() - 1)).id()).isEqualTo("L-2");
  }

  @Test
  void quotedValueWithinTheLineLimitKeepsItsLineBreaks() {
    StringBuilder description = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      description.append("paragraph ").append(i).append("\r\n");
    }
    String csv =
        "id,email,company_description\r\nL-1,ada@example.com,\""
            + description
            + "\"\r\n"
            + "L-2,grace@navy.example,Compilers\r\n";

    List<LeadRecord> records = readAll(csv);

    assertThat(valid(records.get(0)).companyDescription()).startsWith("paragraph 0\r\nparagraph 1");
    assertThat(records.get(1).location()).isEqualTo("row 3");
    assertThat(valid(records.get(1)).id()).isEqualTo("L-2");
  }

  @Test
  void closingQuoteFollowedByTextIsAnErrorForThatRow() {
    List<LeadRecord> records =
        readAll("id,email\nL-1,\"ada@example.com\"x\nL-2,grace@navy.example\n");

    LeadRecord.Invalid bad = invalid(records.get(0));
    assertThat(bad.errors().get(0).problem()).contains("followed by 'x'");
    assertThat(valid(records.get(1)).id()).isEqualTo("L-2");
  }

  @Test
  void rowLongerThanTheLimitIsAnErrorAndTheNextRowIsRead() {
    String huge = "x".repeat(CsvLeadSource.MAX_ROW_BYTES + 10);
    List<LeadRecord> records =
        readAll(
            "id,email,company\nL-1,ada@example.com," + huge + "\nL-2,grace@navy.example,Navy\n");

    LeadRecord.Invalid bad = invalid(records.get(0));
    assertThat(bad.errors().get(0).problem())
        .contains("longer than " + CsvLeadSource.MAX_ROW_BYTES + " bytes");
    assertThat(valid(records.get(1)).company()).isEqualTo("Navy");
    assertThat(records.get(1).location()).isEqualTo("row 3");
  }

  @Test
  void quotedRowLongerThanTheLimitIsAnErrorAndTheNextRowIsRead() {
    String huge = "y".repeat(CsvLeadSource.MAX_ROW_BYTES);
    List<LeadRecord> records =
        readAll(
            "id,email,company\nL-1,ada@example.com,\""
                + huge
                + "\"\nL-2,grace@navy.example,Navy\n");

    assertThat(invalid(records.get(0)).errors().get(0).problem()).contains("longer than");
    assertThat(valid(records.get(1)).company()).isEqualTo("Navy");
  }

  @Test
  void manyRowsWithLongValuesAreReadAcrossBufferRefills() {
    StringBuilder csv = new StringBuilder("id,email,company_description\n");
    String text = "z".repeat(20_000);
    for (int i = 0; i < 40; i++) {
      csv.append("L-")
          .append(i)
          .append(",lead")
          .append(i)
          .append("@example.com,\"")
          .append(text)
          .append(",\"\"")
          .append(i)
          .append("\"\"\"\n");
    }

    List<LeadRecord> records = readAll(csv.toString());

    assertThat(records).hasSize(40).allMatch(r -> r instanceof LeadRecord.Valid);
    assertThat(valid(records.get(39)).companyDescription()).isEqualTo(text + ",\"39\"");
  }

  @Test
  void multiByteCharactersAndTruncatedOnesAtTheEnd() {
    byte[] good =
        "id,email,first_name\nL-1,ada@example.com,Zoë 😀\nL-2,b@example.com,Zo"
            .getBytes(StandardCharsets.UTF_8);
    byte[] truncated = new byte[good.length + 1];
    System.arraycopy(good, 0, truncated, 0, good.length);
    truncated[good.length] = (byte) 0xC3; // the first byte of a two-byte character, then the end

    List<LeadRecord> records =
        readAll(CsvLeadSource.ofBytes("t", () -> new ByteArrayInputStream(truncated)));

    assertThat(valid(records.get(0)).firstName()).isEqualTo("Zoë 😀");
    assertThat(invalid(records.get(1)).errors())
        .extracting(FieldError::field)
        .containsExactly("first_name");
  }

  @Test
  void unpairedSurrogateInAReaderIsAnErrorForItsRow() {
    List<LeadRecord> records =
        readAll("id,email,first_name\nL-1,ada@example.com,A\uD800a\nL-2,b@example.com,B😀\n");

    assertThat(invalid(records.get(0)).errors())
        .extracting(FieldError::field)
        .containsExactly("first_name");
    assertThat(valid(records.get(1)).firstName()).isEqualTo("B😀");
  }

  @Test
  void crOnlyLineEndsAreLineEnds() {
    List<LeadRecord> records = readAll("id,email\rL-1,ada@example.com\rL-2,b@example.com");

    assertThat(records).hasSize(2).allMatch(r -> r instanceof LeadRecord.Valid);
  }

  @Test
  void headerOnlyReadsAsNoLeads() {
    assertThat(readAll("id,email\n")).isEmpty();
  }

  @Test
  void emptyFileIsAFileLevelErrorSayingSo(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("empty.csv");
    Files.write(file, new byte[0]);

    assertThatThrownBy(() -> readAll(CsvLeadSource.of(file)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).contains("empty.csv").contains("header").contains("empty");
            });
  }

  @Test
  void blankLinesOnlyIsAnEmptyFile() {
    assertThatThrownBy(() -> readAll("\n\r\n\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void headerWithAnInvalidByteIsAFileLevelError() {
    byte[] csv = {'i', 'd', ',', 'e', 'm', (byte) 0xFE, 'a', 'i', 'l', '\n'};

    assertThatThrownBy(
            () -> readAll(CsvLeadSource.ofBytes("t", () -> new ByteArrayInputStream(csv))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.field()).isEqualTo("header");
                          assertThat(f.problem()).contains("column 2").contains("not valid UTF-8");
                        }));
  }

  @Test
  void headerWithAnEmptyColumnNameIsAFileLevelError() {
    assertThatThrownBy(() -> readAll("id,email,\nL-1,a@example.com,x\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column 3 has no name");
  }

  @Test
  void invalidRecordsFromOtherSourcesHaveNoLine() {
    assertThat(new LeadRecord.Invalid("rec1", List.of(new FieldError("email", "missing"))).line())
        .isZero();
  }
}
