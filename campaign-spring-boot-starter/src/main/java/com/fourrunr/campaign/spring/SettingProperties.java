package com.fourrunr.campaign.spring;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code campaign.*} property of each standalone {@code CAMPAIGN_*} setting of
 * docs/configuration.md: what {@code campaign serve} turns its settings into, and what an
 * application moving from the standalone settings to Spring Boot sets instead. A property is a path
 * through {@link CampaignProperties} in kebab case; {@code []} stands for an element of a list (the
 * mailbox settings take {@code _2}..{@code _n} suffixes for the second and later mailboxes).
 */
public final class SettingProperties {
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
          Map.entry("CAMPAIGN_OPENAI_BATCH", "openai.batch"),
          Map.entry("CAMPAIGN_AIRTABLE_TOKEN", "airtable.token"),
          Map.entry("CAMPAIGN_AIRTABLE_BASE", "airtable.base"),
          Map.entry("CAMPAIGN_AIRTABLE_TABLE", "airtable.table"),
          Map.entry("CAMPAIGN_TRACKING_BASE_URL", "tracking.base-url"),
          Map.entry("CAMPAIGN_TRACKING_HMAC_KEY", "tracking.hmac-key"),
          Map.entry("CAMPAIGN_INSTANCE_ID", "instance-id"),
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
          // The API token: in a Spring Boot application it authenticates the inbound webhook (the
          // starter has no other state-changing route of its own).
          Map.entry("CAMPAIGN_API_TOKEN_SHA256", "inbound.token-sha256"),
          Map.entry("CAMPAIGN_WARMUP_ENABLED", "warm-up.enabled"),
          Map.entry("CAMPAIGN_WARMUP_START_PER_DAY", "warm-up.start-per-day"),
          Map.entry("CAMPAIGN_WARMUP_TARGET_PER_DAY", "warm-up.target-per-day"),
          Map.entry("CAMPAIGN_WARMUP_RAMP_BUSINESS_DAYS", "warm-up.ramp-business-days"));

  private SettingProperties() {}

  /**
   * Every setting (the mailbox ones without suffix) to its property under {@code campaign.}; the
   * few settings of the standalone service alone (database, port) are not in it.
   */
  public static Map<String, String> bySetting() {
    return PROPERTY;
  }

  /**
   * The property under {@code campaign.} of a setting without mailbox suffix, with {@code []} for a
   * mailbox's index, or null when it has none.
   */
  public static @Nullable String propertyOf(String setting) {
    return PROPERTY.get(setting);
  }
}
