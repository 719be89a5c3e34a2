package com.fourrunr.campaign.quality;

/**
 * A message body read once for every rule that counts or hashes its words: the number of words, the
 * hashes of its shingles, their sorted set and their MinHash signature (each derived as {@link
 * Shingles} derives it from the text, so the verdicts are the same), instead of each rule reading
 * the body again. Not thread-safe; one per check.
 */
final class BodyShingles {
  private final int words;
  private final long[] hashes;
  private long @org.jspecify.annotations.Nullable [] set;

  private BodyShingles(int words, long[] hashes) {
    this.words = words;
    this.hashes = hashes;
  }

  static BodyShingles of(String body) {
    long[] wordHashes = Shingles.wordHashesOf(body);
    return new BodyShingles(wordHashes.length, Shingles.shingleHashes(wordHashes));
  }

  /** {@link Shingles#wordCount} of the body. */
  int words() {
    return words;
  }

  /** {@link Shingles#shingleHashes} of the body (not to be changed). */
  long[] hashes() {
    return hashes;
  }

  /** {@link Shingles#shingleSet} of the body (not to be changed). */
  long[] set() {
    long[] s = set;
    if (s == null) {
      s = Shingles.distinctSorted(hashes.clone());
      set = s;
    }
    return s;
  }

  /** {@link Shingles#signature} of the body. */
  long[] signature() {
    return Shingles.signature(hashes);
  }
}
