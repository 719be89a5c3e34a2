package com.fourrunr.campaign.csv;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.LeadRecord;
import com.fourrunr.campaign.LeadSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads leads from a CSV file with a header row (RFC 4180: commas, double quotes, quoted line breaks;
 * UTF-8, a byte-order mark is ignored). The columns, in any order:
 *
 * <pre>
 * id,email,first_name,last_name,title,company,domain,industry,company_size,city,region,country,timezone,
 * email_confidence,company_description,top_services,tone,linkedin_url
 * </pre>
 *
 * {@code id} and {@code email} must be present; a missing optional column reads as empty; an optional
 * {@code engagement_status} column is read too; any other column becomes a custom field of the lead.
 * {@code top_services} separates services with {@code ;} or {@code |}. Header names are matched without
 * regard to case or surrounding spaces.
 *
 * <p>Rows are numbered as a spreadsheet shows them: the header is row 1, the first lead row 2. A row that
 * does not make a valid lead becomes a {@link LeadRecord.Invalid} naming the row, the field and the
 * problem, and reading goes on. The file is read lazily, one row at a time.
 */
public final class CsvLeadSource implements LeadSource {
  /** The columns of the leads CSV format, in the documented order. */
  public static final List<String> COLUMNS =
      List.of("id", "email", "first_name", "last_name", "title", "company", "domain", "industry",
          "company_size", "city", "region", "country", "timezone", "email_confidence",
          "company_description", "top_services", "tone", "linkedin_url");
  private static final Set<String> KNOWN;

  static {
    Set<String> known = new LinkedHashSet<>(COLUMNS);
    known.add("engagement_status");
    KNOWN = Set.copyOf(known);
  }

  private final ReaderSupplier open;
  private final String name;

  /** Opens a {@link Reader} on the CSV text each time the source is read. */
  @FunctionalInterface
  public interface ReaderSupplier {
    /** A new reader positioned at the start of the text. */
    Reader open() throws IOException;
  }

  private CsvLeadSource(String name, ReaderSupplier open) {
    this.name = name;
    this.open = open;
  }

  /** A source reading the file at {@code path} as UTF-8. */
  public static CsvLeadSource of(Path path) {
    Objects.requireNonNull(path, "path");
    return new CsvLeadSource(path.toString(), () -> Files.newBufferedReader(path, StandardCharsets.UTF_8));
  }

  /** A source reading what {@code open} supplies; {@code name} appears in error messages. */
  public static CsvLeadSource of(String name, ReaderSupplier open) {
    return new CsvLeadSource(Objects.requireNonNull(name, "name"), Objects.requireNonNull(open, "open"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   * @throws InvalidInputException when the header lacks {@code id} or {@code email}, or repeats a column
   */
  @Override
  public Stream<LeadRecord> read() {
    CSVParser parser;
    try {
      Reader reader = open.open();
      parser = CSVFormat.RFC4180.builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setAllowMissingColumnNames(false)
          .get()
          .parse(stripBom(reader));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read leads from " + name + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of(name, "header", String.valueOf(e.getMessage()));
    }
    Map<String, Integer> columns = header(parser);
    Iterator<CSVRecord> records = parser.iterator();
    Iterator<LeadRecord> leads =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return records.hasNext();
            } catch (UncheckedIOException e) {
              throw new UncheckedIOException("cannot read leads from " + name + ": " + e.getMessage(),
                  e.getCause());
            }
          }

          @Override
          public LeadRecord next() {
            CSVRecord record = records.next();
            return toLead(record, columns, parser.getHeaderNames());
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(leads, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(() -> {
          try {
            parser.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private Map<String, Integer> header(CSVParser parser) {
    Map<String, Integer> columns = new HashMap<>();
    List<String> names = parser.getHeaderNames();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String key = names.get(i).strip().toLowerCase(Locale.ROOT);
      if (columns.putIfAbsent(key, i) != null) {
        errors.add(new FieldError("header", "column '" + key + "' appears twice"));
      }
    }
    for (String required : List.of("id", "email")) {
      if (!columns.containsKey(required)) {
        errors.add(new FieldError("header", "has no '" + required + "' column"));
      }
    }
    if (!errors.isEmpty()) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // the header error is what matters
      }
      throw new InvalidInputException(name, errors);
    }
    return columns;
  }

  private static LeadRecord toLead(CSVRecord record, Map<String, Integer> columns, List<String> headerNames) {
    // Data rows numbered as spreadsheets do: header is row 1.
    String location = "row " + (record.getRecordNumber() + 1);
    if (record.size() != headerNames.size()) {
      return new LeadRecord.Invalid(location, List.of(new FieldError("row",
          "has " + record.size() + " values where the header has " + headerNames.size())));
    }
    Lead.Builder b = Lead.builder()
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
      return new LeadRecord.Invalid(location, e.errors());
    }
  }

  private static String get(CSVRecord record, Map<String, Integer> columns, String column) {
    Integer i = columns.get(column);
    return i == null ? "" : record.get(i);
  }

  private static Reader stripBom(Reader reader) throws IOException {
    java.io.PushbackReader in = new java.io.PushbackReader(reader, 1);
    int first = in.read();
    if (first != -1 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  @Override
  public String toString() {
    return "CsvLeadSource[" + name + "]";
  }
}
