package com.fourrunr.campaign.analytics;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What experiments need beyond the per-message rows: for each (sequence, experiment step, variant)
 * the leads enrolled in it and their outcomes over the whole sequence, once per lead; which steps
 * vary timing; and when each step's messages were sent, to estimate the send rate. Bounded by the
 * number of steps and variants, not by leads or events.
 */
final class ExperimentData {
  static final int LEADS = 0;
  static final int BOUNCED = 1;
  static final int REPLIED = 2;
  static final int POSITIVE = 3;
  static final int UNSUBSCRIBED = 4;
  static final int COMPLAINT = 5;
  private static final int COUNTERS = 6;

  final Map<String, long[]> arms = new HashMap<>(); // sequence NUL step NUL variant -> counters
  final Set<String> timingSteps = new HashSet<>(); // sequence NUL step
  final Map<String, long[]> sends =
      new HashMap<>(); // sequence NUL step -> first, last epoch second, count

  /** A lead enters a variant; {@code outcomes} are the bits of the outcomes it already had. */
  void enrol(String sequence, String step, String variant, boolean timing, int outcomes) {
    long[] a =
        arms.computeIfAbsent(
            sequence + '\u0000' + step + '\u0000' + variant, k -> new long[COUNTERS]);
    a[LEADS]++;
    for (int o = 1; o < COUNTERS; o++) {
      if ((outcomes & (1 << o)) != 0) {
        a[o]++;
      }
    }
    if (timing) {
      timingSteps.add(sequence + '\u0000' + step);
    }
  }

  void outcome(String sequence, String step, String variant, int outcome) {
    long[] a = arms.get(sequence + '\u0000' + step + '\u0000' + variant);
    if (a != null) {
      a[outcome]++;
    }
  }

  void sent(String sequence, String step, Instant at) {
    long t = at.getEpochSecond();
    long[] s = sends.computeIfAbsent(sequence + '\u0000' + step, k -> new long[] {t, t, 0});
    s[0] = Math.min(s[0], t);
    s[1] = Math.max(s[1], t);
    s[2]++;
  }

  boolean timing(String sequence, String step) {
    return timingSteps.contains(sequence + '\u0000' + step);
  }

  /**
   * Each variant's leads as metrics: sent = leads enrolled, bounced = leads with a bounce, and the
   * leads with a reply, a positive reply, an unsubscribe and a complaint anywhere in the sequence.
   */
  Map<String, Metrics> leads(String sequence, String step) {
    Map<String, Metrics> out = new java.util.TreeMap<>();
    String prefix = sequence + '\u0000' + step + '\u0000';
    arms.forEach(
        (k, a) -> {
          if (k.startsWith(prefix)) {
            out.put(
                k.substring(prefix.length()),
                new Metrics(
                    a[LEADS],
                    a[BOUNCED],
                    0,
                    0,
                    0,
                    0,
                    a[REPLIED],
                    a[POSITIVE],
                    a[UNSUBSCRIBED],
                    a[COMPLAINT]));
          }
        });
    return out;
  }

  /**
   * Messages of a step sent per day, from the first to the last send seen; NaN under a day of data.
   */
  double sendsPerDay(String sequence, String step) {
    long[] s = sends.get(sequence + '\u0000' + step);
    if (s == null || s[1] - s[0] < 86_400) {
      return Double.NaN;
    }
    return s[2] / ((s[1] - s[0]) / 86_400.0);
  }

  ExperimentData copy() {
    ExperimentData c = new ExperimentData();
    arms.forEach((k, v) -> c.arms.put(k, v.clone()));
    c.timingSteps.addAll(timingSteps);
    sends.forEach((k, v) -> c.sends.put(k, v.clone()));
    return c;
  }
}
