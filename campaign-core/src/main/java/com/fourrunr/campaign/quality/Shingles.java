package com.fourrunr.campaign.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word shingles and MinHash signatures; deterministic (fixed seeds), stateless, thread-safe. */
final class Shingles {
  static final int WORDS_PER_SHINGLE = 3;
  static final int SIGNATURE_SIZE = 64;
  private static final long[] SEEDS = new long[SIGNATURE_SIZE];

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

  /** Hashes of the text's 3-word shingles (of its words, when it has fewer than three). */
  static long[] shingleHashes(String text) {
    List<String> words = words(text);
    if (words.isEmpty()) {
      return new long[0];
    }
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < wordHashes.length; i++) {
      wordHashes[i] = fnv(words.get(i));
    }
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

  static Set<Long> shingleSet(String text) {
    Set<Long> set = new HashSet<>();
    for (long h : shingleHashes(text)) {
      set.add(h);
    }
    return set;
  }

  /** Exact Jaccard similarity of two shingle sets (0 when both are empty). */
  static double jaccard(Set<Long> a, Set<Long> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (Long x : a.size() <= b.size() ? a : b) {
      if ((a.size() <= b.size() ? b : a).contains(x)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  /** The MinHash signature of the text: per seed, the least mixed shingle hash. */
  static long[] signature(String text) {
    long[] sig = new long[SIGNATURE_SIZE];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (long h : shingleHashes(text)) {
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
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
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
