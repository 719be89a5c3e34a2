package com.fourrunr.campaign.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The decision every report makes ({@link SequentialTest#decide(long, long, long, long,
 * SequentialTest.Design)}, the function {@link AbTest} applies to two variants), simulated on
 * counts with a seeded generator: read after every 50 delivered messages per variant, its
 * false-winner rate stays within alpha, and the planned sample finds a true lift of the planned
 * size with at least 80% power.
 */
class SequentialSimulationTest {
  private static final int RUNS = 1000;
  private static final int EVERY = 50;

  /**
   * Planned for a 5% baseline and a 40% lift (5% -> 7%): 4,288 per variant (ab_reference.py:
   * seq_n).
   */
  private static final SequentialTest.Design DESIGN =
      SequentialTest.Design.of(AnalyticsOptions.defaults().withPlan(0.05, 0.4));

  /**
   * Runs one experiment, reading after every {@link #EVERY} per variant up to {@code max}: 1 A
   * wins, 2 B.
   */
  private static int run(SplittableRandom random, double pA, double pB, long max) {
    long xA = 0;
    long xB = 0;
    for (long n = 1; n <= max; n++) {
      xA += random.nextDouble() < pA ? 1 : 0;
      xB += random.nextDouble() < pB ? 1 : 0;
      if (n % EVERY == 0 || n == max) {
        if (SequentialTest.decide(xA, n, xB, n, DESIGN) == Decision.WINNER) {
          return xB > xA ? 2 : 1;
        }
      }
    }
    return 0;
  }

  @Test
  void readingTheReportEvery50MessagesUpTo5000DeclaresAFalseWinnerInAtMost5PercentOfRuns() {
    SplittableRandom random = new SplittableRandom(20_260_301L);
    int falseWinners = 0;
    for (int i = 0; i < RUNS; i++) {
      if (run(random, 0.05, 0.05, 5000) != 0) {
        falseWinners++;
      }
    }
    double rate = (double) falseWinners / RUNS;
    System.out.printf(
        Locale.ROOT,
        "no true difference (5%% vs 5%%), 100 looks up to 5,000 per variant: %d of %d"
            + " runs declared a winner (%.1f%%)%n",
        falseWinners,
        RUNS,
        rate * 100);
    assertThat(rate).isLessThanOrEqualTo(0.05);
  }

  @Test
  void thePlannedSampleFindsATrueLiftOfThePlannedSizeInAtLeast80PercentOfRuns() {
    long planned = DESIGN.plan().perArm();
    assertThat(planned).isEqualTo(4288); // ab_reference.py: seq_n(0.05, 0.4)
    SplittableRandom random = new SplittableRandom(20_260_302L);
    int found = 0;
    int wrong = 0;
    for (int i = 0; i < RUNS; i++) {
      int r = run(random, 0.05, 0.07, planned);
      found += r == 2 ? 1 : 0;
      wrong += r == 1 ? 1 : 0;
    }
    double power = (double) found / RUNS;
    System.out.printf(
        Locale.ROOT,
        "true lift 5%% -> 7%%, read every 50 up to the planned %d per variant: B found"
            + " in %d of %d runs (%.1f%%), A declared in %d%n",
        planned,
        found,
        RUNS,
        power * 100,
        wrong);
    assertThat(power).isGreaterThanOrEqualTo(0.80);
    assertThat(wrong).isZero();
  }

  @Test
  void theOldFixedSampleTestReadTheSameWayFailsWhereTheSequentialOneHolds() {
    // The demonstration, for contrast: the z-test at full alpha read every 50 up to 5,000
    // per variant.
    SplittableRandom random = new SplittableRandom(20_260_303L);
    int falseWinners = 0;
    for (int i = 0; i < 300; i++) {
      long xA = 0;
      long xB = 0;
      for (long n = 1; n <= 5000; n++) {
        xA += random.nextDouble() < 0.05 ? 1 : 0;
        xB += random.nextDouble() < 0.05 ? 1 : 0;
        if (n % EVERY == 0 && n >= 100 && Proportions.pValue(xA, n, xB, n) < 0.05) {
          falseWinners++;
          break;
        }
      }
    }
    assertThat(falseWinners / 300.0).isGreaterThan(0.15);
  }
}
