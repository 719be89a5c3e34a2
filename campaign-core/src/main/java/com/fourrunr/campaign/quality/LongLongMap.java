package com.fourrunr.campaign.quality;

import java.util.Arrays;

/**
 * A map from {@code long} keys (well-mixed hashes) to non-negative {@code long} values in two
 * primitive arrays: open addressing with linear probing, grown at half full, deletion by shifting
 * back. No boxing. Not thread-safe ({@link UniquenessIndex} guards it).
 */
final class LongLongMap {
  private static final long ABSENT = -1;

  private long[] keys;
  private long[] values;
  private int size;
  private int mask;

  LongLongMap() {
    keys = new long[1 << 10];
    values = new long[keys.length];
    Arrays.fill(values, ABSENT);
    mask = keys.length - 1;
  }

  /** The value of {@code key}, or -1. */
  long get(long key) {
    for (int i = index(key); ; i = (i + 1) & mask) {
      long v = values[i];
      if (v == ABSENT) {
        return ABSENT;
      }
      if (keys[i] == key) {
        return v;
      }
    }
  }

  /** Maps {@code key} to {@code value} (at least 0); returns the value it replaced, or -1. */
  long put(long key, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("value: " + value + " is negative");
    }
    for (int i = index(key); ; i = (i + 1) & mask) {
      long v = values[i];
      if (v == ABSENT) {
        keys[i] = key;
        values[i] = value;
        if (++size > keys.length / 2) {
          grow();
        }
        return ABSENT;
      }
      if (keys[i] == key) {
        values[i] = value;
        return v;
      }
    }
  }

  /** Removes {@code key} if it maps to {@code value}. */
  void removeIfValue(long key, long value) {
    for (int i = index(key); ; i = (i + 1) & mask) {
      long v = values[i];
      if (v == ABSENT) {
        return;
      }
      if (keys[i] == key) {
        if (v == value) {
          delete(i);
        }
        return;
      }
    }
  }

  int size() {
    return size;
  }

  private void delete(int hole) {
    size--;
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      if (values[i] == ABSENT) {
        break;
      }
      int home = index(keys[i]);
      // moves back an entry whose home is not between the hole and its place (cyclically)
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        keys[hole] = keys[i];
        values[hole] = values[i];
        hole = i;
      }
    }
    values[hole] = ABSENT;
  }

  private int index(long key) {
    return (int) (key ^ (key >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[keys.length];
    Arrays.fill(values, ABSENT);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != ABSENT) {
        for (int j = index(oldKeys[i]); ; j = (j + 1) & mask) {
          if (values[j] == ABSENT) {
            keys[j] = oldKeys[i];
            values[j] = oldValues[i];
            break;
          }
        }
      }
    }
  }
}
