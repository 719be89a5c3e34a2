package com.fourrunr.campaign.airtable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Changed fields for one record: by record id, or (with {@link AirtableConfig#leadIdField()}) by
 * lead id merged on with {@code performUpsert}.
 */
record RecordWrite(String key, Map<String, Object> fields) {
  RecordWrite {
    Objects.requireNonNull(key, "key");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
