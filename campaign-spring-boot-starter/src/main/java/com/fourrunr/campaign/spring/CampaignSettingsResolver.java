package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.airtable.AirtableSettings;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.config.EngineSettings;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import com.fourrunr.campaign.config.TrackingSettings;
import com.fourrunr.campaign.esp.EspWebhookSettings;
import com.fourrunr.campaign.openai.OpenAiSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.smtp.SmtpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link CampaignProperties} with the library's own settings readers: the properties are
 * handed to them under their {@code CAMPAIGN_*} names, so names, defaults and checks are the same
 * as the settings', and each problem is reported under its {@code campaign.*} property. Every
 * problem is collected before one {@link InvalidInputException} lists them; no secret is quoted.
 */
final class CampaignSettingsResolver {
  static final String SUBJECT = "campaign properties";

  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> propertyOf = new LinkedHashMap<>();

  private CampaignSettingsResolver() {}

  /**
   * The settings of these properties.
   *
   * @throws InvalidInputException listing every problem, each named by its property
   */
  static ResolvedSettings resolve(CampaignProperties p) {
    return new CampaignSettingsResolver().read(p);
  }

  private ResolvedSettings read(CampaignProperties p) {
    CampaignProperties.Sequence seq = p.sequence();
    put("CAMPAIGN_SEQUENCE_DAYS", "campaign.sequence.days", join(seq.days()));
    put("CAMPAIGN_INTERVAL_UNIT", "campaign.sequence.interval-unit", seq.intervalUnit());
    put("CAMPAIGN_MAX_ATTEMPTS", "campaign.sequence.max-attempts", seq.maxAttempts());
    put("CAMPAIGN_RETRY_BACKOFF", "campaign.sequence.retry-backoff", seq.retryBackoff());
    CampaignProperties.Send send = p.send();
    put("CAMPAIGN_SEND_WINDOW", "campaign.send.window", send.window());
    put("CAMPAIGN_SEND_DAYS", "campaign.send.days", send.days());
    put("CAMPAIGN_SEND_JITTER", "campaign.send.jitter", send.jitter());
    put("CAMPAIGN_COUNTRY_HOLIDAYS", "campaign.send.country-holidays", send.countryHolidays());
    put("CAMPAIGN_DEFAULT_ZONE", "campaign.send.default-zone", send.defaultZone());
    put("CAMPAIGN_COMPANY_ZONE", "campaign.send.company-zone", send.companyZone());
    CampaignProperties.Limits limits = p.limits();
    put(
        "CAMPAIGN_LIMIT_MAILBOX_PER_DAY",
        "campaign.limits.mailbox-per-day",
        limits.mailboxPerDay());
    put(
        "CAMPAIGN_LIMIT_MAILBOX_PER_HOUR",
        "campaign.limits.mailbox-per-hour",
        limits.mailboxPerHour());
    put("CAMPAIGN_LIMIT_MIN_GAP", "campaign.limits.min-gap", limits.minGap());
    put("CAMPAIGN_LIMIT_DOMAIN_PER_DAY", "campaign.limits.domain-per-day", limits.domainPerDay());
    List<CampaignProperties.MailboxProperties> boxes = p.mailboxList();
    for (int i = 0; i < Math.min(boxes.size(), MailboxSettings.MAX_MAILBOXES); i++) {
      mailbox(boxes.get(i), i);
    }
    CampaignProperties.OpenAi ai = p.openai();
    put("CAMPAIGN_OPENAI_API_KEY", "campaign.openai.api-key", ai.apiKey());
    put("CAMPAIGN_OPENAI_MODEL", "campaign.openai.model", ai.model());
    put("CAMPAIGN_OPENAI_BASE_URL", "campaign.openai.base-url", ai.baseUrl());
    put("CAMPAIGN_PROMPTS_DIR", "campaign.openai.prompts-dir", ai.promptsDir());
    put("CAMPAIGN_OPENAI_MAX_CONCURRENCY", "campaign.openai.max-concurrency", ai.maxConcurrency());
    put("CAMPAIGN_OPENAI_BATCH", "campaign.openai.batch", ai.batch());
    CampaignProperties.Airtable at = p.airtable();
    put("CAMPAIGN_AIRTABLE_TOKEN", "campaign.airtable.token", at.token());
    put("CAMPAIGN_AIRTABLE_BASE", "campaign.airtable.base", at.base());
    put("CAMPAIGN_AIRTABLE_TABLE", "campaign.airtable.table", at.table());
    CampaignProperties.Tracking tr = p.tracking();
    put("CAMPAIGN_TRACKING_BASE_URL", "campaign.tracking.base-url", tr.baseUrl());
    put("CAMPAIGN_TRACKING_HMAC_KEY", "campaign.tracking.hmac-key", tr.hmacKey());
    esp(p.esp());

    SettingsReader in = SettingsReader.load(env, null);
    EngineSettings engine = EngineSettings.read(in);
    List<MailboxSettings> mailboxes = MailboxSettings.read(in);
    OpenAiSettings model = OpenAiSettings.read(in);
    AirtableSettings airtable = AirtableSettings.read(in);
    TrackingSettings tracking = TrackingSettings.read(in);
    EspWebhookSettings esp = EspWebhookSettings.read(in);
    List<FieldError> errors = new ArrayList<>();
    for (FieldError e : in.errors()) {
      errors.add(new FieldError(rename(e.field()), rename(e.problem())));
    }
    List<List<SmtpConfig>> fallbacks = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      fallbacks.add(fallback(boxes.get(i), i, errors));
    }
    ownChecks(p, tracking, errors);
    LinkedInSettings linkedIn = LinkedInAccounts.read(p.linkedin(), errors);
    AlertRules.check(p.alerts(), errors);
    InboundSecurity.check(p.inbound(), errors);
    WarmUps.check(p.warmUp(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(SUBJECT, errors);
    }
    return new ResolvedSettings(
        Objects.requireNonNull(engine),
        mailboxes,
        fallbacks,
        model,
        airtable,
        tracking,
        Objects.requireNonNull(linkedIn),
        secrets(p),
        esp);
  }

