package com.fourrunr.campaign.quality;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The most recent messages, as MinHash signatures of their 3-word shingles, to find a new message
 * that repeats one of them. Memory is bounded: a window of at most {@code capacity} signatures (64
 * longs each), the oldest dropped first. Look-ups use locality-sensitive hashing (16 bands of 4
 * rows), so a check costs about the same whatever the window's size; candidates (at most {@link
 * #MAX_CANDIDATES_PER_BAND} per band, newest first) are then compared on their whole signature.
 * Deterministic (fixed hash seeds) and thread-safe: many checks run at once, an {@link #add} waits
 * for them.
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

  /**
   * At most this many of a band's most recent messages are compared per check, so a flood of
   * near-copies (one huge bucket) cannot make a check slow; the newest copies are the ones
   * compared.
   */
  public static final int MAX_CANDIDATES_PER_BAND = 64;

  private final int capacity;
  private final long[][] signatures;
  private final String[] labels;
  private final Map<Long, ArrayDeque<Integer>> buckets = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
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
    this.signatures = new long[capacity][];
    this.labels = new String[capacity];
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
      for (int band = 0; band < BANDS; band++) {
        ArrayDeque<Integer> slots = buckets.get(bandKey(signature, band));
        if (slots == null) {
          continue;
        }
        java.util.Iterator<Integer> newestFirst = slots.descendingIterator();
        for (int n = 0; n < MAX_CANDIDATES_PER_BAND && newestFirst.hasNext(); n++) {
          int slot = newestFirst.next();
          double s = Shingles.estimate(signature, signatures[slot]);
          if (s > bestSimilarity) {
            bestSimilarity = s;
            best = slot;
            if (s >= enough) {
              return new Match(labels[best], bestSimilarity);
            }
          }
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
    if (signature.length != Shingles.SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature: not made by signatureOf");
    }
    lock.writeLock().lock();
    try {
      int slot = (int) (added % capacity);
      if (signatures[slot] != null) {
        // Slots are filled and dropped in the same order, so the oldest is first in each of its
        // buckets.
        for (int band = 0; band < BANDS; band++) {
          long key = bandKey(signatures[slot], band);
          ArrayDeque<Integer> slots = buckets.get(key);
          if (slots != null) {
            slots.remove(slot);
            if (slots.isEmpty()) {
              buckets.remove(key);
            }
          }
        }
      }
      signatures[slot] = signature.clone();
      labels[slot] = label;
      for (int band = 0; band < BANDS; band++) {
        buckets.computeIfAbsent(bandKey(signature, band), k -> new ArrayDeque<>(2)).addLast(slot);
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

  private static long bandKey(long[] signature, int band) {
    long h = band + 1L;
    for (int r = 0; r < ROWS; r++) {
      h = Shingles.mix(h * 0x9E3779B97F4A7C15L + signature[band * ROWS + r]);
    }
    return h;
  }
}
