package com.fourrunr.campaign.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EngagementStatus;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLeadSourceTest {

  private static final String HEADER = String.join(",", CsvLeadSource.COLUMNS);

  private static final String ADA_ROW =
      "L-1,Ada@Example.com,Ada,Lovelace,CTO,Analytical Engines,analytical.example,Computing,11-50,"
          + "London,England,United Kingdom,Europe/London,Real,We build engines.,Design;Build|Support,"
          + "warm,https://www.linkedin.com/in/ada";
  private static final String GRACE_ROW =
      "L-2,grace@navy.example,Grace,Hopper,Rear Admiral,Navy Labs,navy.example,Defence,200+,"
          + "Arlington,VA,US,America/New_York,pattern,Compilers.,Compilers,formal,";

  @TempDir Path dir;

  private static CsvLeadSource fromString(String csv) {
    return CsvLeadSource.of("test.csv", () -> new StringReader(csv));
  }

  private static List<LeadRecord> readAll(CsvLeadSource source) {
    try (Stream<LeadRecord> records = source.read()) {
      return records.toList();
    }
  }

  private static Lead valid(LeadRecord record) {
    assertThat(record).as(record.toString()).isInstanceOf(LeadRecord.Valid.class);
    return ((LeadRecord.Valid) record).lead();
  }

  private static LeadRecord.Invalid invalid(LeadRecord record) {
    assertThat(record).isInstanceOf(LeadRecord.Invalid.class);
    return (LeadRecord.Invalid) record;
  }

  @Test
  void documentedColumnsAreTheLeadFields() {
    assertThat(CsvLeadSource.COLUMNS)
        .startsWith("id", "email")
        .contains("timezone", "email_confidence", "top_services", "linkedin_url")
        .doesNotHaveDuplicates();
  }

  @Test
  void readsEveryDocumentedColumnFromAFile() throws IOException {
    Path file = dir.resolve("leads.csv");
    Files.writeString(
        file, HEADER + "\n" + ADA_ROW + "\n" + GRACE_ROW + "\n", StandardCharsets.UTF_8);

    List<LeadRecord> records = readAll(CsvLeadSource.of(file));

    assertThat(records).hasSize(2);
    assertThat(records.get(0).location()).isEqualTo("row 2");
    assertThat(records.get(1).location()).isEqualTo("row 3");
    Lead ada = valid(records.get(0));
    assertThat(ada.id()).isEqualTo("L-1");
    assertThat(ada.email()).isEqualTo("ada@example.com");
    assertThat(ada.firstName()).isEqualTo("Ada");
    assertThat(ada.lastName()).isEqualTo("Lovelace");
    assertThat(ada.title()).isEqualTo("CTO");
    assertThat(ada.company()).isEqualTo("Analytical Engines");
    assertThat(ada.companyDomain()).isEqualTo("analytical.example");
    assertThat(ada.industry()).isEqualTo("Computing");
    assertThat(ada.companySize()).isEqualTo("11-50");
    assertThat(ada.city()).isEqualTo("London");
    assertThat(ada.region()).isEqualTo("England");
    assertThat(ada.country()).isEqualTo("GB");
    assertThat(ada.timezone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(ada.emailConfidence()).isEqualTo(EmailConfidence.REAL);
    assertThat(ada.companyDescription()).isEqualTo("We build engines.");
    assertThat(ada.topServices()).containsExactly("Design", "Build", "Support");
    assertThat(ada.tone()).isEqualTo("warm");
    assertThat(ada.linkedinUrl()).isEqualTo(URI.create("https://www.linkedin.com/in/ada"));
    assertThat(ada.customFields()).isEmpty();

    Lead grace = valid(records.get(1));
    assertThat(grace.emailConfidence()).isEqualTo(EmailConfidence.PATTERN);
    assertThat(grace.country()).isEqualTo("US");
    assertThat(grace.linkedinUrl()).isNull();
  }

  @Test
  void readsFromAStringWithCrlfLineEnds() {
    List<LeadRecord> records =
        readAll(fromString(HEADER + "\r\n" + ADA_ROW + "\r\n" + GRACE_ROW + "\r\n"));

    assertThat(records).extracting(LeadRecord::location).containsExactly("row 2", "row 3");
    assertThat(records).allMatch(r -> r instanceof LeadRecord.Valid);
    assertThat(valid(records.get(1)).tone()).isEqualTo("formal");
  }

  @Test
  void onlyIdAndEmailColumnsAreNeededAndMissingColumnsReadEmpty() {
    List<LeadRecord> records = readAll(fromString("email,id\nada@example.com,L-1\n"));

    Lead lead = valid(records.get(0));
    assertThat(lead.id()).isEqualTo("L-1");
    assertThat(lead.email()).isEqualTo("ada@example.com");
    assertThat(lead.company()).isEmpty();
    assertThat(lead.emailConfidence()).isEqualTo(EmailConfidence.UNKNOWN);
  }

  @Test
  void headerNamesMatchWithoutRegardToCaseOrSpaces() {
    List<LeadRecord> records =
        readAll(fromString(" ID , Email ,First_Name, COMPANY \nL-1,ada@example.com,Ada,Engines\n"));

    Lead lead = valid(records.get(0));
    assertThat(lead.firstName()).isEqualTo("Ada");
    assertThat(lead.company()).isEqualTo("Engines");
    assertThat(lead.customFields()).isEmpty();
  }

  @Test
  void malformedEmailRowIsInvalidWithRowAndFieldAndLaterRowsAreStillRead() {
    String csv =
        "id,email,timezone\n"
            + "L-1,ada@example.com,Europe/London\n"
            + "L-2,grace-at-navy.example,America/New_York\n"
            + "L-3,linus@example.org,Europe/Helsinki\n";

    List<LeadRecord> records = readAll(fromString(csv));

    assertThat(records).hasSize(3);
    valid(records.get(0));
    LeadRecord.Invalid bad = invalid(records.get(1));
    assertThat(bad.location()).isEqualTo("row 3");
    assertThat(bad.errors()).extracting(FieldError::field).containsExactly("email");
    assertThat(bad.toString()).startsWith("row 3: email: ");
    assertThat(valid(records.get(2)).id()).isEqualTo("L-3");
  }

  @Test
  void unknownTimezoneRowIsInvalidNamingTheTimezone() {
    String csv =
        "id,email,timezone\n"
            + "L-1,ada@example.com,Mars/Olympus_Mons\n"
            + "L-2,grace@navy.example,America/New_York\n";

    List<LeadRecord> records = readAll(fromString(csv));

    LeadRecord.Invalid bad = invalid(records.get(0));
    assertThat(bad.location()).isEqualTo("row 2");
    assertThat(bad.errors()).extracting(FieldError::field).containsExactly("timezone");
    assertThat(bad.errors().get(0).problem()).contains("Mars/Olympus_Mons");
    assertThat(valid(records.get(1)).timezone()).isEqualTo(ZoneId.of("America/New_York"));
  }

  @Test
  void rowWithTheWrongNumberOfValuesIsInvalidAndReadingGoesOn() {
    String csv =
        "id,email,company\n"
            + "L-1,ada@example.com\n"
            + "L-2,grace@navy.example,Navy,extra\n"
            + "L-3,linus@example.org,Linux\n";

    List<LeadRecord> records = readAll(fromString(csv));

    assertThat(records).hasSize(3);
    LeadRecord.Invalid tooFew = invalid(records.get(0));
    assertThat(tooFew.location()).isEqualTo("row 2");
    assertThat(tooFew.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("row");
              assertThat(e.problem()).contains("2 values").contains("3");
            });
    LeadRecord.Invalid tooMany = invalid(records.get(1));
    assertThat(tooMany.location()).isEqualTo("row 3");
    assertThat(tooMany.errors()).extracting(FieldError::field).containsExactly("row");
    assertThat(valid(records.get(2)).company()).isEqualTo("Linux");
  }

  @Test
  void rowWithSeveralProblemsListsThemAll() {
    String csv = "id,email,country,email_confidence\n,not-an-email,Narnia,sure\n";

    LeadRecord.Invalid bad = invalid(readAll(fromString(csv)).get(0));

    assertThat(bad.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("id", "email", "country", "email_confidence");
  }

  @Test
  void extraColumnsBecomeCustomFieldsInHeaderOrder() {
    String csv =
        "Lead Source,id,email,Deal Size,engagement_status,owner\n"
            + "Trade fair,L-1,ada@example.com,50k,Contacted,Sam\n";

    Lead lead = valid(readAll(fromString(csv)).get(0));

    assertThat(lead.customFields().keySet()).containsExactly("Lead Source", "Deal Size", "owner");
    assertThat(lead.customFields())
        .containsEntry("Lead Source", "Trade fair")
        .containsEntry("Deal Size", "50k")
        .containsEntry("owner", "Sam");
    assertThat(lead.engagementStatus()).isEqualTo(EngagementStatus.CONTACTED);
  }

  @Test
  void quotedCommasQuotesAndLineBreaksAreOneValue() {
    String csv =
        "id,email,company,company_description,top_services\n"
            + "L-1,ada@example.com,\"Engines, Ltd\","
            + "\"We build engines.\nAnd \"\"difference\"\" machines.\",\"Design, UX;Build\"\n"
            + "L-2,grace@navy.example,Navy,Compilers,Compilers\n";

    List<LeadRecord> records = readAll(fromString(csv));

    assertThat(records).hasSize(2);
    Lead ada = valid(records.get(0));
    assertThat(ada.company()).isEqualTo("Engines, Ltd");
    assertThat(ada.companyDescription())
        .isEqualTo("We build engines.\nAnd \"difference\" machines.");
    assertThat(ada.topServices()).containsExactly("Design, UX", "Build");
    // A quoted line break does not shift the row numbers: one record is one spreadsheet row.
    assertThat(records.get(1).location()).isEqualTo("row 3");
    assertThat(valid(records.get(1)).id()).isEqualTo("L-2");
  }

  @Test
  void headerWithoutIdColumnIsRejectedNamingTheHeader() {
    InvalidInputException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            InvalidInputException.class,
            () -> readAll(fromString("email,company\nada@example.com,X\n")));

    assertThat(e).isNotNull();
    assertThat(e.subject()).isEqualTo("test.csv");
    assertThat(e.errors()).containsExactly(new FieldError("header", "has no 'id' column"));
  }

  @Test
  void headerWithoutEmailColumnIsRejectedNamingTheHeader(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("no-email.csv");
    Files.writeString(file, "id,company\nL-1,X\n");

    assertThatThrownBy(() -> readAll(CsvLeadSource.of(file)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("header");
              assertThat(e.getMessage())
                  .contains("no-email.csv")
                  .contains("header")
                  .contains("'email'");
            });
  }

  @Test
  void headerWithNeitherIdNorEmailNamesBoth() {
    assertThatThrownBy(() -> readAll(fromString("name,company\nAda,X\n")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError("header", "has no 'id' column"),
                        new FieldError("header", "has no 'email' column")));
  }

  @Test
  void repeatedColumnIsRejectedNamingTheHeader() {
    assertThatThrownBy(
            () -> readAll(fromString("id,email,Email\nL-1,a@example.com,b@example.com\n")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("header");
              assertThat(e.getMessage()).contains("'email' appears twice");
            });
  }

  @Test
  void emptyInputIsRejectedForItsMissingHeader() {
    assertThatThrownBy(() -> readAll(fromString("")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("header");
  }

  @Test
  void byteOrderMarkIsIgnored(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("bom.csv");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body =
        ("id,email,first_name\nL-1,ada@example.com,Zoë\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    Files.write(file, all);

    Lead lead = valid(readAll(CsvLeadSource.of(file)).get(0));

    assertThat(lead.id()).isEqualTo("L-1");
    assertThat(lead.firstName()).isEqualTo("Zoë");
    assertThat(lead.customFields()).isEmpty();
  }

  @Test
  void byteOrderMarkInAStringIsIgnored() {
    Lead lead = valid(readAll(fromString("\uFEFFid,email\nL-1,ada@example.com\n")).get(0));

    assertThat(lead.id()).isEqualTo("L-1");
  }

  @Test
  void emptyLinesBetweenRowsAreSkipped() {
    List<LeadRecord> records =
        readAll(fromString("id,email\nL-1,ada@example.com\n\nL-2,grace@navy.example\n"));

    assertThat(records).hasSize(2).allMatch(r -> r instanceof LeadRecord.Valid);
  }

  @Test
  void missingFileIsReportedAsUncheckedIoNamingThePath() {
    Path missing = dir.resolve("nope.csv");

    assertThatThrownBy(() -> CsvLeadSource.of(missing).read())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.csv");
  }

  @Test
  void sourceCanBeReadAgain() throws IOException {
    Path file = dir.resolve("again.csv");
    Files.writeString(file, "id,email\nL-1,ada@example.com\n");
    CsvLeadSource source = CsvLeadSource.of(file);

    assertThat(readAll(source)).hasSize(1);
    assertThat(readAll(source)).hasSize(1);
  }

  @Test
  void streamIsLazyAndReadsOnlyWhatIsTaken() {
    AtomicInteger rowsServed = new AtomicInteger();
    // An endless CSV: only a lazy reader can take the first few rows of it.
    CsvLeadSource endless = CsvLeadSource.of("endless", () -> new EndlessCsvReader(rowsServed));

    List<LeadRecord> first;
    try (Stream<LeadRecord> records = endless.read()) {
      first = records.limit(3).toList();
    }

    assertThat(first).extracting(LeadRecord::location).containsExactly("row 2", "row 3", "row 4");
    assertThat(first).allMatch(r -> r instanceof LeadRecord.Valid);
    assertThat(rowsServed.get()).isLessThan(10_000);
  }

  @Test
  void readingDoesNotStartBeforeTheStreamIsConsumed() {
    AtomicInteger rowsServed = new AtomicInteger();
    CsvLeadSource endless = CsvLeadSource.of("endless", () -> new EndlessCsvReader(rowsServed));

    try (Stream<LeadRecord> records = endless.read()) {
      Iterator<LeadRecord> it = records.iterator();
      assertThat(it.next().location()).isEqualTo("row 2");
      assertThat(it.next().location()).isEqualTo("row 3");
    }
  }

  @Test
  void closingTheStreamClosesTheReader() throws IOException {
    Path file = dir.resolve("close.csv");
    Files.writeString(file, "id,email\nL-1,ada@example.com\nL-2,grace@navy.example\n");
    AtomicBoolean closed = new AtomicBoolean();
    CsvLeadSource source =
        CsvLeadSource.of(
            file.toString(), () -> new TrackingReader(Files.newBufferedReader(file), closed));

    Stream<LeadRecord> records = source.read();
    assertThat(records.iterator().next()).isInstanceOf(LeadRecord.Valid.class);
    assertThat(closed).isFalse();

    records.close();

    assertThat(closed).isTrue();
  }

  @Test
  void closingTheStreamEarlyReleasesTheFile() throws IOException {
    Path procFds = Path.of("/proc/self/fd");
    assumeThat(Files.isDirectory(procFds)).as("needs /proc/self/fd (Linux)").isTrue();
    Path file = dir.toRealPath().resolve("fd.csv");
    StringBuilder csv = new StringBuilder("id,email\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append("L-").append(i).append(",lead").append(i).append("@example.com\n");
    }
    Files.writeString(file, csv);

    Stream<LeadRecord> records = CsvLeadSource.of(file).read();
    assertThat(records.iterator().next()).isInstanceOf(LeadRecord.Valid.class);
    assertThat(openDescriptorsOf(file)).as("file open while the stream is").isPositive();

    records.close();

    assertThat(openDescriptorsOf(file)).as("file open after close").isZero();
  }

  @Test
  void headerErrorClosesTheReader() {
    AtomicBoolean closed = new AtomicBoolean();
    CsvLeadSource source =
        CsvLeadSource.of("bad", () -> new TrackingReader(new StringReader("name\nAda\n"), closed));

    assertThatThrownBy(source::read).isInstanceOf(InvalidInputException.class);
    assertThat(closed).isTrue();
  }

  private static long openDescriptorsOf(Path file) throws IOException {
    List<Path> fds = new ArrayList<>();
    try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
      list.forEach(fds::add);
    }
    long n = 0;
    for (Path fd : fds) {
      try {
        if (Files.readSymbolicLink(fd).equals(file)) {
          n++;
        }
      } catch (IOException | UnsupportedOperationException e) {
        // descriptor closed meanwhile, or not a link
      }
    }
    return n;
  }

  /** A reader that records being closed. */
  private static final class TrackingReader extends FilterReader {
    private final AtomicBoolean closed;

    TrackingReader(Reader in, AtomicBoolean closed) {
      super(in);
      this.closed = closed;
    }

    @Override
    public void close() throws IOException {
      closed.set(true);
      super.close();
    }
  }

  /** A CSV text with a header and then rows without end. */
  private static final class EndlessCsvReader extends Reader {
    private final AtomicInteger rowsServed;
    private String pending = "id,email\n";
    private int pos;

    EndlessCsvReader(AtomicInteger rowsServed) {
      this.rowsServed = rowsServed;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos == pending.length()) {
        int n = rowsServed.incrementAndGet();
        pending = "L-" + n + ",lead" + n + "@example.com\n";
        pos = 0;
      }
      int count = Math.min(len, pending.length() - pos);
      pending.getChars(pos, pos + count, buf, off);
      pos += count;
      return count;
    }

    @Override
    public void close() {}
  }
}
