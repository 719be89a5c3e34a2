package com.fourrunr.campaign.airtable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue of campaign field changes waiting to be written to Airtable, coalesced per record: ten
 * changes to one record become one pending update holding each field's latest value, so a long
 * Airtable outage queues at most one update per record and the catch-up after it is one request per
 * ten records.
 *
 * <p>{@link InMemorySyncOutbox} keeps the queue in memory (lost on restart). A durable
 * implementation (for example a table keyed by record, holding the fields as JSON, in the campaign
 * store's database) implements the same four operations: {@link #put} merges into the pending row
 * in one transaction, {@link #peek} reads the oldest rows, {@link #acknowledge} deletes each sent
 * field whose value is still the one sent (a field changed meanwhile stays queued). Implementations
 * must be thread-safe: the engine puts from its thread while the host flushes from another.
 */
public interface SyncOutbox {
  /**
   * Queues changed fields for a record, merged into what is already pending for it (the latest
   * value of each field wins). A record keeps its place in the queue while it has anything pending.
   *
   * @param fields values are {@link String}, {@link Number} or {@link Boolean}
   */
  void put(String recordKey, Map<String, Object> fields);

  /** Up to {@code max} pending updates, the longest waiting first, without removing them. */
  List<PendingUpdate> peek(int max);

  /**
   * Marks an update as written: removes each of its fields whose pending value is still the one
   * written, and the record once nothing is left pending for it.
   */
  void acknowledge(PendingUpdate written);

  /** What is pending for one record, if anything. */
  Optional<PendingUpdate> pending(String recordKey);

  /** How many records have something pending. */
  int size();
}
