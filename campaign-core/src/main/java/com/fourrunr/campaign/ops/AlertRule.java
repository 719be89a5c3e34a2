package com.fourrunr.campaign.ops;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.ops.CampaignActivity.Kind;
import com.fourrunr.campaign.spi.CampaignClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A condition checked by the {@link AlertMonitor} each time it evaluates, on the engine's clock. A
 * rule returns the alerts that hold now (one per subject, for example per mailbox); the monitor
 * delivers an alert when it starts to hold and again only after it stopped holding. Write your own
 * or use the factories here.
 */
@FunctionalInterface
public interface AlertRule {
  /** The alerts that hold now. Must not throw for an ordinary condition; must be quick. */
  List<Alert> evaluate(Context context);

  /**
   * What a rule reads.
   *
   * @param engine the engine (queue status, paused mailboxes)
   * @param activity the recent activity per mailbox
   * @param now the clock's time of this evaluation
   */
  record Context(CampaignClient engine, CampaignActivity activity, Instant now) {
    /** Checks the parts are present. */
    public Context {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(activity, "activity");
      Objects.requireNonNull(now, "now");
    }
  }

  /**
   * The weight of a soft bounce ({@link Kind#SOFT_BOUNCED}) in {@link #bounceRate(double, Duration,
   * int)}: half a hard bounce. A soft bounce says the address may take mail later, but a mailbox
   * whose soft bounces keep rising is being deferred by the receivers.
   */
  double SOFT_BOUNCE_WEIGHT = 0.5;

  /**
   * The weight of a block ({@link Kind#BLOCKED}: a bounce for a sender problem, the sending IP
   * blocked or the content filtered as spam) in {@link #bounceRate(double, Duration, int)}: a whole
   * hard bounce, as it speaks against the mailbox itself.
   */
  double BLOCK_WEIGHT = 1.0;

  /**
   * A mailbox whose weighted bounces over the window exceed {@code maxRate} of its sends ({@link
   * Kind#SENT} plus {@link Kind#FAILED}), once it sent at least {@code minSends} in the window, is
   * <b>paused</b> and an alert raised naming the hard bounces, soft bounces and blocks counted. The
   * weighted bounces: each hard bounce ({@link Kind#BOUNCED}: refused during the send or bounced
   * back later) counts 1, each soft bounce {@link #SOFT_BOUNCE_WEIGHT} (0.5), each block {@link
   * #BLOCK_WEIGHT} (1). A mailbox slowed by the engine's {@code HealthThrottle} (at 3% and 8% of
   * soft bounces, blocks and complaints by default) is thus paused by this rule when its soft
   * bounces alone pass twice {@code maxRate} (10% with the default 5%). Rule name {@code
   * bounce-rate}.
   */
  static AlertRule bounceRate(double maxRate, Duration window, int minSends) {
    return bounceRate(maxRate, window, minSends, SOFT_BOUNCE_WEIGHT, BLOCK_WEIGHT);
  }

