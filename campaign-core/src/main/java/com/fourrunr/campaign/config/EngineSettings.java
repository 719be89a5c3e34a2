package com.fourrunr.campaign.config;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's policy from {@code CAMPAIGN_*} settings: the sequence and retries, the send window
 * and the send limits. These configure core types only ({@link CampaignConfig}, {@link
 * SchedulePolicy}, {@link SendLimits}), so they live in core; each adapter reads its own settings
 * (mailboxes, model, Airtable, database) and a host combines them.
 *
 * <pre>{@code
 * EngineSettings settings = EngineSettings.load(System.getenv(), null);
 * CampaignEngine engine = CampaignEngine.builder()
 *     .config(settings.campaignConfig(new Mailbox("hello@example.com", "Example")))
 *     .sendLimits(settings.limits())
 *     ...
 * }</pre>
 *
 * @param timing the sequence and retries
 * @param window when mail may go out
 * @param limits sending caps
 */
public record EngineSettings(Timing timing, SchedulePolicy window, SendLimits limits) {
  /**
   * The default sequence: each step's day counted from the start (Hook on day 0, Proof on day 3,
   * FOMO on day 7), the same convention as {@code ./campaign schedule --intervals}.
   */
  public static final String DEFAULT_SEQUENCE_DAYS = "0,3,7";

  /** Every environment variable read. */
  public static final List<String> KEYS =
      List.of(
          "CAMPAIGN_SEQUENCE_DAYS",
          "CAMPAIGN_INTERVAL_UNIT",
          "CAMPAIGN_MAX_ATTEMPTS",
          "CAMPAIGN_RETRY_BACKOFF",
          "CAMPAIGN_SEND_WINDOW",
          "CAMPAIGN_SEND_DAYS",
          "CAMPAIGN_SEND_JITTER",
          "CAMPAIGN_COUNTRY_HOLIDAYS",
          "CAMPAIGN_DEFAULT_ZONE",
          "CAMPAIGN_COMPANY_ZONE",
          "CAMPAIGN_LIMIT_MAILBOX_PER_DAY",
          "CAMPAIGN_LIMIT_MAILBOX_PER_HOUR",
          "CAMPAIGN_LIMIT_MIN_GAP",
          "CAMPAIGN_LIMIT_DOMAIN_PER_DAY");

