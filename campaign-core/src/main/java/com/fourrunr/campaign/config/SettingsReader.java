package com.fourrunr.campaign.config;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code CAMPAIGN_*} settings of a host, read from environment variables over a {@code
 * .properties} file, with every problem collected so that one {@link InvalidInputException} can
 * list them all. Each module's settings type ({@link EngineSettings}, {@link TrackingSettings}, and
 * in the adapters {@code MailboxSettings}, {@code OpenAiSettings}, {@code AirtableSettings}, {@code
 * DatabaseSettings}) reads its own keys from one shared reader:
 *
 * <pre>{@code
 * SettingsReader in = SettingsReader.load(System.getenv(), Path.of("campaign.properties"));
 * EngineSettings engine = EngineSettings.read(in);
 * TrackingSettings tracking = TrackingSettings.read(in);
 * in.throwIfInvalid("settings"); // every missing or bad value at once
 * }</pre>
 *
 * <p><b>Names.</b> The file holds the same keys in lower-case dotted form: the variable's name
 * lower-cased with each {@code _} turned into {@code .}, so {@code CAMPAIGN_SMTP_HOST} is {@code
 * campaign.smtp.host}. An environment variable wins over the file; a blank value counts as absent.
 *
 * <p><b>Errors</b> name the environment variable and never quote a secret's value: secrets are read
 * as {@link Secret}s. Not thread-safe: read it from one thread, at start.
 */
public final class SettingsReader {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;
  private final List<FieldError> errors;

  private SettingsReader(Map<String, String> values, List<FieldError> errors) {
    this.values = values;
    this.errors = errors;
  }

  /**
   * Reads the {@code CAMPAIGN_*} environment variables over a properties file. A file that cannot
   * be read is an error of the reader (see {@link #errors()}), not an exception.
   *
   * @param env the environment, usually {@code System.getenv()}; only {@code CAMPAIGN_*} names are
   *     read
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   */
  public static SettingsReader load(Map<String, String> env, @Nullable Path file) {
    Objects.requireNonNull(env, "env");
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
        for (String name : props.stringPropertyNames()) {
          values.put(envName(name), props.getProperty(name));
        }
      } catch (IOException | IllegalArgumentException e) {
        errors.add(
            new FieldError("file " + file, "cannot be read: " + e.getClass().getSimpleName()));
      }
    }
    env.forEach(
        (k, v) -> {
          if (k.startsWith("CAMPAIGN_")) {
            values.put(k, v);
          }
        });
    values.values().removeIf(v -> v == null || v.isBlank());
    return new SettingsReader(values, errors);
  }

  /**
   * The environment variable of a file key: {@code campaign.smtp.host} to {@code
   * CAMPAIGN_SMTP_HOST}.
   */
  public static String envName(String fileKey) {
    return fileKey.strip().toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * The file key of an environment variable: {@code CAMPAIGN_SMTP_HOST} to {@code
   * campaign.smtp.host}.
   */
  public static String fileKey(String envName) {
    return envName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The names of every non-blank value given, as environment variable names. */
  public Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /** Whether a non-blank value is given for the key. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The value without surrounding blanks, or null when absent. */
  public @Nullable String text(String key) {
    String v = values.get(key);
    return v == null ? null : v.strip();
  }

  /** The value without surrounding blanks, or the default when absent. */
  public String text(String key, String dflt) {
    String v = text(key);
    return v == null ? dflt : v;
  }

  /** The value as a secret, taken as given (not stripped), or null when absent. */
  public @Nullable Secret secret(String key) {
    String v = values.get(key);
    return v == null ? null : Secret.of(v);
  }

  /** Records a problem with a key; {@link #throwIfInvalid} reports it with the others. */
  public void error(String key, String problem) {
    errors.add(new FieldError(key, problem));
  }

  /** Every problem found so far, in the order found. */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /**
   * Throws when any problem was found.
   *
   * @param subject what was read, the subject of the exception (such as {@code CampaignSettings})
   * @throws InvalidInputException listing every problem, each named by its environment variable
   */
  public void throwIfInvalid(String subject) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(subject, errors);
    }
  }

  /** A whole number between {@code min} and {@code max}; the default when absent or invalid. */
  public int integer(String key, int dflt, int min, int max) {
    String v = text(key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        error(key, "'" + v + "' is not between " + min + " and " + max);
        return dflt;
      }
      return n;
    } catch (NumberFormatException e) {
      error(key, "'" + v + "' is not a whole number");
      return dflt;
    }
  }

  /** true/yes/1/on or false/no/0/off; the default when absent or invalid. */
  public boolean bool(String key, boolean dflt) {
    String v = text(key);
    if (v == null) {
      return dflt;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> {
        error(key, "'" + v + "' is not true or false");
        yield dflt;
      }
    };
  }

  /** A duration such as 30s, 5m, 2h, 1d or ISO-8601 (PT5M); the default when absent or invalid. */
  public Duration duration(String key, Duration dflt) {
    String v = text(key);
    if (v == null) {
      return dflt;
    }
    Matcher m = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      error(key, "'" + v + "' is not a duration (30s, 5m, 2h, 1d or ISO-8601 such as PT5M)");
      return dflt;
    }
  }

  /**
   * A constant of the enum, case-insensitive, {@code -} for {@code _}; the default when absent or
   * invalid.
   */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
    String v = text(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      error(key, "'" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
      return dflt;
    }
  }

  /** An http(s) URL with a host; the default when absent or invalid. */
  public @Nullable URI url(String key, @Nullable URI dflt) {
    String v = text(key);
    if (v == null) {
      return dflt;
    }
    try {
      URI u = new URI(v);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        error(key, "'" + v + "' is not an http(s) URL");
        return dflt;
      }
      return u;
    } catch (URISyntaxException e) {
      error(key, "'" + v + "' is not a URL");
      return dflt;
    }
  }
}
