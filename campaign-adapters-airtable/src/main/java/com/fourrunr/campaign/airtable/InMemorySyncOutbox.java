package com.fourrunr.campaign.airtable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SyncOutbox} in memory: coalescing and thread-safe, but lost when the process ends.
 * Memory is one entry per record with pending changes, however many changes were queued.
 */
public final class InMemorySyncOutbox implements SyncOutbox {
  private final LinkedHashMap<String, LinkedHashMap<String, Object>> pending =
      new LinkedHashMap<>();

  /** An empty outbox. */
  public InMemorySyncOutbox() {}

  @Override
  public synchronized void put(String recordKey, Map<String, Object> fields) {
    Objects.requireNonNull(recordKey, "recordKey");
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      Object v = f.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw new IllegalArgumentException(
            "field " + f.getKey() + ": value must be a String, Number or Boolean, not " + v);
      }
    }
    if (!fields.isEmpty()) {
      pending.computeIfAbsent(recordKey, k -> new LinkedHashMap<>()).putAll(fields);
    }
  }

  @Override
  public synchronized List<PendingUpdate> peek(int max) {
    List<PendingUpdate> out = new ArrayList<>(Math.min(max, pending.size()));
    for (Map.Entry<String, LinkedHashMap<String, Object>> e : pending.entrySet()) {
      if (out.size() >= max) {
        break;
      }
      out.add(new PendingUpdate(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized void acknowledge(PendingUpdate written) {
    LinkedHashMap<String, Object> fields = pending.get(written.recordKey());
    if (fields == null) {
      return;
    }
    written.fields().forEach((name, value) -> fields.remove(name, value));
    if (fields.isEmpty()) {
      pending.remove(written.recordKey());
    }
  }

  @Override
  public synchronized Optional<PendingUpdate> pending(String recordKey) {
    LinkedHashMap<String, Object> fields = pending.get(recordKey);
    return fields == null ? Optional.empty() : Optional.of(new PendingUpdate(recordKey, fields));
  }

  @Override
  public synchronized int size() {
    return pending.size();
  }
}
