package com.fourrunr.campaign;

import java.util.stream.Stream;

/**
 * Where leads come from: a CSV file ({@code CsvLeadSource}), an Airtable view, a host's own
 * database.
 */
@FunctionalInterface
public interface LeadSource {
  /**
   * Reads the leads as a lazy stream, so a source of any size is read in bounded memory. The caller
   * closes the stream (use try-with-resources), which releases files or connections.
   *
   * @throws java.io.UncheckedIOException when the source cannot be read at all
   */
  Stream<LeadRecord> read();
}
