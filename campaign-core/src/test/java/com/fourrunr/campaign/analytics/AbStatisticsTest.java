package com.fourrunr.campaign.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases of issue 24 against reference values computed by an independent method: {@code
 * campaign-core/src/test/python/ab_reference.py}, plain Python 3 (scipy is not installed here):
 * Fisher's exact test from exact hypergeometric probabilities as fractions ({@code math.comb}),
 * z-test and Wilson from {@code math.erfc} and {@code statistics.NormalDist}, the mixture SPRT from
 * its closed form, Holm by its definition, sample sizes from the classic formula and by a linear
 * search for the sequential plan. Peeking is covered by {@link SequentialSimulationTest}.
 */
class AbStatisticsTest {
  private static final AnalyticsOptions OPTIONS = AnalyticsOptions.defaults();
  private static final AnalyticsOptions REPLIES = OPTIONS.withOutcome(Outcome.REPLY);

  /** The mixing variance of the default plan: (3% - 2%)^2. */
  private static final double TAU2 = 1e-4;

  private static Metrics replies(long delivered, long replied) {
    return new Metrics(delivered, 0, 0, 0, 0, 0, replied, 0, 0, 0);
  }

  private static Map<String, Metrics> arms(Metrics... m) {
    Map<String, Metrics> out = new LinkedHashMap<>();
    for (int i = 0; i < m.length; i++) {
      out.put(String.valueOf((char) ('A' + i)), m[i]);
    }
    return out;
  }

  // ---- The numbers the issue found right stay right (Wilson, z-test)
  // ---------------------------------

  @Test
  void wilsonIntervalsAndZTestsMatchTheReference() {
    // wilson(): 1/11 (0.016232172885884827, 0.3773584364515956); 0/5 (0, 0.43448246478317465);
    // 500/10000 (0.045898482690584774, 0.054447115843024155); 2/3 (0.20765960080204782,
    // 0.9385080552796038);
    // 1/2 (0.09453120573423074, 0.9054687942657693)
    double[][] cases = {
      {1, 11, 0.016232172885884827, 0.3773584364515956},
      {0, 5, 0, 0.43448246478317465},
      {500, 10000, 0.045898482690584774, 0.054447115843024155},
      {2, 3, 0.20765960080204782, 0.9385080552796038},
      {1, 2, 0.09453120573423074, 0.9054687942657693},
      {40, 400, 0.07429925914003438, 0.1333105763274028},
      {25, 410, 0.041639344589746906, 0.08846231070144545},
      {30, 390, 0.05441122630431439, 0.10768816011340529}
    };
    for (double[] c : cases) {
      double[] ci = Proportions.wilson((long) c[0], (long) c[1], 0.05);
      assertThat(ci[0]).as("low %s/%s", c[0], c[1]).isCloseTo(c[2], within(1e-7));
      assertThat(ci[1]).as("high %s/%s", c[0], c[1]).isCloseTo(c[3], within(1e-7));
    }
    // z_pvalue(): 500/10000 vs 560/10000 0.058257806033516255; 60/100 vs 40/100
    // 0.00467773498104728;
    // 2/3 vs 1/2 0.7093881150142264; 1/11 vs 0/5 0.4862343213882973; 40/400 vs 25/410
    // 0.04096059007508639
    assertThat(Proportions.pValue(500, 10000, 560, 10000))
        .isCloseTo(0.058257806033516255, within(1e-7));
    assertThat(Proportions.pValue(60, 100, 40, 100)).isCloseTo(0.00467773498104728, within(1e-7));
    assertThat(Proportions.pValue(2, 3, 1, 2)).isCloseTo(0.7093881150142264, within(1e-7));
    assertThat(Proportions.pValue(1, 11, 0, 5)).isCloseTo(0.4862343213882973, within(1e-7));
    assertThat(Proportions.pValue(40, 400, 25, 410)).isCloseTo(0.04096059007508639, within(1e-7));
  }

  // ---- Small counts: exact
  // ---------------------------------------------------------------------------