  private void mailbox(CampaignProperties.MailboxProperties m, int i) {
    String suffix = i == 0 ? "" : "_" + (i + 1);
    String at = "campaign.mailboxes[" + i + "].";
    put("CAMPAIGN_MAILBOX_ADDRESS" + suffix, at + "address", m.address());
    put("CAMPAIGN_MAILBOX_NAME" + suffix, at + "name", m.name());
    CampaignProperties.Server s = m.smtp();
    put("CAMPAIGN_SMTP_HOST" + suffix, at + "smtp.host", s.host());
    put("CAMPAIGN_SMTP_PORT" + suffix, at + "smtp.port", s.port());
    put("CAMPAIGN_SMTP_SECURITY" + suffix, at + "smtp.security", s.security());
    put("CAMPAIGN_SMTP_USERNAME" + suffix, at + "smtp.username", s.username());
    put("CAMPAIGN_SMTP_PASSWORD" + suffix, at + "smtp.password", s.password());
    CampaignProperties.Imap imap = m.imap();
    put("CAMPAIGN_IMAP_HOST" + suffix, at + "imap.host", imap.host());
    put("CAMPAIGN_IMAP_PORT" + suffix, at + "imap.port", imap.port());
    // The default security only when a host is given: a bare default is not "a setting given".
    put("CAMPAIGN_IMAP_SECURITY" + suffix, at + "imap.security", imap.security());
    put("CAMPAIGN_IMAP_USERNAME" + suffix, at + "imap.username", imap.username());
    put("CAMPAIGN_IMAP_PASSWORD" + suffix, at + "imap.password", imap.password());
    put("CAMPAIGN_IMAP_FOLDER" + suffix, at + "imap.folder", imap.folder());
    CampaignProperties.Dkim dkim = m.dkim();
    put("CAMPAIGN_DKIM_SELECTOR" + suffix, at + "dkim.selector", dkim.selector());
    put("CAMPAIGN_DKIM_DOMAIN" + suffix, at + "dkim.domain", dkim.domain());
    put("CAMPAIGN_DKIM_PRIVATE_KEY" + suffix, at + "dkim.private-key", dkim.privateKey());
    put(
        "CAMPAIGN_DKIM_PRIVATE_KEY_FILE" + suffix,
        at + "dkim.private-key-file",
        dkim.privateKeyFile());
    propertyOf.put("CAMPAIGN_*" + suffix + " mailbox settings", at + "* settings");
  }