  /**
   * As {@link #bounceRate(double, Duration, int)}, with the weights of a soft bounce and of a block
   * (each between 0 and 1; 0 leaves them out, counting hard bounces only).
   */
  static AlertRule bounceRate(
      double maxRate, Duration window, int minSends, double softBounceWeight, double blockWeight) {
    checkRate("maxRate", maxRate);
    checkWindow(window);
    checkMin("minSends", minSends);
    checkRate("softBounceWeight", softBounceWeight);
    checkRate("blockWeight", blockWeight);
    return ctx -> {
      List<Alert> alerts = new ArrayList<>();
      for (String mailbox : ctx.activity().mailboxes()) {
        // Attempts: accepted sends and given-up ones (a bounce during the send is one of those).
        long sent =
            ctx.activity().count(Kind.SENT, mailbox, window)
                + ctx.activity().count(Kind.FAILED, mailbox, window);
        long hard = ctx.activity().count(Kind.BOUNCED, mailbox, window);
        long soft = ctx.activity().count(Kind.SOFT_BOUNCED, mailbox, window);
        long blocks = ctx.activity().count(Kind.BLOCKED, mailbox, window);
        double bounced = hard + soft * softBounceWeight + blocks * blockWeight;
        double rate = sent == 0 ? 0 : bounced / sent;
        if (sent >= minSends && rate > maxRate) {
          alerts.add(
              new Alert(
                  "bounce-rate",
                  mailbox,
                  String.format(
                      Locale.ROOT,
                      "bounce rate %.1f%% over %s (%s of %d sends: %d hard bounces, %d soft bounces"
                          + " at %s, %d blocks at %s) is above %.1f%%; mailbox paused",
                      rate * 100,
                      window,
                      number(bounced),
                      sent,
                      hard,
                      soft,
                      number(softBounceWeight),
                      blocks,
                      number(blockWeight),
                      maxRate * 100),
                  ctx.now(),
                  true,
                  data(
                      "rate",
                      rate,
                      "bounced",
                      number(bounced),
                      "sent",
                      sent,
                      "window",
                      window,
                      "hardBounces",
                      hard,
                      "softBounces",
                      soft,
                      "blocks",
                      blocks)));
        }
      }
      return alerts;
    };
  }