  @Test
  void fisherExactMatchesExactHypergeometricSums() {
    // fisher_two_sided(): 100/100 vs 95/100 0.059383210468586585; 7/40 vs 1/38 0.05711095130350388;
    // 3/200 vs 11/210 0.05422732776702544; 1/11 vs 0/5 1.0
    assertThat(FisherExact.pValue(100, 100, 95, 100))
        .isCloseTo(0.059383210468586585, within(1e-10));
    assertThat(FisherExact.pValue(7, 40, 1, 38)).isCloseTo(0.05711095130350388, within(1e-10));
    assertThat(FisherExact.pValue(3, 200, 11, 210)).isCloseTo(0.05422732776702544, within(1e-10));
    assertThat(FisherExact.pValue(1, 11, 0, 5)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void hundredOfHundredAgainstNinetyFiveIsNoWinnerAndIsTestedExactly() {
    // The issue: the z-test gave p 0.0235 (z_pvalue: 0.023540058261177912) and declared A; Fisher
    // gives 0.0594.
    VariantComparison v =
        AbTest.compare("s", "Hook", arms(replies(100, 100), replies(100, 95)), REPLIES);
    assertThat(v.winner()).isNull();
    assertThat(v.decision())
        .isEqualTo(Decision.KEEP_GOING); // 2.5 expected failures per variant: small counts
    assertThat(v.pValueMethod()).isEqualTo("fisher-exact");
    assertThat(v.pValue()).isCloseTo(0.059383210468586585, within(1e-10));
    // msprt_p(100,100,95,100, 1e-4) = 0.7095317654076173, one experiment with two variants: no
    // correction
    assertThat(v.alwaysValidPValue()).isCloseTo(0.7095317654076173, within(1e-9));
    assertThat(v.verdict()).contains("not enough data yet").contains("Fisher's exact p 0.059");
  }

  // ---- Peeking: the always-valid p-value and the plan
  // --------------------------------------------------

  @Test
  void alwaysValidPValuesMatchTheMixtureClosedForm() {
    // msprt_p(.., tau2 = 1e-4): 150/3000 vs 240/3000 0.0006876248906825254; 500/10000 vs 560/10000
    // 0.6489784758094065
    assertThat(MixtureSprt.pValue(150, 3000, 240, 3000, TAU2))
        .isCloseTo(0.0006876248906825254, within(1e-12));
    assertThat(MixtureSprt.pValue(500, 10000, 560, 10000, TAU2))
        .isCloseTo(0.6489784758094065, within(1e-9));
    // 500/10000 vs 560/10000: the fixed z-test's 0.058 read once; the always-valid one says keep
    // going
    VariantComparison v =
        AbTest.compare("s", "Hook", arms(replies(10000, 500), replies(10000, 560)), REPLIES);
    assertThat(v.winner()).isNull();
    assertThat(v.pValueMethod()).isEqualTo("z-test");
    assertThat(v.pValue()).isCloseTo(0.058257806033516255, within(1e-7));
    assertThat(v.decision())
        .isEqualTo(Decision.NO_DIFFERENCE_WORTH_THE_WAIT); // 10,000 > the plan of 7,414
  }

  @Test
  void thePlanMatchesTheClassicFormulaAndTheSequentialSearch() {
    // (baseline, lift) -> fixed_n, seq_n: (0.02, 0.5) 3826, 7414; (0.05, 0.4) 2213, 4288;
    // (0.05, 0.5) 1471, 2851; (0.10, 0.2) 3841, 7444
    double[][] cases = {
      {0.02, 0.5, 3826, 7414},
      {0.05, 0.4, 2213, 4288},
      {0.05, 0.5, 1471, 2851},
      {0.10, 0.2, 3841, 7444}
    };
    for (double[] c : cases) {
      SamplePlan plan = SamplePlan.of(c[0], c[1], 0.05);
      assertThat(plan.fixedHorizonPerArm()).as("fixed %s", c[0]).isEqualTo((long) c[2]);
      assertThat(plan.perArm()).as("sequential %s", c[0]).isEqualTo((long) c[3]);
      assertThat(plan.power()).isEqualTo(0.8);
    }
    SamplePlan plan = OPTIONS.plan();
    assertThat(plan.daysToGo(2, 0, 500)).isCloseTo(2 * 7414 / 500.0, within(1e-9));
    assertThat(AbTest.planText(OPTIONS, 2, 500))
        .contains("7,414 delivered messages per variant")
        .contains("2.0% -> 3.0% positive-reply rate with 80% power")
        .contains("about 30 days at 500.0 delivered a day");
  }

  @Test
  void aComparisonSaysHowMuchMoreItNeedsWhileItKeepsGoing() {
    // 30/1500 vs 38/1500 positive replies: msprt_p well above alpha, interval wider than +-1 point
    Map<String, Metrics> a =
        arms(
            new Metrics(1500, 0, 0, 0, 0, 0, 60, 30, 0, 0),
            new Metrics(1500, 0, 0, 0, 0, 0, 70, 38, 0, 0));
    VariantComparison v = AbTest.compare("s", "Hook", a, OPTIONS.withSendsPerDay(200));
    assertThat(v.decision()).isEqualTo(Decision.KEEP_GOING);
    assertThat(v.remainingPerArm()).isEqualTo(7414 - 1500);
    assertThat(v.daysRemaining()).isCloseTo((7414 - 1500) * 2 / 200.0, within(1e-9));
    assertThat(v.verdict())
        .contains("keep going")
        .contains("5,914 more delivered messages per variant");
  }

  // ---- The default outcome and guardrails
  // ------------------------------------------------------------

  @Test
  void aSubjectThatProvokesRemoveMeDoesNotWinAndTripsItsGuardrail() {
    // A: 40 replies, 30 positive, 2 unsubscribes; B: 120 replies, 28 positive, 90 unsubscribes (of
    // 2000 each).
    Map<String, Metrics> a =
        arms(
            new Metrics(2000, 0, 0, 0, 0, 0, 40, 30, 2, 0),
            new Metrics(2000, 0, 0, 0, 0, 0, 120, 28, 90, 0));
    // The old code judged replies by default and declared B (120 against 40 replies: z-test p far
    // below 0.05).
    assertThat(Proportions.pValue(120, 2000, 40, 2000)).isLessThan(1e-9);
    VariantComparison v = AbTest.compare("s", "Hook", a, OPTIONS);
    assertThat(v.outcome()).isEqualTo(Outcome.POSITIVE_REPLY);
    assertThat(v.winner()).isNull();
    Guardrail g =
        v.guardrails().stream()
            .filter(x -> x.variant().equals("B") && x.metric().equals(Guardrail.NEGATIVE_REPLIES))
            .findFirst()
            .orElseThrow();
    // msprt_p(2, 2000, 90, 2000, 1e-4) = 1.2370976507553994e-15
    assertThat(g.pValue()).isCloseTo(1.2370976507553994e-15, within(1e-18));
    assertThat(g.tripped()).isTrue();
    assertThat(v.verdict()).contains("Stop variant B: its unsubscribe-and-complaint rate 4.5%");
    // and even judged on replies, B leads (its always-valid p is tiny) but cannot win: its
    // guardrail tripped
    VariantComparison byReplies = AbTest.compare("s", "Hook", a, REPLIES);
    assertThat(byReplies.variants().get(0).variant()).isEqualTo("B");
    assertThat(byReplies.adjustedPValue()).isLessThan(0.05);
    assertThat(byReplies.winner()).isNull();
    assertThat(byReplies.guardrails()).anyMatch(x -> x.variant().equals("B") && x.tripped());
  }

  @Test
  void bouncesAreCountedPerVariant() {
    Map<String, Metrics> a =
        arms(
            new Metrics(1000, 10, 0, 0, 0, 0, 0, 20, 0, 0),
            new Metrics(1000, 80, 0, 0, 0, 0, 0, 20, 0, 0));
    VariantComparison v = AbTest.compare("s", "Hook", a, OPTIONS);
    VariantStats b =
        v.variants().stream().filter(s -> s.variant().equals("B")).findFirst().orElseThrow();
    assertThat(b.sent()).isEqualTo(1000);
    assertThat(b.bounced()).isEqualTo(80);
    assertThat(b.bounceRate()).isCloseTo(0.08, within(1e-12));
    assertThat(v.guardrails())
        .anyMatch(
            g -> g.variant().equals("B") && g.metric().equals(Guardrail.BOUNCES) && g.tripped());
    assertThat(JsonExport.toJson(report(List.of(v))))
        .contains("\"bounced\":80")
        .contains("\"tripped\":true");
  }

  // ---- Several tests, one report
  // ---------------------------------------------------------------------

  @Test
  void holmMatchesItsDefinition() {
    // holm([0.01, 0.04, 0.03, 0.2]) = [0.04, 0.09, 0.09, 0.2]; holm([0.004, 0.012, 0.02]) = [0.012,
    // 0.024, 0.024]
    assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.2}))
        .containsExactly(new double[] {0.04, 0.09, 0.09, 0.2}, within(1e-12));
    assertThat(Holm.adjust(new double[] {0.004, 0.012, 0.02}))
        .containsExactly(new double[] {0.012, 0.024, 0.024}, within(1e-12));
  }

  @Test
  void theExperimentsOfOneReportAreCorrectedTogether() {
    // msprt_p: 150/3000 vs 240/3000 0.0006876248906825254, 100/2000 vs 135/2000 0.2817433286189554;
    // holm -> [0.0013752497813650508, 0.2817433286189554]
    List<VariantComparison> both =
        AbTest.compareAll(
            List.of(
                new AbTest.Input(
                    "s",
                    "Hook",
                    VariantComparison.STEP,
                    arms(replies(3000, 150), replies(3000, 240)),
                    Double.NaN),
                new AbTest.Input(
                    "s",
                    "Proof",
                    VariantComparison.STEP,
                    arms(replies(2000, 100), replies(2000, 135)),
                    Double.NaN)),
            REPLIES);
    assertThat(both.get(0).adjustedPValue()).isCloseTo(0.0013752497813650508, within(1e-12));
    assertThat(both.get(1).adjustedPValue()).isCloseTo(0.2817433286189554, within(1e-9));
    assertThat(both.get(0).winner()).isEqualTo("B");
    assertThat(both.get(0).verdict()).contains("after Holm's correction over 2 experiments");
    assertThat(both.get(1).winner()).isNull();
  }

  @Test
  void threeVariantsAreCorrectedForTheirComparisons() {
    // 40/400, 25/410, 30/390: the leader against each; always-valid p times 2 (Bonferroni within)
    VariantComparison v =
        AbTest.compare(
            "s", "Hook", arms(replies(400, 40), replies(410, 25), replies(390, 30)), REPLIES);
    double worst =
        Math.max(
            MixtureSprt.pValue(25, 410, 40, 400, TAU2), MixtureSprt.pValue(30, 390, 40, 400, TAU2));
    assertThat(v.alwaysValidPValue()).isCloseTo(Math.min(1, 2 * worst), within(1e-12));
    // the fixed-sample p is the largest of the leader's z-tests: z_pvalue(40/400 vs 30/390)
    // 0.25381215970481164
    assertThat(v.pValue()).isCloseTo(0.25381215970481164, within(1e-7));
    assertThat(v.winner()).isNull();
  }

  // ---- Honest words
  // ----------------------------------------------------------------------------------

  @Test
  void verdictsSayWhatTheNumberIsAndNeverShowConfidence() {
    VariantComparison v =
        AbTest.compare("s", "Hook", arms(replies(3000, 150), replies(3000, 240)), REPLIES);
    assertThat(v.verdict())
        .contains("variant B wins on reply rate")
        .contains("always-valid p < 0.001")
        .contains("lift +3.0 points (always-valid 95% interval")
        .doesNotContainIgnoringCase("confidence");
    String html = HtmlReport.render(report(List.of(v)), "r");
    // no "confidence 99.9%" any more (the chart's label still names its Wilson confidence
    // intervals)
    assertThat(html).doesNotContainPattern("(?i)confidence \\d").contains("always-valid");
  }

  private static AnalyticsReport report(List<VariantComparison> experiments) {
    return new AnalyticsReport(
        java.time.Instant.EPOCH, 0, 0, List.of(), List.of(), experiments, List.of(), List.of());
  }
}