  private void esp(EspProperties esp) {
    List<String> topics = esp.sesTopicList();
    put(
        "CAMPAIGN_ESP_SES_TOPIC_ARNS",
        "campaign.esp.ses-topic-arns",
        topics.isEmpty() ? null : String.join(",", topics));
    put(
        "CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY",
        "campaign.esp.sendgrid-verification-key",
        esp.sendgridVerificationKey());
    put(
        "CAMPAIGN_ESP_MAILGUN_SIGNING_KEY",
        "campaign.esp.mailgun-signing-key",
        esp.mailgunSigningKey());
    put("CAMPAIGN_ESP_POSTMARK_USER", "campaign.esp.postmark-user", esp.postmarkUser());
    put("CAMPAIGN_ESP_POSTMARK_PASSWORD", "campaign.esp.postmark-password", esp.postmarkPassword());
    put("CAMPAIGN_ESP_MAX_AGE", "campaign.esp.max-age", esp.maxAge());
  }

  /** The fallback SMTP server of a mailbox, checked here (the settings have no such key). */
  private static List<SmtpConfig> fallback(
      CampaignProperties.MailboxProperties m, int i, List<FieldError> errors) {
    CampaignProperties.Server f = m.fallbackSmtp();
    String at = "campaign.mailboxes[" + i + "].fallback-smtp.";
    if (f.host() == null || f.host().isBlank()) {
      if (f.port() != null || f.username() != null || f.password() != null) {
        errors.add(
            new FieldError(at + "host", "is required when other fallback-smtp settings are given"));
      }
      return List.of();
    }
    if (m.smtp().host() == null) {
      errors.add(
          new FieldError(
              "campaign.mailboxes[" + i + "].smtp.host",
              "is required when a fallback-smtp is given"));
    }
    int port =
        f.port() != null
            ? f.port()
            : switch (f.security()) {
              case NONE -> 25;
              case STARTTLS -> 587;
              case TLS -> 465;
            };
    if (port < 1 || port > 65535) {
      errors.add(new FieldError(at + "port", "'" + port + "' is not between 1 and 65535"));
      return List.of();
    }
    String user = f.username();
    if (user == null && f.password() != null) {
      user = m.address();
    }
    if (user != null && f.password() == null) {
      errors.add(new FieldError(at + "password", "is required when " + at + "username is given"));
      return List.of();
    }
    SmtpConfig.Builder b = SmtpConfig.builder(f.host().strip(), port).security(f.security());
    if (user != null) {
      b.credentials(user, Objects.requireNonNull(f.password()));
    }
    try {
      return List.of(b.build());
    } catch (InvalidInputException e) {
      for (FieldError fe : e.errors()) {
        errors.add(new FieldError(at + fe.field(), fe.problem()));
      }
      return List.of();
    }
  }

