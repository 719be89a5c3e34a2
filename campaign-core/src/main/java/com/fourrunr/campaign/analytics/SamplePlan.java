package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * How many delivered messages each variant of an experiment needs: the plan to show when an
 * experiment starts. Made by {@link #of(double, double, double)} from the baseline rate and the
 * smallest relative lift worth detecting.
 *
 * @param baselineRate the rate expected without any change, for example 0.02 for 2% positive
 *     replies
 * @param targetRate the rate of the smallest lift worth detecting: {@code baselineRate * (1 +
 *     lift)}
 * @param alpha the two-sided significance level
 * @param power the chance of finding a true lift of that size: 0.8
 * @param perArm delivered messages per variant for the always-valid (sequential) test the reports
 *     use to find the lift with that power, however often the report is read. The test may stop
 *     earlier
 * @param fixedHorizonPerArm for comparison: what a single test at the end would need (the classic
 *     two-proportion formula), valid only if nobody looks before
 */
public record SamplePlan(
    double baselineRate,
    double targetRate,
    double alpha,
    double power,
    long perArm,
    long fixedHorizonPerArm) {

  /** The power every plan is made for. */
  public static final double POWER = 0.8;

  /**
   * The plan for a baseline rate and the smallest relative lift worth detecting, at level alpha and
   * 80% power.
   *
   * @throws InvalidInputException naming each field out of range
   */
  public static SamplePlan of(double baselineRate, double lift, double alpha) {
    List<FieldError> errors = new ArrayList<>();
    if (!(baselineRate > 0 && baselineRate < 1)) {
      errors.add(new FieldError("baselineRate", baselineRate + " is not between 0 and 1"));
    }
    if (!(lift > 0) || !(baselineRate * (1 + lift) < 1)) {
      errors.add(
          new FieldError("minimumLift", lift + " is not a positive lift keeping the rate below 1"));
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      errors.add(new FieldError("alpha", alpha + " is not between 0 and 0.5"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("SamplePlan", errors);
    }
    double p1 = baselineRate;
    double p2 = baselineRate * (1 + lift);
    return new SamplePlan(
        p1, p2, alpha, POWER, sequentialPerArm(p1, p2, alpha), fixedPerArm(p1, p2, alpha));
  }

  /** The smallest difference worth detecting, in rate: {@code targetRate - baselineRate}. */
  public double minimumDifference() {
    return targetRate - baselineRate;
  }

  /**
   * Days until every one of {@code arms} variants reaches {@code perArm} from {@code
   * deliveredSoFar} (smallest arm), at {@code sendsPerDay} delivered messages a day over all
   * variants; NaN when the rate is unknown (0 or less).
   */
  public double daysToGo(int arms, long deliveredSoFar, double sendsPerDay) {
    if (!(sendsPerDay > 0)) {
      return Double.NaN;
    }
    return Math.max(0, perArm - deliveredSoFar) * (double) arms / sendsPerDay;
  }

  /**
   * The mixing variance of the always-valid test: the square of the smallest difference worth
   * detecting.
   */
  double tau2() {
    double d = minimumDifference();
    return d * d;
  }

  /**
   * The classic formula: (z_{1-a/2} sqrt(2 pbar qbar) + z_power sqrt(p1 q1 + p2 q2))^2 / (p2 -
   * p1)^2.
   */
  static long fixedPerArm(double p1, double p2, double alpha) {
    double pb = (p1 + p2) / 2;
    double za = Proportions.normalQuantile(1 - alpha / 2);
    double zb = Proportions.normalQuantile(POWER);
    double s = za * Math.sqrt(2 * pb * (1 - pb)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return (long) Math.ceil(s * s / ((p2 - p1) * (p2 - p1)));
  }

  /**
   * The smallest n per arm at which the always-valid test, read once at n, finds the difference
   * with the power: reading it earlier too only adds chances to stop, so this is enough however
   * often it is read.
   */
  static long sequentialPerArm(double p1, double p2, double alpha) {
    long hi = 1;
    while (powerAt(hi, p1, p2, alpha) < POWER) {
      hi *= 2;
    }
    long lo = hi / 2; // powerAt(lo) < POWER or lo == 0
    while (hi - lo > 1) {
      long mid = (lo + hi) / 2;
      if (powerAt(mid, p1, p2, alpha) >= POWER) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** The chance that the always-valid test rejects at n per arm when the rates are p1 and p2. */
  static double powerAt(long n, double p1, double p2, double alpha) {
    double d = p2 - p1;
    double tau2 = d * d;
    double pb = (p1 + p2) / 2;
    double v = pb * (1 - pb) * 2 / n;
    double c = MixtureSprt.boundary(v, tau2, alpha);
    double sd = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n);
    return Proportions.normalCdf((d - c * Math.sqrt(v)) / sd);
  }
}
