package com.fourrunr.campaign.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Builds an {@link AnalyticsReport} from an aggregator's groups. */
final class Reports {
  private Reports() {}

  static AnalyticsReport build(
      Instant now,
      long eventsRead,
      long unattributed,
      Map<EventAggregator.Key, long[]> groups,
      Map<String, long[]> responses,
      ExperimentData data,
      AnalyticsOptions options) {
    List<MetricsRow> rows = new ArrayList<>(groups.size());
    groups.forEach(
        (k, c) ->
            rows.add(
                new MetricsRow(
                    k.sequence(),
                    k.step(),
                    k.variant(),
                    k.channel(),
                    k.dimension(),
                    k.segment(),
                    Metrics.of(c))));
    rows.sort(EventAggregator.rowOrder(options.dimensions()));
    List<VariantComparison> experiments = experiments(rows, data, options);
    List<Recommendation> recommendations = new ArrayList<>();
    for (VariantComparison v : experiments) {
      if (v.winner() != null) {
        long n = v.variants().stream().mapToLong(VariantStats::delivered).sum();
        recommendations.add(
            new Recommendation(
                "Use variant " + v.winner() + " for step " + v.step() + " of " + v.sequence() + ".",
                v.verdict(),
                n,
                1 - v.adjustedPValue(),
                v.adjustedPValue()));
      }
    }
    recommendations.addAll(segmentAdvice(rows, options));
    return new AnalyticsReport(
        now,
        eventsRead,
        unattributed,
        rows,
        funnel(rows, responses),
        experiments,
        content(rows, options),
        recommendations);
  }

