package com.fourrunr.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slows a sending mailbox whose recent soft bounces, blocks, deferred sends and complaints rise,
 * before the bounce-rate alert rule ({@code AlertRule.bounceRate}, which counts soft bounces and
 * blocks too) pauses it. Over the window, once the mailbox sent at least {@code minSends}, its
 * trouble rate is (soft bounces + blocks + deferred sends + complaints, each a {@link
 * MailboxSignal}) per send; at or above {@code slowRate} its day cap is halved, at or above {@code
 * slowerRate} quartered. The day cap is the lower of {@link SendLimits#perMailboxPerDay()} and the
 * {@link WarmUp} cap; without either, the mailbox's own sends over the last 24 hours. Counted from
 * this engine's events since it started. With a throttle set, new campaigns go to the healthiest
 * mailbox with room left today. Given to {@link CampaignEngineBuilder#healthThrottle}; default:
 * none.
 *
 * @param minSends the sends in the window before the rate counts, at least 1
 * @param slowRate the rate at which the day cap is halved, between 0 and 1
 * @param slowerRate the rate at which it is quartered, at least {@code slowRate}
 * @param window how far back events count, 1 hour to 30 days
 */
public record HealthThrottle(int minSends, double slowRate, double slowerRate, Duration window) {
  /** Checks the values, listing each problem. */
  public HealthThrottle {
    List<FieldError> errors = new ArrayList<>();
    if (minSends < 1) {
      errors.add(new FieldError("minSends", minSends + " is less than 1"));
    }
    if (!(slowRate > 0 && slowRate <= 1)) {
      errors.add(new FieldError("slowRate", slowRate + " is not above 0 and at most 1"));
    }
    if (!(slowerRate >= slowRate && slowerRate <= 1)) {
      errors.add(new FieldError("slowerRate", slowerRate + " is not between slowRate and 1"));
    }
    if (window == null
        || window.compareTo(Duration.ofHours(1)) < 0
        || window.compareTo(Duration.ofDays(30)) > 0) {
      errors.add(new FieldError("window", window + " is not between 1 hour and 30 days"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("HealthThrottle", errors);
    }
  }

  /** Halved at 3%, quartered at 8%, once 20 were sent in the last 24 hours. */
  public static HealthThrottle defaults() {
    return new HealthThrottle(20, 0.03, 0.08, Duration.ofHours(24));
  }

  /** The share of the day cap a mailbox with this trouble rate gets: 1, 1/2 or 1/4. */
  public double factor(long sends, long trouble) {
    if (sends < minSends) {
      return 1.0;
    }
    double rate = (double) trouble / sends;
    return rate >= slowerRate ? 0.25 : rate >= slowRate ? 0.5 : 1.0;
  }
}
