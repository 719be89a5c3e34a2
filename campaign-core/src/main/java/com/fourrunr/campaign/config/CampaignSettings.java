package com.fourrunr.campaign.config;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.SchedulePolicy;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration of a host service in one immutable value: timing, send windows, limits,
 * mailboxes, the model, Airtable, the database, tracking and the server port. Read it once at start with
 * {@link #load(Map, Path)}:
 *
 * <pre>{@code
 * CampaignSettings settings = CampaignSettings.load(System.getenv(), Path.of("campaign.properties"));
 * CampaignEngine engine = CampaignEngine.builder()
 *     .config(settings.campaignConfig())
 *     .sendLimits(settings.limits())
 *     ...
 * }</pre>
 *
 * <p><b>Names.</b> Every setting has an environment variable {@code CAMPAIGN_*} (see {@link #KEYS} and
 * docs/configuration.md). The file is a {@code .properties} file with the same keys in lower-case dotted
 * form: the variable's name lower-cased with each {@code _} turned into {@code .}, so {@code
 * CAMPAIGN_SMTP_HOST} is {@code campaign.smtp.host}. An environment variable wins over the file. Further
 * mailboxes take the suffix {@code _2} to {@code _9} ({@code CAMPAIGN_MAILBOX_ADDRESS_2}, {@code
 * campaign.mailbox.address.2}).
 *
 * <p><b>Errors.</b> {@link #load} checks everything and throws one {@link InvalidInputException} listing
 * every missing or bad value, each {@link FieldError} naming the environment variable. A secret's value is
 * never part of an error, a log line or a {@code toString}: secrets are {@link Secret}s.
 *
 * @param timing the sequence and retries
 * @param window when mail may go out
 * @param limits sending caps
 * @param mailboxes the sending mailboxes, in order (the first is the default sender); may be empty
 * @param model the model that writes messages (OpenAI or a compatible API)
 * @param airtable the Airtable table of leads, or null when not configured
 * @param database the database; {@link DatabaseSettings#embedded()} when no JDBC URL is given
 * @param tracking open/click tracking and unsubscribe links
 * @param serverPort the port of the host's HTTP server
 * @param instanceId the name this instance claims due messages under ({@code CAMPAIGN_INSTANCE_ID}), the
 *     same across its restarts and different from every other running instance; null: the host derives one
 */
public record CampaignSettings(
    Timing timing,
    SchedulePolicy window,
    SendLimits limits,
    List<MailboxSettings> mailboxes,
    ModelSettings model,
    @Nullable AirtableSettings airtable,
    DatabaseSettings database,
    TrackingSettings tracking,
    int serverPort,
    @Nullable String instanceId) {
  private static final Logger log = LoggerFactory.getLogger(CampaignSettings.class);

  /** The default sequence: days after the previous step (Hook, Proof, FOMO). */
  public static final String DEFAULT_SEQUENCE_DAYS = "0,3,4";
  /** The default server port. */
  public static final int DEFAULT_SERVER_PORT = 8080;
  /** The shortest tracking HMAC key accepted, in bytes. */
  public static final int MIN_HMAC_KEY_BYTES = 32;
  /** The most mailboxes: the first without a suffix, then {@code _2} to {@code _9}. */
  public static final int MAX_MAILBOXES = 9;

  /** Every environment variable read, the mailbox ones without suffix. */
  public static final List<String> KEYS = List.of(
      "CAMPAIGN_SEQUENCE_DAYS", "CAMPAIGN_INTERVAL_UNIT", "CAMPAIGN_MAX_ATTEMPTS", "CAMPAIGN_RETRY_BACKOFF",
      "CAMPAIGN_SEND_WINDOW", "CAMPAIGN_SEND_DAYS", "CAMPAIGN_SEND_JITTER", "CAMPAIGN_COUNTRY_HOLIDAYS",
      "CAMPAIGN_DEFAULT_ZONE", "CAMPAIGN_COMPANY_ZONE",
      "CAMPAIGN_LIMIT_MAILBOX_PER_DAY", "CAMPAIGN_LIMIT_MAILBOX_PER_HOUR", "CAMPAIGN_LIMIT_MIN_GAP",
      "CAMPAIGN_LIMIT_DOMAIN_PER_DAY",
      "CAMPAIGN_MAILBOX_ADDRESS", "CAMPAIGN_MAILBOX_NAME", "CAMPAIGN_SMTP_HOST", "CAMPAIGN_SMTP_PORT",
      "CAMPAIGN_SMTP_SECURITY", "CAMPAIGN_SMTP_USERNAME", "CAMPAIGN_SMTP_PASSWORD", "CAMPAIGN_IMAP_HOST",
      "CAMPAIGN_IMAP_PORT", "CAMPAIGN_IMAP_SECURITY", "CAMPAIGN_IMAP_USERNAME", "CAMPAIGN_IMAP_PASSWORD",
      "CAMPAIGN_IMAP_FOLDER",
      "CAMPAIGN_OPENAI_API_KEY", "CAMPAIGN_OPENAI_MODEL", "CAMPAIGN_OPENAI_BASE_URL", "CAMPAIGN_PROMPTS_DIR",
      "CAMPAIGN_AIRTABLE_TOKEN", "CAMPAIGN_AIRTABLE_BASE", "CAMPAIGN_AIRTABLE_TABLE",
      "CAMPAIGN_JDBC_URL", "CAMPAIGN_JDBC_USER", "CAMPAIGN_JDBC_PASSWORD",
      "CAMPAIGN_TRACKING_BASE_URL", "CAMPAIGN_TRACKING_HMAC_KEY",
      "CAMPAIGN_SERVER_PORT", "CAMPAIGN_INSTANCE_ID");

  private static final List<String> MAILBOX_KEYS = KEYS.subList(KEYS.indexOf("CAMPAIGN_MAILBOX_ADDRESS"),
      KEYS.indexOf("CAMPAIGN_IMAP_FOLDER") + 1);
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  /** Checks the parts are present and freezes the mailbox list. */
  public CampaignSettings {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(limits, "limits");
    mailboxes = List.copyOf(mailboxes);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(tracking, "tracking");
    if (serverPort < 1 || serverPort > 65535) {
      throw InvalidInputException.of("CampaignSettings", "CAMPAIGN_SERVER_PORT", serverPort + " is not a port");
    }
  }

  /**
   * Reads the configuration from environment variables over a properties file.
   *
   * @param env the environment, usually {@code System.getenv()}; only {@code CAMPAIGN_*} names are read
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @throws InvalidInputException listing every missing or invalid value, each named by its environment
   *     variable (and the file when it cannot be read); secret values are never quoted
   */
  public static CampaignSettings load(Map<String, String> env, @Nullable Path file) {
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
        errors.add(new FieldError("file " + file, "cannot be read: " + e.getClass().getSimpleName()));
      }
    }
    env.forEach((k, v) -> {
      if (k.startsWith("CAMPAIGN_")) {
        values.put(k, v);
      }
    });
    values.values().removeIf(v -> v == null || v.isBlank());
    warnUnknown(values.keySet());
    Reader0 in = new Reader0(values, errors);

    Timing timing = in.timing();
    SchedulePolicy window = in.window();
    SendLimits limits = in.limits();
    List<MailboxSettings> mailboxes = new ArrayList<>();
    for (int n = 1; n <= MAX_MAILBOXES; n++) {
      MailboxSettings m = in.mailbox(n == 1 ? "" : "_" + n);
      if (m != null) {
        mailboxes.add(m);
      }
    }
    ModelSettings model = in.model();
    AirtableSettings airtable = in.airtable();
    DatabaseSettings database = in.database();
    TrackingSettings tracking = in.tracking();
    int port = in.integer("CAMPAIGN_SERVER_PORT", DEFAULT_SERVER_PORT, 1, 65535);
    String instanceId = in.instanceId();
    if (!errors.isEmpty()) {
      throw new InvalidInputException("CampaignSettings", errors);
    }
    return new CampaignSettings(Objects.requireNonNull(timing), Objects.requireNonNull(window),
        Objects.requireNonNull(limits), mailboxes, Objects.requireNonNull(model), airtable,
        Objects.requireNonNull(database), Objects.requireNonNull(tracking), port, instanceId);
  }

  /** The environment variable of a file key: {@code campaign.smtp.host} to {@code CAMPAIGN_SMTP_HOST}. */
  public static String envName(String fileKey) {
    return fileKey.strip().toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The file key of an environment variable: {@code CAMPAIGN_SMTP_HOST} to {@code campaign.smtp.host}. */
  public static String fileKey(String envName) {
    return envName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static void warnUnknown(java.util.Set<String> names) {
    for (String name : new TreeSet<>(names)) {
      String base = name.replaceFirst("_[2-9]$", "");
      boolean known = KEYS.contains(name) || (!base.equals(name) && MAILBOX_KEYS.contains(base));
      if (!known) {
        // Names only: a misspelt variable may still hold a secret.
        log.warn("configuration key {} is not a setting of CampaignSettings; ignored", name);
      }
    }
  }

  /** The default sending mailbox: the first configured; empty when none is. */
  public java.util.Optional<MailboxSettings> primaryMailbox() {
    return mailboxes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(mailboxes.get(0));
  }

  /**
   * The {@link CampaignConfig} new campaigns start with: the sequence, retries and window of these
   * settings, sending from {@code from}.
   */
  public CampaignConfig campaignConfig(Mailbox from) {
    return new CampaignConfig(timing.sequence(), from, timing.maxAttempts(), timing.retryBackoff(), window);
  }

  /**
   * The sequence and retries.
   *
   * @param sequence the steps and the days between them
   * @param intervalUnit how days are counted
   * @param maxAttempts tries per message
   * @param retryBackoff the wait before the first retry
   */
  public record Timing(Sequence sequence, IntervalUnit intervalUnit, int maxAttempts, Duration retryBackoff) {
    /** Checks the parts are present. */
    public Timing {
      Objects.requireNonNull(sequence, "sequence");
      Objects.requireNonNull(intervalUnit, "intervalUnit");
      Objects.requireNonNull(retryBackoff, "retryBackoff");
    }
  }

  /** How a mail connection is protected. */
  public enum Security {
    /** Plain text; for local test servers only. */
    NONE,
    /** Plain connection upgraded with STARTTLS (SMTP submission, port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS 465, IMAPS 993). */
    TLS;

    int defaultSmtpPort() {
      return switch (this) {
        case NONE -> 25;
        case STARTTLS -> 587;
        case TLS -> 465;
      };
    }

    int defaultImapPort() {
      return this == TLS ? 993 : 143;
    }
  }

  /**
   * One sending mailbox and the servers behind it.
   *
   * @param mailbox the address and display name
   * @param smtp the SMTP server, or null when the host does not deliver from this mailbox
   * @param imap the IMAP server replies are read from, or null when replies do not come by IMAP
   */
  public record MailboxSettings(Mailbox mailbox, @Nullable Server smtp, @Nullable ImapServer imap) {
    /** Checks the mailbox is present. */
    public MailboxSettings {
      Objects.requireNonNull(mailbox, "mailbox");
    }
  }

  /**
   * A mail server and its login.
   *
   * @param host the host name
   * @param port the port
   * @param security how the connection is protected
   * @param username the login, or null for none
   * @param password the password, or null for none
   */
  public record Server(String host, int port, Security security, @Nullable String username,
      @Nullable Secret password) {
    /** Checks the parts are present. */
    public Server {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(security, "security");
    }
  }

  /**
   * An IMAP server and the folder replies arrive in.
   *
   * @param server the server and login
   * @param folder the folder, {@code INBOX} by default
   */
  public record ImapServer(Server server, String folder) {
    /** Checks the parts are present. */
    public ImapServer {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(folder, "folder");
    }
  }

  /**
   * The model that writes the messages.
   *
   * @param apiKey the OpenAI (or compatible) API key, or null: then messages come from templates
   * @param model the model name
   * @param baseUrl the API's base URL
   * @param promptsDir a folder of prompt files replacing the built-in prompts, or null
   */
  public record ModelSettings(@Nullable Secret apiKey, String model, URI baseUrl, @Nullable Path promptsDir) {
    /** The OpenAI default model. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    /** The OpenAI API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    /** Checks the parts are present. */
    public ModelSettings {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** Whether a model is configured (an API key is given). */
    public boolean enabled() {
      return apiKey != null;
    }
  }

  /**
   * The Airtable table of leads.
   *
   * @param token a personal access token
   * @param baseId the base ({@code app...})
   * @param table the table name or id
   */
  public record AirtableSettings(Secret token, String baseId, String table) {
    /** Checks the parts are present. */
    public AirtableSettings {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(baseId, "baseId");
      Objects.requireNonNull(table, "table");
    }
  }

  /**
   * The redaction of every configured secret (SMTP and IMAP passwords, the model's API key, the Airtable
   * token, the database password, also one written inside the JDBC URL, the tracking key): apply it to any
   * text a remote service or a driver sends back before it is logged or shown.
   */
  public Redaction redaction() {
    List<Secret> secrets = new ArrayList<>();
    for (MailboxSettings m : mailboxes) {
      if (m.smtp() != null && m.smtp().password() != null) {
        secrets.add(m.smtp().password());
      }
      if (m.imap() != null && m.imap().server().password() != null) {
        secrets.add(m.imap().server().password());
      }
    }
    if (model.apiKey() != null) {
      secrets.add(model.apiKey());
    }
    if (airtable != null) {
      secrets.add(airtable.token());
    }
    if (database.password() != null) {
      secrets.add(database.password());
    }
    Secret inUrl = Redaction.passwordIn(database.jdbcUrl());
    if (inUrl != null) {
      secrets.add(inUrl);
    }
    if (tracking.hmacKey() != null) {
      secrets.add(tracking.hmacKey());
    }
    return Redaction.of(secrets);
  }

  /**
   * The database.
   *
   * @param jdbcUrl the JDBC URL (PostgreSQL), or null for the embedded database
   * @param user the user, or null
   * @param password the password, or null
   */
  public record DatabaseSettings(@Nullable String jdbcUrl, @Nullable String user, @Nullable Secret password) {
    /** Whether the embedded database is used (no JDBC URL given). */
    public boolean embedded() {
      return jdbcUrl == null;
    }

    /** The URL with any password in it (user:password@, password=...) shown as {@code ****}. */
    @Override
    public String toString() {
      return "DatabaseSettings[jdbcUrl=" + redactUrl(jdbcUrl) + ", user=" + user + ", password="
          + (password == null ? null : Secret.REDACTED) + "]";
    }

    private static @Nullable String redactUrl(@Nullable String url) {
      return Redaction.jdbcUrl(url);
    }
  }

  /**
   * Open/click tracking and signed links.
   *
   * @param baseUrl the public base URL of the tracking endpoints, or null: no tracking links
   * @param hmacKey the key that signs tracking and unsubscribe links, or null
   */
  public record TrackingSettings(@Nullable URI baseUrl, @Nullable Secret hmacKey) {
    /** Whether tracking links are written. */
    public boolean enabled() {
      return baseUrl != null && hmacKey != null;
    }
  }

  /** Reads typed values, collecting every problem. */
  private static final class Reader0 {
    private final Map<String, String> values;
    private final List<FieldError> errors;
    private IntervalUnit intervalUnit = SchedulePolicy.DEFAULT_INTERVAL_UNIT;

    Reader0(Map<String, String> values, List<FieldError> errors) {
      this.values = values;
      this.errors = errors;
    }

    @Nullable String text(String key) {
      String v = values.get(key);
      return v == null ? null : v.strip();
    }

    @Nullable Secret secret(String key) {
      String v = values.get(key);
      // Not stripped: a secret is taken as given (but a blank one counts as absent).
      return v == null ? null : Secret.of(v);
    }

    void error(String key, String problem) {
      errors.add(new FieldError(key, problem));
    }

    int integer(String key, int dflt, int min, int max) {
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

    boolean bool(String key, boolean dflt) {
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

    Duration duration(String key, Duration dflt) {
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

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
      String v = text(key);
      if (v == null) {
        return dflt;
      }
      try {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        error(key, "'" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return dflt;
      }
    }

    @Nullable URI url(String key, @Nullable URI dflt) {
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

    @Nullable Timing timing() {
      String days = values.getOrDefault("CAMPAIGN_SEQUENCE_DAYS", DEFAULT_SEQUENCE_DAYS).strip();
      List<SequenceStep> steps = new ArrayList<>();
      String[] parts = days.split("\\s*,\\s*");
      boolean ok = parts.length >= 1 && parts.length <= Sequence.MAX_STEPS;
      for (int i = 0; ok && i < parts.length; i++) {
        try {
          int d = Integer.parseInt(parts[i]);
          if (d < 0 || d > 365) {
            ok = false;
          } else {
            steps.add(new SequenceStep(stepType(i), d));
          }
        } catch (NumberFormatException e) {
          ok = false;
        }
      }
      if (!ok) {
        error("CAMPAIGN_SEQUENCE_DAYS", "'" + days + "' is not 1 to " + Sequence.MAX_STEPS
            + " comma-separated day counts (0 to 365), such as " + DEFAULT_SEQUENCE_DAYS);
      }
      IntervalUnit unit = enumValue("CAMPAIGN_INTERVAL_UNIT", IntervalUnit.class, SchedulePolicy.DEFAULT_INTERVAL_UNIT);
      intervalUnit = unit;
      int attempts = integer("CAMPAIGN_MAX_ATTEMPTS", CampaignConfig.DEFAULT_MAX_ATTEMPTS, 1, 50);
      Duration backoff = duration("CAMPAIGN_RETRY_BACKOFF", CampaignConfig.DEFAULT_RETRY_BACKOFF);
      if (backoff.isNegative() || backoff.isZero()) {
        error("CAMPAIGN_RETRY_BACKOFF", "must be a positive duration");
      }
      return ok ? new Timing(new Sequence("configured", steps), unit, attempts, backoff) : null;
    }

    private static MessageType stepType(int index) {
      return switch (index) {
        case 0 -> MessageType.HOOK;
        case 1 -> MessageType.PROOF;
        case 2 -> MessageType.FOMO;
        default -> new MessageType("Step" + (index + 1));
      };
    }

    @Nullable SchedulePolicy window() {
      SchedulePolicy.Builder b = SchedulePolicy.builder();
      b.intervalUnit(intervalUnit); // read (and checked) once, by timing()
      String w = text("CAMPAIGN_SEND_WINDOW");
      if (w != null) {
        b.window(w);
      }
      String d = text("CAMPAIGN_SEND_DAYS");
      if (d != null) {
        b.days(d);
      }
      b.jitter(bool("CAMPAIGN_SEND_JITTER", true));
      b.countryHolidays(bool("CAMPAIGN_COUNTRY_HOLIDAYS", true));
      zone("CAMPAIGN_DEFAULT_ZONE", b::defaultZone);
      zone("CAMPAIGN_COMPANY_ZONE", b::companyZone);
      try {
        return b.build();
      } catch (InvalidInputException e) {
        for (FieldError fe : e.errors()) {
          String key = switch (fe.field()) {
            case "window", "windowStart", "windowEnd" -> "CAMPAIGN_SEND_WINDOW";
            case "days", "sendDays" -> "CAMPAIGN_SEND_DAYS";
            case "defaultZone" -> "CAMPAIGN_DEFAULT_ZONE";
            case "companyZone" -> "CAMPAIGN_COMPANY_ZONE";
            default -> "CAMPAIGN_SEND_WINDOW (" + fe.field() + ")";
          };
          error(key, fe.problem());
        }
        return null;
      }
    }

    private void zone(String key, java.util.function.Consumer<java.time.ZoneId> into) {
      String z = text(key);
      if (z == null) {
        return;
      }
      try {
        into.accept(java.time.ZoneId.of(z));
      } catch (java.time.DateTimeException e) {
        error(key, "'" + z + "' is not a time zone id such as Europe/Paris");
      }
    }

    @Nullable SendLimits limits() {
      int perDay = integer("CAMPAIGN_LIMIT_MAILBOX_PER_DAY", 0, 0, 1_000_000);
      int perHour = integer("CAMPAIGN_LIMIT_MAILBOX_PER_HOUR", 0, 0, 1_000_000);
      Duration gap = duration("CAMPAIGN_LIMIT_MIN_GAP", Duration.ZERO);
      int perDomain = integer("CAMPAIGN_LIMIT_DOMAIN_PER_DAY", 0, 0, 1_000_000);
      try {
        return new SendLimits(perDay, perHour, gap, perDomain);
      } catch (InvalidInputException e) {
        for (FieldError fe : e.errors()) {
          error(fe.field().equals("minimumGap") ? "CAMPAIGN_LIMIT_MIN_GAP" : "CAMPAIGN_LIMIT_" + fe.field(),
              fe.problem());
        }
        return null;
      }
    }

    @Nullable MailboxSettings mailbox(String suffix) {
      String address = text("CAMPAIGN_MAILBOX_ADDRESS" + suffix);
      String smtpHost = text("CAMPAIGN_SMTP_HOST" + suffix);
      String imapHost = text("CAMPAIGN_IMAP_HOST" + suffix);
      boolean anyOther = MAILBOX_KEYS.stream().anyMatch(k -> values.containsKey(k + suffix));
      if (address == null) {
        if (anyOther) {
          error("CAMPAIGN_MAILBOX_ADDRESS" + suffix, "is required when other CAMPAIGN_*" + suffix
              + " mailbox settings are given");
        }
        return null;
      }
      Mailbox mailbox = null;
      try {
        String name = text("CAMPAIGN_MAILBOX_NAME" + suffix);
        mailbox = new Mailbox(address, name == null ? "" : name);
      } catch (InvalidInputException e) {
        error("CAMPAIGN_MAILBOX_ADDRESS" + suffix, "'" + address + "' is not an email address");
      }
      Server smtp = null;
      Security smtpSecurity = enumValue("CAMPAIGN_SMTP_SECURITY" + suffix, Security.class, Security.STARTTLS);
      String smtpUser = values.containsKey("CAMPAIGN_SMTP_USERNAME" + suffix)
          ? text("CAMPAIGN_SMTP_USERNAME" + suffix) : null;
      Secret smtpPassword = secret("CAMPAIGN_SMTP_PASSWORD" + suffix);
      if (smtpHost != null) {
        int port = integer("CAMPAIGN_SMTP_PORT" + suffix, smtpSecurity.defaultSmtpPort(), 1, 65535);
        if (smtpUser == null && smtpPassword != null) {
          smtpUser = address.strip();
        }
        if (smtpUser != null && smtpPassword == null) {
          error("CAMPAIGN_SMTP_PASSWORD" + suffix, "is required when CAMPAIGN_SMTP_USERNAME" + suffix
              + " is given");
        }
        smtp = new Server(smtpHost, port, smtpSecurity, smtpUser, smtpPassword);
      } else {
        for (String k : List.of("CAMPAIGN_SMTP_PORT", "CAMPAIGN_SMTP_USERNAME", "CAMPAIGN_SMTP_PASSWORD")) {
          if (values.containsKey(k + suffix)) {
            error("CAMPAIGN_SMTP_HOST" + suffix, "is required when " + k + suffix + " is given");
            break;
          }
        }
      }
      ImapServer imap = null;
      if (imapHost != null) {
        Security sec = enumValue("CAMPAIGN_IMAP_SECURITY" + suffix, Security.class, Security.TLS);
        int port = integer("CAMPAIGN_IMAP_PORT" + suffix, sec.defaultImapPort(), 1, 65535);
        String user = text("CAMPAIGN_IMAP_USERNAME" + suffix);
        Secret password = secret("CAMPAIGN_IMAP_PASSWORD" + suffix);
        if (user == null) {
          user = smtpUser != null ? smtpUser : address.strip();
        }
        if (password == null) {
          password = smtpPassword;
        }
        if (password == null) {
          error("CAMPAIGN_IMAP_PASSWORD" + suffix, "is required when CAMPAIGN_IMAP_HOST" + suffix
              + " is given (or set CAMPAIGN_SMTP_PASSWORD" + suffix + ")");
        }
        String folder = values.getOrDefault("CAMPAIGN_IMAP_FOLDER" + suffix, "INBOX").strip();
        imap = new ImapServer(new Server(imapHost, port, sec, user, password), folder);
      }
      return mailbox == null ? null : new MailboxSettings(mailbox, smtp, imap);
    }

    @Nullable ModelSettings model() {
      Secret key = secret("CAMPAIGN_OPENAI_API_KEY");
      String model = values.getOrDefault("CAMPAIGN_OPENAI_MODEL", ModelSettings.DEFAULT_MODEL).strip();
      URI base = url("CAMPAIGN_OPENAI_BASE_URL", ModelSettings.DEFAULT_BASE_URL);
      String prompts = text("CAMPAIGN_PROMPTS_DIR");
      Path dir = null;
      if (prompts != null) {
        dir = Path.of(prompts);
        if (!Files.isDirectory(dir)) {
          error("CAMPAIGN_PROMPTS_DIR", "'" + prompts + "' is not a folder");
        }
      }
      return new ModelSettings(key, model, Objects.requireNonNull(base), dir);
    }

    @Nullable AirtableSettings airtable() {
      Secret token = secret("CAMPAIGN_AIRTABLE_TOKEN");
      String base = text("CAMPAIGN_AIRTABLE_BASE");
      String table = text("CAMPAIGN_AIRTABLE_TABLE");
      if (token == null && base == null && table == null) {
        return null;
      }
      if (token == null) {
        error("CAMPAIGN_AIRTABLE_TOKEN", "is required when Airtable is configured");
      }
      if (base == null) {
        error("CAMPAIGN_AIRTABLE_BASE", "is required when Airtable is configured");
      } else if (!base.startsWith("app")) {
        error("CAMPAIGN_AIRTABLE_BASE", "'" + base + "' is not a base id (app...)");
      }
      if (table == null) {
        error("CAMPAIGN_AIRTABLE_TABLE", "is required when Airtable is configured");
      }
      return token == null || base == null || table == null ? null : new AirtableSettings(token, base, table);
    }

    DatabaseSettings database() {
      String url = text("CAMPAIGN_JDBC_URL");
      if (url != null && !url.startsWith("jdbc:")) {
        // The URL may carry a password: not quoted.
        error("CAMPAIGN_JDBC_URL", "is not a JDBC URL (jdbc:postgresql://host:5432/db)");
      }
      if (url == null && (values.containsKey("CAMPAIGN_JDBC_USER") || values.containsKey("CAMPAIGN_JDBC_PASSWORD"))) {
        error("CAMPAIGN_JDBC_URL", "is required when CAMPAIGN_JDBC_USER or CAMPAIGN_JDBC_PASSWORD is given");
      }
      return new DatabaseSettings(url, text("CAMPAIGN_JDBC_USER"), secret("CAMPAIGN_JDBC_PASSWORD"));
    }

    @Nullable String instanceId() {
      String id = text("CAMPAIGN_INSTANCE_ID");
      if (id != null && (id.length() > 200 || id.chars().anyMatch(Character::isISOControl))) {
        error("CAMPAIGN_INSTANCE_ID", "must be 1 to 200 characters without control characters");
        return null;
      }
      return id;
    }

    TrackingSettings tracking() {
      URI base = url("CAMPAIGN_TRACKING_BASE_URL", null);
      Secret key = secret("CAMPAIGN_TRACKING_HMAC_KEY");
      if (values.containsKey("CAMPAIGN_TRACKING_BASE_URL") && key == null) {
        error("CAMPAIGN_TRACKING_HMAC_KEY", "is required when CAMPAIGN_TRACKING_BASE_URL is given");
      }
      if (key != null && key.length() < MIN_HMAC_KEY_BYTES) {
        error("CAMPAIGN_TRACKING_HMAC_KEY", "is shorter than " + MIN_HMAC_KEY_BYTES + " bytes");
      }
      return new TrackingSettings(base, key);
    }
  }
}
