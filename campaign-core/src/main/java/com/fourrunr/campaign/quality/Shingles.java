package com.fourrunr.campaign.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Word shingles and MinHash signatures; deterministic (fixed seeds), stateless, thread-safe. */
final class Shingles {
  static final int WORDS_PER_SHINGLE = 3;
  static final int SIGNATURE_SIZE = 64;
  private static final long[] SEEDS = new long[SIGNATURE_SIZE];
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  static {
    long s = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < SIGNATURE_SIZE; i++) {
      s = mix(s + 0x632BE59BD9B4E019L * (i + 1));
      SEEDS[i] = s;
    }
  }

  private Shingles() {}

  /** Lower-cased words of letters and digits. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    String t = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        w.append(c);
      } else if (c != '\'' && c != '\u2019' && w.length() > 0) {
        words.add(w.toString());
        w.setLength(0);
      }
    }
    if (w.length() > 0) {
      words.add(w.toString());
    }
    return words;
  }

  /** How many words {@link #words} finds, without building them. */
  static int wordCount(String text) {
    return wordHashes(text).length;
  }

  /**
   * The FNV hashes of the text's {@link #words}, computed on the fly (the same values as {@link
   * #fnv} of each word).
   */
  static long[] wordHashesOf(String text) {
    return wordHashes(text);
  }

  private static long[] wordHashes(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    long[] out = new long[Math.max(4, t.length() / 4)];
    int n = 0;
    long h = FNV_OFFSET;
    boolean inWord = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        h ^= c;
        h *= FNV_PRIME;
        inWord = true;
      } else if (c != '\'' && c != '\u2019' && inWord) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, n * 2);
        }
        out[n++] = h;
        h = FNV_OFFSET;
        inWord = false;
      }
    }
    if (inWord) {
      if (n == out.length) {
        out = java.util.Arrays.copyOf(out, n + 1);
      }
      out[n++] = h;
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** Hashes of the text's 3-word shingles (of its words, when it has fewer than three). */
  static long[] shingleHashes(String text) {
    return shingleHashes(wordHashes(text));
  }

  /** {@link #shingleHashes(String)} from the text's word hashes. */
  static long[] shingleHashes(long[] wordHashes) {
    if (wordHashes.length < WORDS_PER_SHINGLE) {
      return wordHashes;
    }
    long[] out = new long[wordHashes.length - WORDS_PER_SHINGLE + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          mix(
              wordHashes[i] * 0x9E3779B97F4A7C15L
                  + mix(wordHashes[i + 1]) * 31
                  + wordHashes[i + 2]);
    }
    return out;
  }

  /** The distinct shingle hashes of the text, sorted: a set without boxing. */
  static long[] shingleSet(String text) {
    return distinctSorted(shingleHashes(text));
  }

  /** {@code h} sorted without repeats (sorted in place; the result may be {@code h} itself). */
  static long[] distinctSorted(long[] h) {
    java.util.Arrays.sort(h);
    int n = 0;
    for (int i = 0; i < h.length; i++) {
      if (n == 0 || h[i] != h[n - 1]) {
        h[n++] = h[i];
      }
    }
    return n == h.length ? h : java.util.Arrays.copyOf(h, n);
  }

  /** Whether the set of {@link #shingleSet} holds {@code hash}. */
  static boolean contains(long[] set, long hash) {
    return java.util.Arrays.binarySearch(set, hash) >= 0;
  }

  /**
   * Exact Jaccard similarity of two shingle sets of {@link #shingleSet} (0 when both are empty).
   */
  static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) {
      return 0;
    }
    int common = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int c = Long.compare(a[i], b[j]);
      if (c == 0) {
        common++;
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }

  /** The MinHash signature of the text: per seed, the least mixed shingle hash. */
  static long[] signature(String text) {
    return signature(shingleHashes(text));
  }

  /** {@link #signature(String)} from the text's shingle hashes. */
  static long[] signature(long[] shingleHashes) {
    long[] sig = new long[SIGNATURE_SIZE];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (long h : shingleHashes) {
      for (int i = 0; i < SIGNATURE_SIZE; i++) {
        long v = mix(h ^ SEEDS[i]);
        if (v < sig[i]) {
          sig[i] = v;
        }
      }
    }
    return sig;
  }

  /** The share of equal positions: an estimate of the Jaccard similarity. */
  static double estimate(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < SIGNATURE_SIZE; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / SIGNATURE_SIZE;
  }

  static long fnv(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** SplitMix64's finaliser: a fast, well-spread 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
