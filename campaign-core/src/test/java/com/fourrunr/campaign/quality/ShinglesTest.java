package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Words, shingles, Jaccard similarity and MinHash: the arithmetic the uniqueness and distinctness
 * rules stand on.
 */
class ShinglesTest {

  @Test
  void wordsAreLowerCasedLetterAndDigitRunsWithApostrophesDropped() {
    assertThat(Shingles.words("Don't stop\u2014it's Ada\u2019s 2nd try!"))
        .containsExactly("dont", "stop", "its", "adas", "2nd", "try");
    assertThat(Shingles.words("  ")).isEmpty();
  }

  @Test
  void aTextHasOneShinglePerRunOfThreeWordsOrItsWordsWhenShorter() {
    assertThat(Shingles.shingleHashes("one two three four five")).hasSize(3);
    assertThat(Shingles.shingleHashes("one two three")).hasSize(1);
    assertThat(Shingles.shingleHashes("one two"))
        .containsExactly(Shingles.fnv("one"), Shingles.fnv("two"));
    assertThat(Shingles.shingleHashes("...")).isEmpty();
    // Order matters within a shingle.
    assertThat(Shingles.shingleHashes("one two three"))
        .doesNotContain(Shingles.shingleHashes("three two one")[0]);
  }

  @Test
  void everyWordOfAShingleCounts() {
    long base = Shingles.shingleHashes("alpha beta gamma")[0];

    assertThat(
            java.util.stream.Stream.of("alpha", "delta", "omega", "sigma")
                .map(first -> Shingles.shingleHashes(first + " beta gamma")[0])
                .distinct()
                .count())
        .isEqualTo(4);
    assertThat(Shingles.shingleHashes("alpha delta gamma")[0]).isNotEqualTo(base);
    assertThat(Shingles.shingleHashes("alpha beta delta")[0]).isNotEqualTo(base);
    assertThat(Shingles.shingleHashes("Alpha, BETA gamma!")[0]).isEqualTo(base);
  }

  @Test
  void jaccardIsTheSharedShareOfTheUnion() {
    assertThat(Shingles.jaccard(new long[0], new long[0])).isEqualTo(0.0);
    assertThat(Shingles.jaccard(new long[] {1L, 2L, 3L}, new long[] {2L, 3L, 4L})).isEqualTo(0.5);
    assertThat(Shingles.jaccard(new long[] {1L, 2L, 3L, 4L}, new long[] {4L})).isEqualTo(0.25);
    assertThat(Shingles.jaccard(new long[] {4L}, new long[] {1L, 2L, 3L, 4L})).isEqualTo(0.25);
    assertThat(Shingles.jaccard(new long[] {1L}, new long[] {2L})).isEqualTo(0.0);
  }

  @Test
  void theEstimateIsTheShareOfEqualSignaturePositions() {
    long[] a = new long[Shingles.SIGNATURE_SIZE];
    long[] b = new long[Shingles.SIGNATURE_SIZE];
    for (int i = 0; i < b.length / 2; i++) {
      b[i] = 1;
    }

    assertThat(Shingles.estimate(a, a.clone())).isEqualTo(1.0);
    assertThat(Shingles.estimate(a, b)).isEqualTo(0.5);
  }

  @Test
  void aSignatureHoldsPerSeedTheLeastHashAndIsEmptyForNoWords() {
    long[] empty = Shingles.signature("...");
    long[] one = Shingles.signature("one two three");
    long[] more = Shingles.signature("one two three four");

    assertThat(empty).hasSize(Shingles.SIGNATURE_SIZE).containsOnly(Long.MAX_VALUE);
    assertThat(one).hasSize(Shingles.SIGNATURE_SIZE).doesNotContain(Long.MAX_VALUE);
    // A superset of shingles can only lower each position's minimum.
    for (int i = 0; i < Shingles.SIGNATURE_SIZE; i++) {
      assertThat(more[i]).isLessThanOrEqualTo(one[i]);
    }
    assertThat(Arrays.stream(one).distinct().count()).isGreaterThan(1);
  }

  @Test
  void fnvAndMixAreTheirPublishedFunctions() {
    // FNV-1a 64: the offset basis for "", and the published test vector for "a".
    assertThat(Shingles.fnv("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(Shingles.fnv("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    // SplitMix64: the first output from seed 0 is mix(golden gamma).
    assertThat(Shingles.mix(0x9E3779B97F4A7C15L)).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(Shingles.mix(0)).isZero();
  }

  @Test
  void anIndexRejectsASignatureNotMadeBySignatureOf() {
    UniquenessIndex index = new UniquenessIndex(1);

    assertThatThrownBy(() -> index.add(new long[3], "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signatureOf");
    assertThatThrownBy(() -> new UniquenessIndex(10_000_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.capacity()).isEqualTo(1);
    assertThat(index.closest("one two three")).isNull();
  }

  @Test
  void aFullWindowOfOneForgetsTheOlderMessageEntirely() {
    UniquenessIndex index = new UniquenessIndex(1);
    String first = "the first message talks about engines and cards";
    String second = "a wholly different note on gardens and the weather";

    index.add(first, "first");
    index.add(second, "second");

    assertThat(index.size()).isEqualTo(1);
    // Nothing of the first is left: not even a bucket pointing at its slot, now the second's.
    assertThat(index.closest(first)).isNull();
    assertThat(index.closest(second)).isEqualTo(new UniquenessIndex.Match("second", 1.0));
  }

  @Test
  void droppingTheOldestKeepsTheNewerCopiesOfTheSameText() {
    UniquenessIndex index = new UniquenessIndex(2);
    String text = "the same message sent twice to two leads";
    index.add(text, "one");
    index.add(text, "two");

    index.add("a wholly different note on gardens and the weather", "three");

    assertThat(index.closest(text)).isEqualTo(new UniquenessIndex.Match("two", 1.0));
  }

  @Test
  void amongEqualMatchesTheNewestIsNamedAndEnoughStopsTheSearch() {
    UniquenessIndex index = new UniquenessIndex(10);
    String text = "the same message sent twice to two leads";
    index.add(text, "older");
    index.add(text, "newer");

    assertThat(index.closest(text)).isEqualTo(new UniquenessIndex.Match("newer", 1.0));
    assertThat(index.closest(UniquenessIndex.signatureOf(text), 0.5))
        .isEqualTo(new UniquenessIndex.Match("newer", 1.0));
  }
}
