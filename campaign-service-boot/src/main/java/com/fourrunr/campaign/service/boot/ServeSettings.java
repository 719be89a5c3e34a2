package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.smtp.MailboxSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The standalone settings of {@code campaign serve} ({@code CAMPAIGN_*} environment variables over
 * a {@code .properties} file of the same keys in lower case) as the Spring properties of the
 * starter and this application. Most names map one to one through Spring's relaxed binding; the
 * ones that do not (a mailbox's settings, the limits, the API token) are mapped here. A key of the
 * file that is no standalone setting ({@code campaign.operators[0].username}, {@code server.*}) is
 * passed on as a Spring property as it is.
 */
final class ServeSettings {
  private static final Pattern MAILBOX_SUFFIX = Pattern.compile("^(.*)_([2-9])$");

  /** The standalone name (without a mailbox suffix) to the property under {@code campaign.}. */
  private static final Map<String, String> PROPERTY =
      Map.ofEntries(
          Map.entry("CAMPAIGN_SEQUENCE_DAYS", "sequence.days"),
          Map.entry("CAMPAIGN_INTERVAL_UNIT", "sequence.interval-unit"),
          Map.entry("CAMPAIGN_MAX_ATTEMPTS", "sequence.max-attempts"),
          Map.entry("CAMPAIGN_RETRY_BACKOFF", "sequence.retry-backoff"),
          Map.entry("CAMPAIGN_SEND_WINDOW", "send.window"),
          Map.entry("CAMPAIGN_SEND_DAYS", "send.days"),
          Map.entry("CAMPAIGN_SEND_JITTER", "send.jitter"),
          Map.entry("CAMPAIGN_COUNTRY_HOLIDAYS", "send.country-holidays"),
          Map.entry("CAMPAIGN_DEFAULT_ZONE", "send.default-zone"),
          Map.entry("CAMPAIGN_COMPANY_ZONE", "send.company-zone"),
          Map.entry("CAMPAIGN_LIMIT_MAILBOX_PER_DAY", "limits.mailbox-per-day"),
          Map.entry("CAMPAIGN_LIMIT_MAILBOX_PER_HOUR", "limits.mailbox-per-hour"),
          Map.entry("CAMPAIGN_LIMIT_MIN_GAP", "limits.min-gap"),
          Map.entry("CAMPAIGN_LIMIT_DOMAIN_PER_DAY", "limits.domain-per-day"),
          Map.entry("CAMPAIGN_MAILBOX_ADDRESS", "mailboxes[].address"),
          Map.entry("CAMPAIGN_MAILBOX_NAME", "mailboxes[].name"),
          Map.entry("CAMPAIGN_SMTP_HOST", "mailboxes[].smtp.host"),
          Map.entry("CAMPAIGN_SMTP_PORT", "mailboxes[].smtp.port"),
          Map.entry("CAMPAIGN_SMTP_SECURITY", "mailboxes[].smtp.security"),
          Map.entry("CAMPAIGN_SMTP_USERNAME", "mailboxes[].smtp.username"),
          Map.entry("CAMPAIGN_SMTP_PASSWORD", "mailboxes[].smtp.password"),
          Map.entry("CAMPAIGN_IMAP_HOST", "mailboxes[].imap.host"),
          Map.entry("CAMPAIGN_IMAP_PORT", "mailboxes[].imap.port"),
          Map.entry("CAMPAIGN_IMAP_SECURITY", "mailboxes[].imap.security"),
          Map.entry("CAMPAIGN_IMAP_USERNAME", "mailboxes[].imap.username"),
          Map.entry("CAMPAIGN_IMAP_PASSWORD", "mailboxes[].imap.password"),
          Map.entry("CAMPAIGN_IMAP_FOLDER", "mailboxes[].imap.folder"),
          Map.entry("CAMPAIGN_DKIM_SELECTOR", "mailboxes[].dkim.selector"),
          Map.entry("CAMPAIGN_DKIM_DOMAIN", "mailboxes[].dkim.domain"),
          Map.entry("CAMPAIGN_DKIM_PRIVATE_KEY", "mailboxes[].dkim.private-key"),
          Map.entry("CAMPAIGN_DKIM_PRIVATE_KEY_FILE", "mailboxes[].dkim.private-key-file"),
          Map.entry("CAMPAIGN_OPENAI_API_KEY", "openai.api-key"),
          Map.entry("CAMPAIGN_OPENAI_MODEL", "openai.model"),
          Map.entry("CAMPAIGN_OPENAI_BASE_URL", "openai.base-url"),
          Map.entry("CAMPAIGN_PROMPTS_DIR", "openai.prompts-dir"),
          Map.entry("CAMPAIGN_OPENAI_MAX_CONCURRENCY", "openai.max-concurrency"),
          Map.entry("CAMPAIGN_AIRTABLE_TOKEN", "airtable.token"),
          Map.entry("CAMPAIGN_AIRTABLE_BASE", "airtable.base"),
          Map.entry("CAMPAIGN_AIRTABLE_TABLE", "airtable.table"),
          Map.entry("CAMPAIGN_TRACKING_BASE_URL", "tracking.base-url"),
          Map.entry("CAMPAIGN_TRACKING_HMAC_KEY", "tracking.hmac-key"),
          Map.entry("CAMPAIGN_VERIFY_DOMAINS", "verify.domains"),
          Map.entry("CAMPAIGN_VERIFY_DISPOSABLE", "verify.disposable"),
          Map.entry("CAMPAIGN_VERIFY_ROLES", "verify.roles"),
          Map.entry("CAMPAIGN_ESP_SES_TOPIC_ARNS", "esp.ses-topic-arns"),
          Map.entry("CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY", "esp.sendgrid-verification-key"),
          Map.entry("CAMPAIGN_ESP_MAILGUN_SIGNING_KEY", "esp.mailgun-signing-key"),
          Map.entry("CAMPAIGN_ESP_POSTMARK_USER", "esp.postmark-user"),
          Map.entry("CAMPAIGN_ESP_POSTMARK_PASSWORD", "esp.postmark-password"),
          Map.entry("CAMPAIGN_ESP_MAX_AGE", "esp.max-age"),
          Map.entry("CAMPAIGN_INBOUND_SECRET", "inbound.secret"),
          Map.entry("CAMPAIGN_WARMUP_ENABLED", "warm-up.enabled"),
          Map.entry("CAMPAIGN_WARMUP_START_PER_DAY", "warm-up.start-per-day"),
          Map.entry("CAMPAIGN_WARMUP_TARGET_PER_DAY", "warm-up.target-per-day"),
          Map.entry("CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS", "warm-up.ramp-business-days"));

  /** The name the API token of {@code CAMPAIGN_API_TOKEN_SHA256} is known by. */
  static final String API_TOKEN_NAME = "serve";

  private ServeSettings() {}

  /**
   * The Spring properties of the settings: the file's, then the environment's over them.
   *
   * @param env the environment; only {@code CAMPAIGN_*} (and {@code OPENAI_API_KEY}, {@code
   *     _MODEL}, {@code _BASE_URL}) names are read
   * @param file the {@code --config} file, or null; one that cannot be read is reported by {@link
   *     CampaignSettings#load} before this is called
   */
  static Map<String, Object> properties(Map<String, String> env, @Nullable Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Object> out = new LinkedHashMap<>();
    if (file != null && Files.isReadable(file)) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        props.clear();
      }
      for (String key : props.stringPropertyNames()) {
        String name = CampaignSettings.envName(key);
        if (isSetting(name)) {
          values.put(name, props.getProperty(key));
        } else {
          out.put(key.strip(), props.getProperty(key));
        }
      }
    }
    for (String plain : new String[] {"API_KEY", "MODEL", "BASE_URL"}) {
      String value = env.get("OPENAI_" + plain);
      if (value != null && !value.isBlank() && !env.containsKey("CAMPAIGN_OPENAI_" + plain)) {
        values.put("CAMPAIGN_OPENAI_" + plain, value);
      }
    }
    env.forEach(
        (name, value) -> {
          if (name.startsWith("CAMPAIGN_") && isSetting(name)) {
            values.put(name, value);
          }
        });
    values.forEach(
        (name, value) -> {
          if (value == null || value.isBlank()) {
            return;
          }
          String v = value.strip();
          if (name.equals("CAMPAIGN_API_TOKEN_SHA256")) {
            // The operator's API token: the bearer token of the API and of the inbound webhook.
            out.put("campaign.api-tokens[0].name", API_TOKEN_NAME);
            out.put("campaign.api-tokens[0].sha256", v);
            out.put("campaign.inbound.token-sha256", v);
            return;
          }
          if (name.equals("CAMPAIGN_SERVER_PORT")) {
            out.put("server.port", v);
            return;
          }
          String property = property(name);
          if (property != null) {
            out.put("campaign." + property, v);
          }
        });
    return out;
  }

  /** Whether a name is one of the standalone settings this class maps (or reads elsewhere). */
  private static boolean isSetting(String name) {
    return CampaignSettings.KEYS.contains(name) || MailboxSettings.isKey(name);
  }

  /** The property under {@code campaign.} of a standalone name, or null for none. */
  static @Nullable String property(String name) {
    String base = name;
    int index = 0;
    Matcher m = MAILBOX_SUFFIX.matcher(name);
    if (m.matches() && MailboxSettings.KEYS.contains(m.group(1))) {
      base = m.group(1);
      index = Integer.parseInt(m.group(2)) - 1;
    }
    String property = PROPERTY.get(base.toUpperCase(Locale.ROOT));
    return property == null ? null : property.replace("[]", "[" + index + "]");
  }
}
