package com.fourrunr.campaign.airtable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of one Airtable record still to be written, merged from every change queued for it.
 *
 * @param recordKey the Airtable record id, or the lead id when {@link AirtableConfig#leadIdField()}
 *     is set
 * @param fields field name to value: a {@link String}, a {@link Number} or a {@link Boolean}
 */
public record PendingUpdate(String recordKey, Map<String, Object> fields) {
  /** Checks the key and freezes the fields. */
  public PendingUpdate {
    Objects.requireNonNull(recordKey, "recordKey");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