  private static List<FunnelStage> funnel(List<MetricsRow> rows, Map<String, long[]> responses) {
    Map<String, Map<String, long[]>> bySequence = new TreeMap<>();
    for (MetricsRow r : rows) {
      if (r.dimension().equals(Segments.ALL)) {
        long[] c =
            bySequence
                .computeIfAbsent(r.sequence(), k -> new LinkedHashMap<>())
                .computeIfAbsent(r.step(), k -> new long[2]);
        c[0] += r.metrics().sent();
        c[1] += r.metrics().replied();
      }
    }
    List<FunnelStage> out = new ArrayList<>();
    bySequence.forEach(
        (seq, steps) -> {
          // Every lead gets step n before step n + 1, so the stage order is the order of falling
          // counts.
          List<Map.Entry<String, long[]>> ordered = new ArrayList<>(steps.entrySet());
          ordered.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]));
          long first = ordered.isEmpty() ? 0 : ordered.get(0).getValue()[0];
          for (Map.Entry<String, long[]> e : ordered) {
            out.add(
                new FunnelStage(
                    seq,
                    e.getKey(),
                    e.getValue()[0],
                    e.getValue()[1],
                    Metrics.ratio(e.getValue()[0], first)));
          }
          long[] resp = responses.getOrDefault(seq, new long[2]);
          out.add(
              new FunnelStage(
                  seq, FunnelStage.RESPONSE, resp[0], resp[1], Metrics.ratio(resp[0], first)));
        });
    return out;
  }

  /** Sums the rows of one dimension by (sequence, step, segment) then variant, over channels. */
  private static Map<String, Map<String, Metrics>> byVariant(
      List<MetricsRow> rows, String dimension, Map<String, String[]> ids) {
    Map<String, Map<String, Metrics>> out = new TreeMap<>();
    for (MetricsRow r : rows) {
      if (!r.dimension().equals(dimension) || r.variant().equals(MetricsRow.NO_VARIANT)) {
        continue;
      }
      String id = r.sequence() + '\u0000' + r.step() + '\u0000' + r.segment();
      ids.putIfAbsent(id, new String[] {r.sequence(), r.step(), r.segment()});
      out.computeIfAbsent(id, k -> new TreeMap<>()).merge(r.variant(), r.metrics(), Metrics::plus);
    }
    return out;
  }

  /**
   * Every step with variants, compared together (Holm's correction across them): content variants
   * on the step's messages, timing variants per lead on the whole sequence.
   */
  private static List<VariantComparison> experiments(
      List<MetricsRow> rows, ExperimentData data, AnalyticsOptions options) {
    Map<String, String[]> ids = new LinkedHashMap<>();
    List<AbTest.Input> inputs = new ArrayList<>();
    byVariant(rows, Segments.ALL, ids)
        .forEach(
            (id, variants) -> {
              String[] s = Objects.requireNonNull(ids.get(id));
              double rate = data.sendsPerDay(s[0], s[1]);
              if (data.timing(s[0], s[1])) {
                inputs.add(
                    new AbTest.Input(
                        s[0], s[1], VariantComparison.SEQUENCE, data.leads(s[0], s[1]), rate));
              } else {
                inputs.add(new AbTest.Input(s[0], s[1], VariantComparison.STEP, variants, rate));
              }
            });
    return AbTest.compareAll(inputs, options);
  }

  /**
   * The highest and lowest rate per step and segment, each pair tested by the always-valid test
   * with Holm's correction over every row: no "best" is claimed without that test.
   */
  private static List<ContentPerformance> content(List<MetricsRow> rows, AnalyticsOptions options) {
    List<ContentPerformance> out = new ArrayList<>();
    Outcome outcome = options.outcome();
    SequentialTest.Design design = SequentialTest.Design.of(options);
    List<Boolean> enoughs = new ArrayList<>();
    for (String dimension : options.dimensions()) {
      Map<String, String[]> ids = new LinkedHashMap<>();
      byVariant(rows, dimension, ids)
          .forEach(
              (id, variants) -> {
                List<Map.Entry<String, Metrics>> enough =
                    new ArrayList<>(
                        variants.entrySet().stream()
                            .filter(e -> e.getValue().delivered() >= options.minSample())
                            .toList());
                if (enough.size() < 2) {
                  return;
                }
                enough.sort(
                    Comparator.comparingDouble(
                            (Map.Entry<String, Metrics> e) -> -rate(outcome, e.getValue()))
                        .thenComparing(Map.Entry::getKey));
                Map.Entry<String, Metrics> best = enough.get(0);
                Map.Entry<String, Metrics> worst = enough.get(enough.size() - 1);
                String[] s = Objects.requireNonNull(ids.get(id));
                Metrics b = best.getValue();
                Metrics w = worst.getValue();
                SequentialTest.Evidence e =
                    SequentialTest.evidence(
                        outcome.successes(w),
                        w.delivered(),
                        outcome.successes(b),
                        b.delivered(),
                        design);
                enoughs.add(e.enough());
                out.add(
                    new ContentPerformance(
                        s[0],
                        s[1],
                        dimension,
                        s[2],
                        best.getKey(),
                        rate(outcome, b),
                        b.delivered(),
                        worst.getKey(),
                        rate(outcome, w),
                        w.delivered(),
                        e.pValue(),
                        1,
                        false));
              });
    }
    double[] adjusted = Holm.adjust(out.stream().mapToDouble(ContentPerformance::pValue).toArray());
    for (int i = 0; i < out.size(); i++) {
      ContentPerformance c = out.get(i);
      out.set(
          i,
          new ContentPerformance(
              c.sequence(),
              c.step(),
              c.dimension(),
              c.segment(),
              c.best(),
              c.bestRate(),
              c.bestSample(),
              c.worst(),
              c.worstRate(),
              c.worstSample(),
              c.pValue(),
              adjusted[i],
              enoughs.get(i) && adjusted[i] <= options.alpha() && c.bestRate() > c.worstRate()));
    }
    return out;
  }

  /**
   * A step that does better (or worse) for a segment than for the rest of its dimension, by the
   * always-valid test with Holm's correction over the tests made, both sides at least the minimum
   * sample and counts not small.
   */
  private static List<Recommendation> segmentAdvice(
      List<MetricsRow> rows, AnalyticsOptions options) {
    Outcome outcome = options.outcome();
    Map<String, Metrics> cells =
        new TreeMap<>(); // sequence, step, dimension, segment (over variants, channels)
    Map<String, Metrics> totals = new TreeMap<>(); // sequence, step, dimension
    for (MetricsRow r : rows) {
      if (r.dimension().equals(Segments.ALL)) {
        continue;
      }
      String base = r.sequence() + '\u0000' + r.step() + '\u0000' + r.dimension();
      cells.merge(base + '\u0000' + r.segment(), r.metrics(), Metrics::plus);
      totals.merge(base, r.metrics(), Metrics::plus);
    }
    List<String[]> candidates = new ArrayList<>();
    List<Metrics[]> figures = new ArrayList<>();
    cells.forEach(
        (key, m) -> {
          String[] k = key.split("\u0000", -1);
          if (k[3].equals(Segments.UNKNOWN) || k[3].equals(Segments.OTHER)) {
            return;
          }
          Metrics rest =
              Objects.requireNonNull(totals.get(k[0] + '\u0000' + k[1] + '\u0000' + k[2])).minus(m);
          if (m.delivered() >= options.minSample() && rest.delivered() >= options.minSample()) {
            candidates.add(k);
            figures.add(new Metrics[] {m, rest});
          }
        });
    List<Recommendation> out = new ArrayList<>();
    SequentialTest.Design design = SequentialTest.Design.of(options);
    double[] raw = new double[candidates.size()];
    boolean[] enough = new boolean[candidates.size()];
    for (int i = 0; i < raw.length; i++) {
      Metrics seg = figures.get(i)[0];
      Metrics rest = figures.get(i)[1];
      SequentialTest.Evidence e =
          SequentialTest.evidence(
              outcome.successes(rest),
              rest.delivered(),
              outcome.successes(seg),
              seg.delivered(),
              design);
      raw[i] = e.pValue();
      enough[i] = e.enough();
    }
    double[] adjusted = Holm.adjust(raw);
    for (int i = 0; i < candidates.size(); i++) {
      String[] k = candidates.get(i);
      Metrics seg = figures.get(i)[0];
      Metrics rest = figures.get(i)[1];
      long x1 = outcome.successes(seg);
      long x2 = outcome.successes(rest);
      double p = adjusted[i];
      if (enough[i] && p <= options.alpha()) {
        boolean better = rate(outcome, seg) > rate(outcome, rest);
        String text =
            "Step "
                + k[1]
                + " of "
                + k[0]
                + " does "
                + (better ? "better" : "worse")
                + " for "
                + k[2]
                + " = "
                + k[3]
                + (better
                    ? ": give this segment priority on it."
                    : ": rework it for this segment.");
        String evidence =
            outcome.words()
                + " "
                + AbTest.pct(rate(outcome, seg))
                + " ("
                + x1
                + "/"
                + seg.delivered()
                + ") against "
                + AbTest.pct(rate(outcome, rest))
                + " ("
                + x2
                + "/"
                + rest.delivered()
                + ") for the rest; always-valid p "
                + AbTest.p(p)
                + " after Holm's correction over "
                + candidates.size()
                + " segments tested.";
        out.add(new Recommendation(text, evidence, seg.delivered() + rest.delivered(), 1 - p, p));
      }
    }
    return out;
  }

  private static double rate(Outcome o, Metrics m) {
    return Metrics.ratio(o.successes(m), m.delivered());
  }
}
