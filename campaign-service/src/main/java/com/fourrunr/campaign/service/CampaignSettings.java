package com.fourrunr.campaign.service;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SendLimits;
import com.fourrunr.campaign.airtable.AirtableSettings;
import com.fourrunr.campaign.config.EngineSettings;
import com.fourrunr.campaign.config.EngineSettings.Timing;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import com.fourrunr.campaign.config.TrackingSettings;
import com.fourrunr.campaign.esp.EspWebhookSettings;
import com.fourrunr.campaign.jdbc.DatabaseSettings;
import com.fourrunr.campaign.openai.OpenAiSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration of the host service in one immutable value: each part read by the module
 * that owns it (the engine's timing, window and limits and tracking by campaign-core, the mailboxes
 * by the SMTP adapter, the model by the OpenAI adapter, Airtable and the database by theirs), and
 * the service's own server port and instance id. Read it once at start with {@link #load(Map,
 * Path)}:
 *
 * <pre>{@code
 * CampaignSettings settings = CampaignSettings.load(System.getenv(), Path.of("campaign.properties"));
 * }</pre>
 *
 * <p><b>Names.</b> Every setting has an environment variable {@code CAMPAIGN_*} (see {@link #KEYS}
 * and docs/configuration.md). The file is a {@code .properties} file with the same keys in
 * lower-case dotted form: the variable's name lower-cased with each {@code _} turned into {@code
 * .}, so {@code CAMPAIGN_SMTP_HOST} is {@code campaign.smtp.host}. An environment variable wins
 * over the file. Further mailboxes take the suffix {@code _2} to {@code _9} ({@code
 * CAMPAIGN_MAILBOX_ADDRESS_2}, {@code campaign.mailbox.address.2}).
 *
 * <p><b>Errors.</b> {@link #load} checks everything and throws one {@link InvalidInputException}
 * listing every missing or bad value, each {@link FieldError} naming the environment variable. A
 * secret's value is never part of an error, a log line or a {@code toString}: secrets are {@link
 * Secret}s.
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
 * @param instanceId the name this instance claims due messages under ({@code
 *     CAMPAIGN_INSTANCE_ID}), the same across its restarts and different from every other running
 *     instance; null: the host derives one
 * @param esp the ESP event webhooks served under {@code /webhooks/} ({@code CAMPAIGN_ESP_*})
 * @param verification address verification before enrolment ({@code CAMPAIGN_VERIFY_*})
 * @param warmUp mailbox warm-up ({@code CAMPAIGN_WARMUP_*})
 */