  private static void ownChecks(
      CampaignProperties p, TrackingSettings tracking, List<FieldError> errors) {
    if (p.mailboxList().size() > MailboxSettings.MAX_MAILBOXES) {
      errors.add(
          new FieldError(
              "campaign.mailboxes",
              p.mailboxList().size() + " mailboxes: at most " + MailboxSettings.MAX_MAILBOXES));
    }
    String id = p.instanceId();
    if (id != null
        && (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl))) {
      errors.add(
          new FieldError(
              "campaign.instance-id", "must be 1 to 200 characters without control characters"));
    }
    CampaignProperties.Runner r = p.runner();
    if (r.interval().compareTo(Duration.ofSeconds(1)) < 0
        || r.interval().compareTo(Duration.ofDays(1)) > 0) {
      errors.add(
          new FieldError(
              "campaign.runner.interval", r.interval() + " is not between 1 second and 1 day"));
    }
    if (r.shutdownTimeout().isNegative()) {
      errors.add(new FieldError("campaign.runner.shutdown-timeout", "must not be negative"));
    }
    if (r.batchSize() < 1 || r.batchSize() > 10_000) {
      errors.add(
          new FieldError(
              "campaign.runner.batch-size", "'" + r.batchSize() + "' is not between 1 and 10000"));
    }
    if (r.maxMessagesPerRun() < 1) {
      errors.add(new FieldError("campaign.runner.max-messages-per-run", "must be at least 1"));
    }
    CampaignProperties.Health h = p.health();
    if (h.maxDeadLetters() < 0) {
      errors.add(new FieldError("campaign.health.max-dead-letters", "must not be negative"));
    }
    if (h.mailboxFailures() < 1) {
      errors.add(new FieldError("campaign.health.mailbox-failures", "must be at least 1"));
    }
    for (Map.Entry<String, Duration> d :
        Map.of(
                "campaign.health.max-oldest-due-age", h.maxOldestDueAge(),
                "campaign.health.reply-intake-max-age", h.replyIntakeMaxAge(),
                "campaign.health.mailbox-failure-window", h.mailboxFailureWindow())
            .entrySet()) {
      if (d.getValue().isNegative() || d.getValue().isZero()) {
        errors.add(new FieldError(d.getKey(), "must be a positive duration"));
      }
    }
    CampaignProperties.Web web = p.web();
    String base = web.basePath();
    String trackingBase = web.trackingBase();
    if (!isPath(base)) {
      errors.add(
          new FieldError(
              "campaign.web.base-path",
              "'" + base + "' is not a path such as /campaign (a leading /, no trailing /)"));
    } else if (!isPath(trackingBase)) {
      errors.add(
          new FieldError(
              "campaign.web.tracking-path",
              "'" + trackingBase + "' is not a path such as /t (a leading /, no trailing /)"));
    } else if (web.enabled() && tracking.enabled()) {
      URI url = Objects.requireNonNull(tracking.baseUrl());
      String path = url.getPath() == null ? "" : url.getPath();
      path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      if (!path.equals(trackingBase)) {
        errors.add(
            new FieldError(
                "campaign.tracking.base-url",
                "its path '"
                    + path
                    + "' is not campaign.web."
                    + (web.trackingPath() == null ? "base-path" : "tracking-path")
                    + " '"
                    + trackingBase
                    + "': the links would not reach the endpoints"));
      }
    }
  }

  /** The secrets of the properties the settings types do not keep as text. */
  private static List<Secret> secrets(CampaignProperties p) {
    List<Secret> secrets = new ArrayList<>();
    for (CampaignProperties.MailboxProperties m : p.mailboxList()) {
      if (m.dkim().privateKey() != null && !m.dkim().privateKey().isBlank()) {
        secrets.add(Secret.of(m.dkim().privateKey()));
      }
    }
    CampaignProperties.Webhook w = p.alerts().webhook();
    if (w.url() != null && !w.url().isBlank()) {
      secrets.add(Secret.of(w.url()));
    }
    if (w.key() != null && !w.key().isBlank()) {
      secrets.add(Secret.of(w.key()));
    }
    String inbound = p.inbound().secret();
    if (inbound != null && !inbound.isBlank()) {
      secrets.add(Secret.of(inbound));
    }
    return secrets;
  }

  private void put(String env, String property, @Nullable Object value) {
    propertyOf.put(env, property);
    if (value == null) {
      return;
    }
    if (value instanceof Duration d) {
      this.env.put(env, d.toString());
    } else if (value instanceof Enum<?> e) {
      this.env.put(env, e.name());
    } else {
      this.env.put(env, value.toString());
    }
  }

  /** Each {@code CAMPAIGN_*} name in a text replaced by its property, longest names first. */
  private String rename(String text) {
    String out = text;
    for (String name :
        propertyOf.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .collect(Collectors.toList())) {
      if (out.contains(name)) {
        out = out.replace(name, Objects.requireNonNull(propertyOf.get(name)));
      }
    }
    return out;
  }

  private static String join(List<Integer> days) {
    return days.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** A path such as {@code /campaign}, or empty for the root. */
  private static boolean isPath(String path) {
    return path.isEmpty()
        || (path.startsWith("/")
            && !path.endsWith("/")
            && !path.contains("*")
            && !path.contains("{"));
  }
}
