package com.fourrunr.campaign.quality;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The most recent messages, as MinHash signatures of their 3-word shingles, to find a new message
 * that repeats one of them. Memory is bounded: a window of at most {@code capacity} signatures (64
 * longs each), the oldest dropped first. Look-ups use locality-sensitive hashing (16 bands of 4
 * rows), so a check costs about the same whatever the window's size; candidates (at most {@link
 * #MAX_CANDIDATES_PER_BAND} per band, newest first) are then compared on their whole signature.
 * Deterministic (fixed hash seeds) and thread-safe: many checks run at once, an {@link #add} waits
 * for them. Held in primitive arrays (no boxed keys or slots): each message is numbered as it is
 * added, each band bucket is a chain from its newest message to older ones, and a chain ends at the
 * first message that has left the window (they leave oldest first).
 *
 * <pre>{@code
 * UniquenessIndex recent = new UniquenessIndex(20_000);
 * UniquenessIndex.Match m = recent.closest(body);
 * if (m == null || m.similarity() < 0.6) recent.add(body, "lead L-7 Hook");
 * }</pre>
 */
public final class UniquenessIndex {
  private static final int BANDS = 16;
  private static final int ROWS = Shingles.SIGNATURE_SIZE / BANDS;
  private static final int SIZE = Shingles.SIGNATURE_SIZE;

  /** How many slots the arrays hold at first; they grow (doubling) up to the capacity. */
  private static final int FIRST_SLOTS = 1_024;

  /**
   * At most this many of a band's most recent messages are compared per check, so a flood of
   * near-copies (one huge bucket) cannot make a check slow; the newest copies are the ones
   * compared.
   */
  public static final int MAX_CANDIDATES_PER_BAND = 64;

  private final int capacity;

  /** The signature of the message in slot {@code s} at {@code [s * SIZE, (s + 1) * SIZE)}. */
  private long[] signatures;

  private String[] labels;

  /**
   * Per entry (message number {@code n}, band {@code b}, entry {@code n * BANDS + b}, stored at
   * {@code slot(n) * BANDS + b}): the entry of the next older message in the same bucket, or -1.
   */
  private long[] older;

  /** Band key to the entry of the newest message in that bucket. */
  private final LongLongMap newest = new LongLongMap();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** How many messages were ever added: the number the next one gets. */
  private long added;

  /**
   * A closest earlier message and how similar it is.
   *
   * @param label what the earlier message was added as
   * @param similarity estimated Jaccard similarity of the two texts' shingles, 0 to 1
   */
  public record Match(String label, double similarity) {}

  /**
   * @param capacity how many recent messages are kept (1 to 10,000,000)
   * @throws IllegalArgumentException when the capacity is out of range
   */
  public UniquenessIndex(int capacity) {
    if (capacity < 1 || capacity > 10_000_000) {
      throw new IllegalArgumentException(
          "capacity: " + capacity + " is not between 1 and 10000000");
    }
    this.capacity = capacity;
    int slots = Math.min(capacity, FIRST_SLOTS);
    this.signatures = new long[slots * SIZE];
    this.labels = new String[slots];
    this.older = new long[slots * BANDS];
  }

  /** The signature of a text, to check and add it without hashing it twice. */
  public static long[] signatureOf(String text) {
    return Shingles.signature(text);
  }

  /** The most similar kept message that shares at least one LSH band with {@code text}, or null. */
  public @Nullable Match closest(String text) {
    return closest(Shingles.signature(text));
  }

  /** As {@link #closest(String)}, for a signature from {@link #signatureOf}. */
  public @Nullable Match closest(long[] signature) {
    return closest(signature, 2);
  }

  /**
   * As {@link #closest(long[])}, but stops at the first message at least {@code enough} similar:
   * enough to know a text repeats a recent one, and much faster when near-copies abound.
   */
  public @Nullable Match closest(long[] signature, double enough) {
    lock.readLock().lock();
    try {
      int best = -1;
      double bestSimilarity = -1;
      long oldestKept = added - capacity;
      for (int band = 0; band < BANDS; band++) {
        long entry = newest.get(bandKey(signature, 0, band));
        for (int n = 0; n < MAX_CANDIDATES_PER_BAND && entry >= 0; n++) {
          long number = entry / BANDS;
          if (number < oldestKept) {
            break;
          }
          int slot = slot(number);
          double s = estimate(signature, slot);
          if (s > bestSimilarity) {
            bestSimilarity = s;
            best = slot;
            if (s >= enough) {
              return new Match(labels[best], bestSimilarity);
            }
          }
          entry = older[slot * BANDS + (int) (entry % BANDS)];
        }
      }
      return best < 0 ? null : new Match(labels[best], bestSimilarity);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Keeps a message's text, dropping the oldest one when the window is full. */
  public void add(String text, String label) {
    add(Shingles.signature(text), label);
  }

  /** As {@link #add(String, String)}, for a signature from {@link #signatureOf}. */
  public void add(long[] signature, String label) {
    if (signature.length != SIZE) {
      throw new IllegalArgumentException("signature: not made by signatureOf");
    }
    lock.writeLock().lock();
    try {
      long number = added;
      int slot = slot(number);
      if (number >= capacity) {
        // The oldest message leaves: a bucket whose newest entry it was has no message left.
        long leaving = number - capacity;
        for (int band = 0; band < BANDS; band++) {
          long key = bandKey(signatures, slot * SIZE, band);
          newest.removeIfValue(key, leaving * BANDS + band);
        }
      } else {
        ensureSlots(slot + 1);
      }
      System.arraycopy(signature, 0, signatures, slot * SIZE, SIZE);
      labels[slot] = label;
      for (int band = 0; band < BANDS; band++) {
        long entry = number * BANDS + band;
        older[slot * BANDS + band] = newest.put(bandKey(signature, 0, band), entry);
      }
      added++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** How many messages are kept now. */
  public int size() {
    lock.readLock().lock();
    try {
      return (int) Math.min(added, capacity);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The most messages kept. */
  public int capacity() {
    return capacity;
  }

  private int slot(long number) {
    return (int) (number % capacity);
  }

  private void ensureSlots(int slots) {
    int have = labels.length;
    if (slots <= have) {
      return;
    }
    int grown = (int) Math.min(capacity, Math.max(slots, 2L * have));
    signatures = Arrays.copyOf(signatures, grown * SIZE);
    labels = Arrays.copyOf(labels, grown);
    older = Arrays.copyOf(older, grown * BANDS);
  }

  /** {@link Shingles#estimate} of {@code signature} and the kept signature in {@code slot}. */
  private double estimate(long[] signature, int slot) {
    int same = 0;
    int base = slot * SIZE;
    for (int i = 0; i < SIZE; i++) {
      if (signature[i] == signatures[base + i]) {
        same++;
      }
    }
    return (double) same / SIZE;
  }

  private static long bandKey(long[] signatures, int offset, int band) {
    long h = band + 1L;
    for (int r = 0; r < ROWS; r++) {
      h = Shingles.mix(h * 0x9E3779B97F4A7C15L + signatures[offset + band * ROWS + r]);
    }
    return h;
  }
}
