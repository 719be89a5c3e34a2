package com.fourrunr.campaign.csv;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.LeadSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads leads from a CSV file with a header row (RFC 4180: commas, double quotes, quoted line
 * breaks; UTF-8, a byte-order mark is ignored). The columns, in any order:
 *
 * <pre>
 * id,email,first_name,last_name,title,company,domain,industry,company_size,city,region,country,timezone,
 * email_confidence,company_description,top_services,tone,linkedin_url
 * </pre>
 *
 * {@code id} and {@code email} must be present; a missing optional column reads as empty; an
 * optional {@code engagement_status} column is read too; any other column becomes a custom field of
 * the lead. {@code top_services} separates services with {@code ;} or {@code |}. Header names are
 * matched without regard to case or surrounding spaces.
 *
 * <p>Rows are numbered as a spreadsheet shows them: the header is row 1, the first lead row 2. A
 * row that does not make a valid lead becomes a {@link LeadRecord.Invalid} naming the row, the
 * field and the problem, with the {@linkplain LeadRecord.Invalid#line() line} of the file it starts
 * on, and reading goes on. That includes a row that cannot be read at all:
 *
 * <ul>
 *   <li>bytes that are not valid UTF-8 (an error for that row, naming the column);
 *   <li>a quoted value that is never closed: not closed at the end of the file, still open after
 *       {@value #MAX_ROW_LINES} lines, or paired with a later row's quote so that the row spans
 *       several lines with the wrong number of values. The row is then the one line it starts on,
 *       and reading goes on at the next line, so no later row is lost;
 *   <li>a closing quote followed by anything but a comma or a line end;
 *   <li>a row longer than {@value #MAX_ROW_BYTES} bytes.
 * </ul>
 *
 * <p>An empty file, a header that cannot be read, or a header without {@code id} or {@code email}
 * (or with a column twice) is an error for the whole file: {@link #read()} throws {@link
 * InvalidInputException}. A header without rows reads as no leads. The file is read lazily, one row
 * at a time, in memory bounded by the longest row.
 */
public final class CsvLeadSource implements LeadSource {
  /** The columns of the leads CSV format, in the documented order. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "email",
          "first_name",
          "last_name",
          "title",
          "company",
          "domain",
          "industry",
          "company_size",
          "city",
          "region",
          "country",
          "timezone",
          "email_confidence",
          "company_description",
          "top_services",
          "tone",
          "linkedin_url");

  /** The longest row read, in bytes; a longer one is an error for that row. */
  public static final int MAX_ROW_BYTES = CsvRecordReader.MAX_RECORD_BYTES;

  /**
   * The most lines one row may span through quoted line breaks; more means a quote is not closed.
   */
  public static final int MAX_ROW_LINES = CsvRecordReader.MAX_RECORD_LINES;

  private static final Set<String> KNOWN;

  static {
    Set<String> known = new LinkedHashSet<>(COLUMNS);
    known.add("engagement_status");
    KNOWN = Set.copyOf(known);
  }

  private final BytesSupplier open;
  private final String name;

  /** Opens a {@link Reader} on the CSV text each time the source is read. */
  @FunctionalInterface
  public interface ReaderSupplier {
    /** A new reader positioned at the start of the text. */
    Reader open() throws IOException;
  }

  /** Opens an {@link InputStream} on the CSV's UTF-8 bytes each time the source is read. */
  @FunctionalInterface
  public interface BytesSupplier {
    /** A new stream positioned at the start of the bytes. */
    InputStream open() throws IOException;
  }

  private CsvLeadSource(String name, BytesSupplier open) {
    this.name = name;
    this.open = open;
  }

  /**
   * A source reading the file at {@code path} as UTF-8; an invalid byte is an error for its row
   * only.
   */
  public static CsvLeadSource of(Path path) {
    Objects.requireNonNull(path, "path");
    return new CsvLeadSource(path.toString(), () -> Files.newInputStream(path));
  }

  /**
   * A source reading what {@code open} supplies; {@code name} appears in error messages. The text
   * is already decoded, so a reader that replaces invalid bytes hides them; prefer {@link #ofBytes}
   * for raw input.
   */
  public static CsvLeadSource of(String name, ReaderSupplier open) {
    Objects.requireNonNull(open, "open");
    return new CsvLeadSource(
        Objects.requireNonNull(name, "name"), () -> new Utf8EncodingStream(open.open()));
  }

  /**
   * A source reading the UTF-8 bytes {@code open} supplies (a request body, an upload); {@code
   * name} appears in error messages. An invalid byte is an error for its row only.
   */
  public static CsvLeadSource ofBytes(String name, BytesSupplier open) {
    return new CsvLeadSource(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(open, "open"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   * @throws InvalidInputException when the file is empty, or its header cannot be read, lacks
   *     {@code id} or {@code email}, or repeats a column
   */
  @Override
  public Stream<LeadRecord> read() {
    CsvRecordReader reader;
    try {
      reader = new CsvRecordReader(open.open());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read leads from " + name + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read leads from " + name + ": " + e.getMessage(), e);
    }
    List<String> headerNames;
    Map<String, Integer> columns;
    try {
      headerNames = headerNames(reader);
      columns = header(headerNames);
      reader.expectValues(headerNames.size());
    } catch (IOException e) {
      closeQuietly(reader);
      throw new UncheckedIOException("cannot read leads from " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw e;
    }
    Iterator<LeadRecord> leads =
        new Iterator<>() {
          private CsvRecordReader.@Nullable Row next;
          private boolean done;
          private int row = 1;

          @Override
          public boolean hasNext() {
            if (next == null && !done) {
              try {
                next = reader.next();
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot read leads from " + name + ": " + e.getMessage(), e);
              }
              done = next == null;
            }
            return next != null;
          }

          @Override
          public LeadRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            CsvRecordReader.Row r = Objects.requireNonNull(next);
            next = null;
            row++;
            return toLead("row " + row, r, columns, headerNames);
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(leads, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              try {
                reader.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private List<String> headerNames(CsvRecordReader reader) throws IOException {
    CsvRecordReader.Row header = reader.next();
    if (header == null) {
      throw InvalidInputException.of(
          name,
          "header",
          "the file is empty; a header row naming at least the id and email columns is needed");
    }
    if (header.problem() != null) {
      String where = header.column() < 0 ? "" : "column " + (header.column() + 1) + " ";
      throw InvalidInputException.of(name, "header", where + header.problem());
    }
    return header.values();
  }

  private Map<String, Integer> header(List<String> names) {
    Map<String, Integer> columns = new HashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String key = names.get(i).strip().toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        errors.add(new FieldError("header", "column " + (i + 1) + " has no name"));
      } else if (columns.putIfAbsent(key, i) != null) {
        errors.add(new FieldError("header", "column '" + key + "' appears twice"));
      }
    }
    for (String required : List.of("id", "email")) {
      if (!columns.containsKey(required)) {
        errors.add(new FieldError("header", "has no '" + required + "' column"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(name, errors);
    }
    return columns;
  }

  private static void closeQuietly(CsvRecordReader reader) {
    try {
      reader.close();
    } catch (IOException ignored) {
      // the header error is what matters
    }
  }

  private static LeadRecord toLead(
      String location,
      CsvRecordReader.Row row,
      Map<String, Integer> columns,
      List<String> headerNames) {
    String problem = row.problem();
    if (problem != null) {
      String field =
          row.column() < 0
              ? "row"
              : row.column() < headerNames.size()
                  ? headerNames.get(row.column()).strip()
                  : "value " + (row.column() + 1);
      return new LeadRecord.Invalid(location, List.of(new FieldError(field, problem)), row.line());
    }
    List<String> record = row.values();
    if (record.size() != headerNames.size()) {
      return new LeadRecord.Invalid(
          location,
          List.of(
              new FieldError(
                  "row",
                  "has " + record.size() + " values where the header has " + headerNames.size())),
          row.line());
    }
    Lead.Builder b =
        Lead.builder()
            .id(get(record, columns, "id"))
            .email(get(record, columns, "email"))
            .firstName(get(record, columns, "first_name"))
            .lastName(get(record, columns, "last_name"))
            .title(get(record, columns, "title"))
            .company(get(record, columns, "company"))
            .companyDomain(get(record, columns, "domain"))
            .industry(get(record, columns, "industry"))
            .companySize(get(record, columns, "company_size"))
            .city(get(record, columns, "city"))
            .region(get(record, columns, "region"))
            .country(get(record, columns, "country"))
            .timezone(get(record, columns, "timezone"))
            .emailConfidence(get(record, columns, "email_confidence"))
            .companyDescription(get(record, columns, "company_description"))
            .topServices(get(record, columns, "top_services"))
            .tone(get(record, columns, "tone"))
            .linkedinUrl(get(record, columns, "linkedin_url"))
            .engagementStatus(get(record, columns, "engagement_status"));
    for (int i = 0; i < headerNames.size(); i++) {
      String header = headerNames.get(i).strip();
      if (!KNOWN.contains(header.toLowerCase(Locale.ROOT)) && !header.isEmpty()) {
        b.customField(header, record.get(i));
      }
    }
    try {
      return new LeadRecord.Valid(location, b.build());
    } catch (InvalidInputException e) {
      return new LeadRecord.Invalid(location, e.errors(), row.line());
    }
  }

  private static String get(List<String> record, Map<String, Integer> columns, String column) {
    Integer i = columns.get(column);
    return i == null ? "" : record.get(i);
  }

  @Override
  public String toString() {
    return "CsvLeadSource[" + name + "]";
  }
}
