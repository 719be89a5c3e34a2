package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  private static void assertSameAsFormat(double x, int places) {
    assertThat(Decimals.fixed(x, places))
        .as("%s to %d places", x, places)
        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", x));
  }

  @Property(tries = 3000)
  void writesScoresAsStringFormatDoes(
      @ForAll @DoubleRange(min = 0, max = 1) double x, @ForAll @IntRange(min = 1, max = 6) int p) {
    assertSameAsFormat(x, p);
  }

  @Property(tries = 2000)
  void writesAnyDoubleAsStringFormatDoes(
      @ForAll double x, @ForAll @IntRange(min = 1, max = 6) int p) {
    assertSameAsFormat(x, p);
  }

  @Property(tries = 3000)
  void writesRatiosAsStringFormatDoes(
      @ForAll @IntRange(min = 0, max = 2000) int a,
      @ForAll @IntRange(min = 1, max = 2000) int b,
      @ForAll @IntRange(min = 2, max = 3) int p) {
    // similarities and scores are ratios of small counts: ties (0.125, 0.005) come up
    assertSameAsFormat((double) Math.min(a, b) / b, p);
    assertSameAsFormat(1.0 / (1 + a), p);
  }

  @Test
  void everyRatioOfSmallCountsAndTheEdgesMatch() {
    for (int b = 1; b <= 400; b++) {
      for (int a = 0; a <= b; a++) {
        assertSameAsFormat((double) a / b, 2);
        assertSameAsFormat((double) a / b, 3);
        assertSameAsFormat(1 - (double) a / b, 2);
        assertSameAsFormat(1 - (double) a / b, 3);
      }
    }
    for (double x :
        new double[] {
          0,
          -0.0,
          1,
          0.005,
          0.0005,
          0.125,
          0.995,
          0.9995,
          1.005,
          9999.9995,
          10_000,
          1e300,
          -0.5,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.MIN_VALUE
        }) {
      for (int p = 1; p <= 6; p++) {
        assertSameAsFormat(x, p);
      }
    }
  }
}