  /** Checks the parts are present. */
  public EngineSettings {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Reads the engine's settings alone.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @throws InvalidInputException listing every missing or invalid value, each named by its
   *     variable
   */
  public static EngineSettings load(Map<String, String> env, @Nullable Path file) {
    SettingsReader in = SettingsReader.load(env, file);
    EngineSettings settings = read(in);
    in.throwIfInvalid("EngineSettings");
    return Objects.requireNonNull(settings);
  }

  /**
   * Reads the engine's settings from a shared reader; a problem is recorded in the reader.
   *
   * @return the settings, or null when a problem was recorded
   */
  public static @Nullable EngineSettings read(SettingsReader in) {
    TimingRead read = timing(in);
    Timing timing = read.timing();
    SchedulePolicy window = window(in, read.unit());
    SendLimits limits = limits(in);
    return timing == null || window == null || limits == null
        ? null
        : new EngineSettings(timing, window, limits);
  }

  /**
   * The {@link CampaignConfig} new campaigns start with: the sequence, retries and window of these
   * settings, sending from {@code from}.
   */
  public CampaignConfig campaignConfig(Mailbox from) {
    return new CampaignConfig(
        timing.sequence(), from, timing.maxAttempts(), timing.retryBackoff(), window);
  }

  /**
   * The sequence and retries.
   *
   * @param sequence the steps and the days between them
   * @param intervalUnit how days are counted
   * @param maxAttempts tries per message
   * @param retryBackoff the wait before the first retry
   */
  public record Timing(
      Sequence sequence, IntervalUnit intervalUnit, int maxAttempts, Duration retryBackoff) {
    /** Checks the parts are present. */
    public Timing {
      Objects.requireNonNull(sequence, "sequence");
      Objects.requireNonNull(intervalUnit, "intervalUnit");
      Objects.requireNonNull(retryBackoff, "retryBackoff");
    }
  }

  /**
   * The timing, null when invalid, and the interval unit: read (and checked) once, used by the
   * window too.
   */
  private record TimingRead(@Nullable Timing timing, IntervalUnit unit) {}

  private static TimingRead timing(SettingsReader in) {
    String days = in.text("CAMPAIGN_SEQUENCE_DAYS", DEFAULT_SEQUENCE_DAYS);
    List<SequenceStep> steps = new ArrayList<>();
    String[] parts = days.split("\\s*,\\s*");
    boolean ok = parts.length >= 1 && parts.length <= Sequence.MAX_STEPS;
    boolean decreasing = false;
    int previous = 0;
    for (int i = 0; ok && i < parts.length; i++) {
      try {
        // Each number is the step's day counted from the start; the sequence keeps the gaps.
        int d = Integer.parseInt(parts[i]);
        if (d < 0 || d > 365) {
          ok = false;
        } else if (d < previous) {
          ok = false;
          decreasing = true;
        } else {
          steps.add(new SequenceStep(stepType(i), d - previous));
          previous = d;
        }
      } catch (NumberFormatException e) {
        ok = false;
      }
    }
    if (decreasing) {
      in.error(
          "CAMPAIGN_SEQUENCE_DAYS",
          "'"
              + days
              + "' must not decrease: each number is a step's day counted from the start, such as "
              + DEFAULT_SEQUENCE_DAYS);
    } else if (!ok) {
      in.error(
          "CAMPAIGN_SEQUENCE_DAYS",
          "'"
              + days
              + "' is not 1 to "
              + Sequence.MAX_STEPS
              + " comma-separated days counted from the start (0 to 365), such as "
              + DEFAULT_SEQUENCE_DAYS);
    }
    IntervalUnit unit =
        in.enumValue(
            "CAMPAIGN_INTERVAL_UNIT", IntervalUnit.class, SchedulePolicy.DEFAULT_INTERVAL_UNIT);
    int attempts = in.integer("CAMPAIGN_MAX_ATTEMPTS", CampaignConfig.DEFAULT_MAX_ATTEMPTS, 1, 50);
    Duration backoff = in.duration("CAMPAIGN_RETRY_BACKOFF", CampaignConfig.DEFAULT_RETRY_BACKOFF);
    if (backoff.isNegative() || backoff.isZero()) {
      in.error("CAMPAIGN_RETRY_BACKOFF", "must be a positive duration");
    }
    return new TimingRead(
        ok ? new Timing(new Sequence("configured", steps), unit, attempts, backoff) : null, unit);
  }

  private static MessageType stepType(int index) {
    return switch (index) {
      case 0 -> MessageType.HOOK;
      case 1 -> MessageType.PROOF;
      case 2 -> MessageType.FOMO;
      default -> new MessageType("Step" + (index + 1));
    };
  }

  private static @Nullable SchedulePolicy window(SettingsReader in, IntervalUnit intervalUnit) {
    SchedulePolicy.Builder b = SchedulePolicy.builder();
    b.intervalUnit(intervalUnit);
    String w = in.text("CAMPAIGN_SEND_WINDOW");
    if (w != null) {
      b.window(w);
    }
    String d = in.text("CAMPAIGN_SEND_DAYS");
    if (d != null) {
      b.days(d);
    }
    b.jitter(in.bool("CAMPAIGN_SEND_JITTER", true));
    b.countryHolidays(in.bool("CAMPAIGN_COUNTRY_HOLIDAYS", true));
    zone(in, "CAMPAIGN_DEFAULT_ZONE", b::defaultZone);
    zone(in, "CAMPAIGN_COMPANY_ZONE", b::companyZone);
    try {
      return b.build();
    } catch (InvalidInputException e) {
      for (FieldError fe : e.errors()) {
        String key =
            switch (fe.field()) {
              case "window", "windowStart", "windowEnd" -> "CAMPAIGN_SEND_WINDOW";
              case "days", "sendDays" -> "CAMPAIGN_SEND_DAYS";
              case "defaultZone" -> "CAMPAIGN_DEFAULT_ZONE";
              case "companyZone" -> "CAMPAIGN_COMPANY_ZONE";
              default -> "CAMPAIGN_SEND_WINDOW (" + fe.field() + ")";
            };
        in.error(key, fe.problem());
      }
      return null;
    }
  }

  private static void zone(SettingsReader in, String key, Consumer<ZoneId> into) {
    String z = in.text(key);
    if (z == null) {
      return;
    }
    try {
      into.accept(ZoneId.of(z));
    } catch (DateTimeException e) {
      in.error(key, "'" + z + "' is not a time zone id such as Europe/Paris");
    }
  }

  private static @Nullable SendLimits limits(SettingsReader in) {
    int perDay = in.integer("CAMPAIGN_LIMIT_MAILBOX_PER_DAY", 0, 0, 1_000_000);
    int perHour = in.integer("CAMPAIGN_LIMIT_MAILBOX_PER_HOUR", 0, 0, 1_000_000);
    Duration gap = in.duration("CAMPAIGN_LIMIT_MIN_GAP", Duration.ZERO);
    int perDomain = in.integer("CAMPAIGN_LIMIT_DOMAIN_PER_DAY", 0, 0, 1_000_000);
    try {
      return new SendLimits(perDay, perHour, gap, perDomain);
    } catch (InvalidInputException e) {
      for (FieldError fe : e.errors()) {
        in.error(
            fe.field().equals("minimumGap")
                ? "CAMPAIGN_LIMIT_MIN_GAP"
                : "CAMPAIGN_LIMIT_" + fe.field(),
            fe.problem());
      }
      return null;
    }
  }
}