public record CampaignSettings(
    Timing timing,
    SchedulePolicy window,
    SendLimits limits,
    List<MailboxSettings> mailboxes,
    OpenAiSettings model,
    @Nullable AirtableSettings airtable,
    DatabaseSettings database,
    TrackingSettings tracking,
    int serverPort,
    @Nullable String instanceId,
    EspWebhookSettings esp,
    VerificationSettings verification,
    WarmUpSettings warmUp) {
  private static final Logger log = LoggerFactory.getLogger(CampaignSettings.class);

  /** The default server port. */
  public static final int DEFAULT_SERVER_PORT = 8080;

  /**
   * The service's own environment variables: the server port, the instance id, the inbound
   * webhook's secret and the API token's hash.
   */
  public static final List<String> SERVICE_KEYS =
      List.of(
          "CAMPAIGN_SERVER_PORT",
          "CAMPAIGN_INSTANCE_ID",
          "CAMPAIGN_INBOUND_SECRET",
          "CAMPAIGN_API_TOKEN_SHA256");

  /** Every environment variable read, the mailbox ones without suffix. */
  public static final List<String> KEYS =
      Stream.of(
              EngineSettings.KEYS,
              MailboxSettings.KEYS,
              OpenAiSettings.KEYS,
              AirtableSettings.KEYS,
              DatabaseSettings.KEYS,
              TrackingSettings.KEYS,
              EspWebhookSettings.KEYS,
              SERVICE_KEYS,
              VerificationSettings.KEYS,
              WarmUpSettings.KEYS)
          .flatMap(List::stream)
          .toList();

  /** Checks the parts are present and freezes the mailbox list. */
  public CampaignSettings {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(limits, "limits");
    mailboxes = List.copyOf(mailboxes);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(esp, "esp");
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(warmUp, "warmUp");
    if (serverPort < 1 || serverPort > 65535) {
      throw InvalidInputException.of(
          "CampaignSettings", "CAMPAIGN_SERVER_PORT", serverPort + " is not a port");
    }
  }

  /** Settings with the default address verification ({@link VerificationSettings#defaults()}). */
  public CampaignSettings(
      Timing timing,
      SchedulePolicy window,
      SendLimits limits,
      List<MailboxSettings> mailboxes,
      OpenAiSettings model,
      @Nullable AirtableSettings airtable,
      DatabaseSettings database,
      TrackingSettings tracking,
      int serverPort,
      @Nullable String instanceId) {
    this(
        timing,
        window,
        limits,
        mailboxes,
        model,
        airtable,
        database,
        tracking,
        serverPort,
        instanceId,
        EspWebhookSettings.none(),
        VerificationSettings.defaults());
  }

  /** Settings with address verification and without ESP webhooks. */
  public CampaignSettings(
      Timing timing,
      SchedulePolicy window,
      SendLimits limits,
      List<MailboxSettings> mailboxes,
      OpenAiSettings model,
      @Nullable AirtableSettings airtable,
      DatabaseSettings database,
      TrackingSettings tracking,
      int serverPort,
      @Nullable String instanceId,
      VerificationSettings verification) {
    this(
        timing,
        window,
        limits,
        mailboxes,
        model,
        airtable,
        database,
        tracking,
        serverPort,
        instanceId,
        EspWebhookSettings.none(),
        verification);
  }

  /**
   * Reads the configuration from environment variables over a properties file.
   *
   * @param env the environment, usually {@code System.getenv()}; only {@code CAMPAIGN_*} names are
   *     read
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @throws InvalidInputException listing every missing or invalid value, each named by its
   *     environment variable (and the file when it cannot be read); secret values are never quoted
   */
  public static CampaignSettings load(Map<String, String> env, @Nullable Path file) {
    // OPENAI_API_KEY (and _MODEL, _BASE_URL) count when the CAMPAIGN_OPENAI_ name is not set.
    SettingsReader in = SettingsReader.load(OpenAiSettings.withPlainNames(env), file);
    warnUnknown(in);
    EngineSettings engine = EngineSettings.read(in);
    List<MailboxSettings> mailboxes = MailboxSettings.read(in);
    OpenAiSettings model = OpenAiSettings.read(in);
    AirtableSettings airtable = AirtableSettings.read(in);
    DatabaseSettings database = DatabaseSettings.read(in);
    TrackingSettings tracking = TrackingSettings.read(in);
    EspWebhookSettings esp = EspWebhookSettings.read(in);
    int port = in.integer("CAMPAIGN_SERVER_PORT", DEFAULT_SERVER_PORT, 1, 65535);
    String instanceId = instanceId(in);
    VerificationSettings verification = VerificationSettings.read(in);
    WarmUpSettings warmUp = WarmUpSettings.read(in);
    in.throwIfInvalid("CampaignSettings");
    EngineSettings e = Objects.requireNonNull(engine);
    return new CampaignSettings(
        e.timing(),
        e.window(),
        e.limits(),
        mailboxes,
        model,
        airtable,
        database,
        tracking,
        port,
        instanceId,
        esp,
        verification,
        warmUp);
  }

  /** Settings with ESP webhooks and address verification, without warm-up. */
  public CampaignSettings(
      Timing timing,
      SchedulePolicy window,
      SendLimits limits,
      List<MailboxSettings> mailboxes,
      OpenAiSettings model,
      @Nullable AirtableSettings airtable,
      DatabaseSettings database,
      TrackingSettings tracking,
      int serverPort,
      @Nullable String instanceId,
      EspWebhookSettings esp,
      VerificationSettings verification) {
    this(
        timing,
        window,
        limits,
        mailboxes,
        model,
        airtable,
        database,
        tracking,
        serverPort,
        instanceId,
        esp,
        verification,
        WarmUpSettings.off());
  }

  /** Settings with ESP webhooks and the default address verification. */
  public CampaignSettings(
      Timing timing,
      SchedulePolicy window,
      SendLimits limits,
      List<MailboxSettings> mailboxes,
      OpenAiSettings model,
      @Nullable AirtableSettings airtable,
      DatabaseSettings database,
      TrackingSettings tracking,
      int serverPort,
      @Nullable String instanceId,
      EspWebhookSettings esp) {
    this(
        timing,
        window,
        limits,
        mailboxes,
        model,
        airtable,
        database,
        tracking,
        serverPort,
        instanceId,
        esp,
        VerificationSettings.defaults());
  }

  /**
   * The environment variable of a file key: {@code campaign.smtp.host} to {@code
   * CAMPAIGN_SMTP_HOST}.
   */
  public static String envName(String fileKey) {
    return SettingsReader.envName(fileKey);
  }

  /**
   * The file key of an environment variable: {@code CAMPAIGN_SMTP_HOST} to {@code
   * campaign.smtp.host}.
   */
  public static String fileKey(String envName) {
    return SettingsReader.fileKey(envName);
  }

  private static void warnUnknown(SettingsReader in) {
    for (String name : new TreeSet<>(in.names())) {
      if (!KEYS.contains(name) && !MailboxSettings.isKey(name)) {
        // Names only: a misspelt variable may still hold a secret.
        log.warn("configuration key {} is not a setting of CampaignSettings; ignored", name);
      }
    }
  }

  private static @Nullable String instanceId(SettingsReader in) {
    String id = in.text("CAMPAIGN_INSTANCE_ID");
    if (id != null && (id.length() > 200 || id.chars().anyMatch(Character::isISOControl))) {
      in.error("CAMPAIGN_INSTANCE_ID", "must be 1 to 200 characters without control characters");
      return null;
    }
    return id;
  }

  /** The engine's part: the sequence and retries, the window and the limits. */
  public EngineSettings engine() {
    return new EngineSettings(timing, window, limits);
  }

  /** The default sending mailbox: the first configured; empty when none is. */
  public Optional<MailboxSettings> primaryMailbox() {
    return mailboxes.isEmpty() ? Optional.empty() : Optional.of(mailboxes.get(0));
  }

  /**
   * The {@link CampaignConfig} new campaigns start with: the sequence, retries and window of these
   * settings, sending from {@code from}.
   */
  public CampaignConfig campaignConfig(Mailbox from) {
    return engine().campaignConfig(from);
  }

  /**
   * The redaction of every configured secret (SMTP and IMAP passwords, the model's API key, the
   * Airtable token, the database password, also one written inside the JDBC URL, the tracking key):
   * apply it to any text a remote service or a driver sends back before it is logged or shown.
   */
  public Redaction redaction() {
    List<Secret> secrets = new ArrayList<>();
    for (MailboxSettings m : mailboxes) {
      secrets.addAll(m.secrets());
    }
    if (model.apiKey() != null) {
      secrets.add(model.apiKey());
    }
    if (airtable != null) {
      secrets.add(airtable.token());
    }
    secrets.addAll(database.secrets());
    if (tracking.hmacKey() != null) {
      secrets.add(tracking.hmacKey());
    }
    secrets.addAll(esp.secrets());
    return Redaction.of(secrets);
  }
}
