package com.fourrunr.campaign;

import java.util.List;
import java.util.Objects;

/**
 * One record read by a {@link LeadSource}: a valid {@link Lead}, or the problems that kept a record
 * from being one. One bad record never stops a read.
 */
public sealed interface LeadRecord {
  /** Where the record came from, for example {@code row 7} or an Airtable record id. */
  String location();

  /**
   * A record that made a valid lead.
   *
   * @param location where it came from
   * @param lead the lead
   */
  record Valid(String location, Lead lead) implements LeadRecord {
    /** Checks both parts. */
    public Valid {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(lead, "lead");
    }
  }

  /**
   * A record that did not make a lead.
   *
   * @param location where it came from
   * @param errors each problem by field
   * @param line the line of the source text the record starts on (from 1), or 0 when the source has
   *     no lines (an Airtable record, a list of leads)
   */
  record Invalid(String location, List<FieldError> errors, int line) implements LeadRecord {
    /** Checks the parts. */
    public Invalid {
      Objects.requireNonNull(location, "location");
      errors = List.copyOf(errors);
      if (line < 0) {
        throw new IllegalArgumentException("line: " + line + " is negative");
      }
    }

    /** A record without a line number (a source that is not a text file). */
    public Invalid(String location, List<FieldError> errors) {
      this(location, errors, 0);
    }

    @Override
    public String toString() {
      return location
          + ": "
          + errors.stream().map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse("");
    }
  }
}
