package com.fourrunr.campaign.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code CAMPAIGN_*} setting of docs/configuration.md has a {@code campaign.*} property (a
 * path through {@link CampaignProperties}' records; {@code []} is an element of a list), except the
 * few that belong to the standalone service and that a Spring Boot application sets through
 * Spring's own properties.
 */
class ConfigurationSettingsCoverageTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `(CAMPAIGN_[A-Z0-9_]+)` \\|");

  /** The property of each setting. Mailbox settings take {@code _2}..{@code _n} suffixes. */
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

  /**
   * Settings of the standalone service only. The database: the starter stores in the application's
   * own {@code DataSource} ({@code spring.datasource.url}, {@code .username}, {@code .password}),
   * or the embedded file {@code campaign.store.embedded-path}. The port: the application's web
   * server is Spring Boot's ({@code server.port}); the library opens none.
   */
  private static final Map<String, String> SERVICE_ONLY =
      Map.ofEntries(
          Map.entry("CAMPAIGN_JDBC_URL", "spring.datasource.url"),
          Map.entry("CAMPAIGN_JDBC_USER", "spring.datasource.username"),
          Map.entry("CAMPAIGN_JDBC_PASSWORD", "spring.datasource.password"),
          Map.entry("CAMPAIGN_SERVER_PORT", "server.port"));

  @Test
  void everyDocumentedSettingHasAProperty() throws Exception {
    String page = Files.readString(Path.of("../docs/configuration.md"), StandardCharsets.UTF_8);
    Set<String> documented = new TreeSet<>();
    Matcher m = ROW.matcher(page);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).hasSizeGreaterThan(40);
    List<String> unmapped = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String setting : documented) {
      if (SERVICE_ONLY.containsKey(setting)) {
        continue;
      }
      String property = PROPERTY.get(setting);
      if (property == null) {
        unmapped.add(setting);
      } else if (!exists(CampaignProperties.class, property)) {
        missing.add(setting + " -> campaign." + property);
      }
    }
    assertThat(unmapped).as("settings with neither a property nor a reason").isEmpty();
    assertThat(missing).as("properties that do not exist").isEmpty();
    // The mapping names nothing the page no longer documents.
    assertThat(documented).containsAll(PROPERTY.keySet()).containsAll(SERVICE_ONLY.keySet());
  }

  @Test
  void thePathWalkRejectsAPropertyThatDoesNotExist() {
    assertThat(exists(CampaignProperties.class, "mailboxes[].dkim.selector")).isTrue();
    assertThat(exists(CampaignProperties.class, "mailboxes[].dkim.no-such")).isFalse();
    assertThat(exists(CampaignProperties.class, "mailboxes.dkim.selector")).isFalse();
    assertThat(exists(CampaignProperties.class, "linkedin.accounts[].weekly-invitations")).isTrue();
  }

  /** Whether {@code path} (kebab-case names, {@code []} after a list) leads through the records. */
  private static boolean exists(Class<?> type, String path) {
    Type at = type;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean element = part.endsWith("[]");
      String name = camel(element ? part.substring(0, part.length() - 2) : part);
      if (!(at instanceof Class<?> c) || !c.isRecord()) {
        return false;
      }
      RecordComponent found = null;
      for (RecordComponent rc : c.getRecordComponents()) {
        if (rc.getName().equals(name)) {
          found = rc;
        }
      }
      if (found == null) {
        return false;
      }
      at = found.getGenericType();
      if (element) {
        if (!(at instanceof ParameterizedType p) || p.getRawType() != List.class) {
          return false;
        }
        at = p.getActualTypeArguments()[0];
      } else if (at instanceof ParameterizedType && i < parts.length - 1) {
        return false; // a list named without [] is only a whole value, at the end
      }
    }
    return true;
  }

  private static String camel(String kebab) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : kebab.toCharArray()) {
      if (ch == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }
}