  /** A count or weight to two places, without a needless fraction: 3, 5.5, 0.25. */
  private static String number(double d) {
    return java.math.BigDecimal.valueOf(d)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * A mailbox with at least {@code maxComplaints} spam complaints ({@link Kind#COMPLAINT}) in the
   * window is <b>paused</b> and an alert raised. Rule name {@code complaints}.
   */
  static AlertRule complaints(int maxComplaints, Duration window) {
    checkMin("maxComplaints", maxComplaints);
    checkWindow(window);
    return ctx -> {
      List<Alert> alerts = new ArrayList<>();
      for (String mailbox : ctx.activity().mailboxes()) {
        long n = ctx.activity().count(Kind.COMPLAINT, mailbox, window);
        long sent = ctx.activity().count(Kind.SENT, mailbox, window);
        if (n >= maxComplaints) {
          alerts.add(
              new Alert(
                  "complaints",
                  mailbox,
                  n
                      + " spam complaints in the last "
                      + window
                      + " (limit "
                      + maxComplaints
                      + "); mailbox paused",
                  ctx.now(),
                  true,
                  data("complaints", n, "sent", sent, "window", window)));
        }
      }
      return alerts;
    };
  }

  /**
   * The reply rate (answers from people per send, all mailboxes) over the recent {@code window}
   * fell by more than {@code drop} (0.5: by half) against the rate over the longer {@code
   * baseline}, with at least {@code minSends} sends in the window. Often the first sign of landing
   * in spam. Rule name {@code reply-rate-collapse}.
   */
  static AlertRule replyRateCollapse(
      Duration window, Duration baseline, double drop, int minSends) {
    checkWindow(window);
    checkWindow(baseline);
    checkRate("drop", drop);
    checkMin("minSends", minSends);
    if (baseline.compareTo(window) <= 0) {
      throw InvalidInputException.of("AlertRule", "baseline", "must be longer than the window");
    }
    return ctx -> {
      long sent = ctx.activity().count(Kind.SENT, null, window);
      double recent = ctx.activity().rate(Kind.REPLY, Kind.SENT, null, window);
      double base = ctx.activity().rate(Kind.REPLY, Kind.SENT, null, baseline);
      if (sent >= minSends && base > 0 && recent < base * (1 - drop)) {
        return List.of(
            new Alert(
                "reply-rate-collapse",
                "replies",
                String.format(
                    Locale.ROOT,
                    "reply rate %.2f%% over %s is down from %.2f%% over %s",
                    recent * 100,
                    window,
                    base * 100,
                    baseline),
                ctx.now(),
                false,
                data("recentRate", recent, "baselineRate", base, "sent", sent, "window", window)));
      }
      return List.of();
    };
  }

  /**
   * A due message has waited longer than {@code maxOldestDueAge}: nothing is sending. Rule {@code
   * stuck-queue}.
   */
  static AlertRule stuckQueue(Duration maxOldestDueAge) {
    checkWindow(maxOldestDueAge);
    return ctx -> {
      QueueStatus q = ctx.engine().queueStatus();
      Duration age = q.oldestDueAge();
      if (age != null && age.compareTo(maxOldestDueAge) > 0) {
        return List.of(
            new Alert(
                "stuck-queue",
                "queue",
                "a message has been due for "
                    + age
                    + " (limit "
                    + maxOldestDueAge
                    + "); "
                    + q.counts().due()
                    + " due",
                ctx.now(),
                false,
                data("oldestDueAge", age, "due", q.counts().due())));
      }
      return List.of();
    };
  }

  /**
   * At least {@code maxFailures} leads could not get their copy written ({@link
   * Kind#GENERATION_FAILED}) in the window: the model or its key likely fails. Rule name {@code
   * generation-failures}.
   */
  static AlertRule generationFailures(int maxFailures, Duration window) {
    checkMin("maxFailures", maxFailures);
    checkWindow(window);
    return ctx -> {
      long n = ctx.activity().count(Kind.GENERATION_FAILED, null, window);
      long fallbacks = ctx.activity().count(Kind.GENERATION_FALLBACK, null, window);
      if (n >= maxFailures) {
        return List.of(
            new Alert(
                "generation-failures",
                "generation",
                n + " generation failures in the last " + window + " (limit " + maxFailures + ")",
                ctx.now(),
                false,
                data("failures", n, "fallbacks", fallbacks, "window", window)));
      }
      return List.of();
    };
  }

  /**
   * More than {@code maxPending} updates wait to be written to Airtable: the sync falls behind
   * (429s, a bad token). {@code backlog} reads the pending count, for example {@code outbox::size}
   * of the Airtable adapter's {@code SyncOutbox}. Rule name {@code airtable-backlog}.
   */
  static AlertRule syncBacklog(LongSupplier backlog, long maxPending) {
    Objects.requireNonNull(backlog, "backlog");
    if (maxPending < 0) {
      throw InvalidInputException.of("AlertRule", "maxPending", "is negative");
    }
    return ctx -> {
      long n = backlog.getAsLong();
      if (n > maxPending) {
        return List.of(
            new Alert(
                "airtable-backlog",
                "airtable",
                n + " updates wait to be written to Airtable (limit " + maxPending + ")",
                ctx.now(),
                false,
                data("pending", n, "max", maxPending)));
      }
      return List.of();
    };
  }

  /** The rules a service should start with: see docs/monitoring.md for the figures. */
  static List<AlertRule> defaults() {
    return List.of(
        bounceRate(0.05, Duration.ofHours(24), 20),
        complaints(1, Duration.ofHours(24)),
        replyRateCollapse(Duration.ofDays(1), Duration.ofDays(7), 0.7, 50),
        stuckQueue(Duration.ofMinutes(30)),
        generationFailures(5, Duration.ofHours(1)));
  }

  private static Map<String, String> data(Object... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      m.put(
          (String) pairs[i],
          v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v));
    }
    return m;
  }

  private static void checkRate(String field, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw InvalidInputException.of("AlertRule", field, rate + " is not between 0 and 1");
    }
  }

  private static void checkWindow(Duration window) {
    if (window == null || window.isNegative() || window.isZero()) {
      throw InvalidInputException.of("AlertRule", "window", "must be a positive duration");
    }
  }

  private static void checkMin(String field, long n) {
    if (n < 1) {
      throw InvalidInputException.of("AlertRule", field, n + " is less than 1");
    }
  }
}
