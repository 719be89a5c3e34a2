package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.smtp.SmtpConfig;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a host sets through {@code CAMPAIGN_*} settings (docs/configuration.md), as Spring
 * Boot properties under {@code campaign.*}. Checked at start by the same readers as the settings,
 * with every problem listed at once and each named by its property; secrets print as {@code ****}.
 *
 * @param enabled whether the library is configured at all
 * @param instanceId the name this instance claims due messages under: the same across restarts of
 *     one instance, different for every instance running at once; null derives one from the host
 *     name and {@code spring.application.name}
 * @param sequence the steps and retries
 * @param send the send window
 * @param limits the sending caps
 * @param mailboxes the sending mailboxes, the first is the default sender
 * @param openai the model writing the messages (template generator when no key is set)
 * @param airtable the Airtable table of leads
 * @param tracking open/click tracking and signed unsubscribe links
 * @param store where the library keeps its data when the host has no DataSource
 * @param runner the thread that sends what is due and reads replies
 * @param health the thresholds of the health components
 * @param web the HTTP endpoints (tracking, unsubscribe, inbound mail), off by default
 * @param linkedin the LinkedIn accounts LinkedIn tasks are spread over
 * @param alerts the alert rules' thresholds and where alerts go
 * @param verify address verification before enrolment ({@code CAMPAIGN_VERIFY_*})
 * @param esp the ESP event webhooks ({@code CAMPAIGN_ESP_*}), served with the web endpoints
 * @param inbound the inbound-mail webhook's signature check ({@code CAMPAIGN_INBOUND_SECRET},
 *     {@code CAMPAIGN_API_TOKEN_SHA256})
 * @param warmUp mailbox warm-up and health-based slowing ({@code CAMPAIGN_WARMUP_*})
 */
@ConfigurationProperties(prefix = "campaign")
public record CampaignProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable String instanceId,
    @DefaultValue Sequence sequence,
    @DefaultValue Send send,
    @DefaultValue Limits limits,
    @Nullable List<MailboxProperties> mailboxes,
    @DefaultValue OpenAi openai,
    @DefaultValue Airtable airtable,
    @DefaultValue Tracking tracking,
    @DefaultValue Store store,
    @DefaultValue Runner runner,
    @DefaultValue Health health,
    @DefaultValue Web web,
    @DefaultValue LinkedIn linkedin,
    @DefaultValue Alerts alerts,
    @NestedConfigurationProperty @DefaultValue VerifyProperties verify,
    @NestedConfigurationProperty @DefaultValue EspProperties esp,
    @NestedConfigurationProperty @DefaultValue InboundProperties inbound,
    @DefaultValue WarmUp warmUp) {

  /** Never null: an empty list when no mailbox is configured. */
  public CampaignProperties {
    mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
  }

  /** The mailboxes, never null. */
  public List<MailboxProperties> mailboxList() {
    return mailboxes == null ? List.of() : mailboxes;
  }

  /**
   * The sequence and retries ({@code CAMPAIGN_SEQUENCE_DAYS}, {@code CAMPAIGN_INTERVAL_UNIT},
   * {@code CAMPAIGN_MAX_ATTEMPTS}, {@code CAMPAIGN_RETRY_BACKOFF}).
   *
   * @param days days after the previous step, one per step (Hook, Proof, FOMO, Step4...)
   * @param intervalUnit how the days are counted
   * @param maxAttempts attempts per message before it fails
   * @param retryBackoff the wait before the first retry, doubled each retry
   */
  public record Sequence(
      @DefaultValue({"0", "3", "4"}) List<Integer> days,
      @DefaultValue("BUSINESS_DAYS") IntervalUnit intervalUnit,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("5m") Duration retryBackoff) {}

  /**
   * The send window ({@code CAMPAIGN_SEND_*}, {@code CAMPAIGN_COUNTRY_HOLIDAYS}, {@code
   * CAMPAIGN_*_ZONE}).
   *
   * @param window each lead's local send window, {@code HH:mm-HH:mm}
   * @param days the days mail may go out, such as {@code MON-FRI}
   * @param jitter whether sends are spread over the window
   * @param countryHolidays whether the lead's country holidays are kept free
   * @param defaultZone the zone of last resort
   * @param companyZone the zone of leads whose own zone and location say nothing, or null
   */
  public record Send(
      @DefaultValue("09:00-11:30") String window,
      @DefaultValue("MON-FRI") String days,
      @DefaultValue("true") boolean jitter,
      @DefaultValue("true") boolean countryHolidays,
      @DefaultValue("UTC") String defaultZone,
      @Nullable String companyZone) {}

  /**
   * The sending caps ({@code CAMPAIGN_LIMIT_*}); {@code 0} means no cap. Caps defer, never drop.
   *
   * @param mailboxPerDay sends per mailbox in any 24 hours
   * @param mailboxPerHour sends per mailbox in any hour
   * @param minGap the minimum time between two sends of one mailbox
   * @param domainPerDay sends to one recipient domain in any 24 hours
   */
  public record Limits(
      @DefaultValue("0") int mailboxPerDay,
      @DefaultValue("0") int mailboxPerHour,
      @DefaultValue("0s") Duration minGap,
      @DefaultValue("0") int domainPerDay) {}

  /**
   * One sending mailbox ({@code CAMPAIGN_MAILBOX_*}, {@code CAMPAIGN_SMTP_*}, {@code
   * CAMPAIGN_IMAP_*}).
   *
   * @param address the sending address
   * @param name the display name
   * @param smtp the SMTP server mail from this mailbox goes through
   * @param fallbackSmtp a second SMTP server (another provider) used when the first cannot be
   *     reached
   * @param imap the IMAP server replies to this mailbox are read from
   * @param dkim the key this mailbox's mail is DKIM-signed with ({@code CAMPAIGN_DKIM_*})
   */
  public record MailboxProperties(
      @Nullable String address,
      @DefaultValue("") String name,
      @DefaultValue Server smtp,
      @DefaultValue Server fallbackSmtp,
      @DefaultValue Imap imap,
      @DefaultValue Dkim dkim) {}

  /**
   * DKIM signing of a mailbox's mail ({@code CAMPAIGN_DKIM_*}): on when a selector is set.
   *
   * @param selector the DKIM selector ({@code s=}); absent: no signing
   * @param domain the signing domain ({@code d=}), by default the address's domain
   * @param privateKey the RSA private key as PEM text (secret); this or the file with a selector
   * @param privateKeyFile a PEM file holding the private key
   */
  public record Dkim(
      @Nullable String selector,
      @Nullable String domain,
      @Nullable String privateKey,
      @Nullable String privateKeyFile) {
    @Override
    public String toString() {
      return "Dkim[selector="
          + selector
          + ", domain="
          + domain
          + ", privateKey="
          + (privateKey == null ? null : Secret.REDACTED)
          + ", privateKeyFile="
          + privateKeyFile
          + "]";
    }
  }

  /**
   * An SMTP server.
   *
   * @param host the host name; absent: no server
   * @param port the port, by default 587 (STARTTLS), 465 (TLS) or 25 (NONE)
   * @param security how the connection is protected
   * @param username the login, by default the mailbox address when a password is given
   * @param password the password (secret)
   */
  public record Server(
      @Nullable String host,
      @Nullable Integer port,
      @DefaultValue("STARTTLS") SmtpConfig.Security security,
      @Nullable String username,
      @Nullable String password) {
    @Override
    public String toString() {
      return "Server[host="
          + host
          + ", port="
          + port
          + ", security="
          + security
          + ", username="
          + username
          + ", password="
          + (password == null ? null : Secret.REDACTED)
          + "]";
    }
  }

  /**
   * An IMAP server replies are read from.
   *
   * @param host the host name; absent: replies do not come by IMAP
   * @param port the port, by default 993 (TLS) or 143
   * @param security how the connection is protected
   * @param username the login, by default the SMTP username, else the address
   * @param password the password (secret), by default the SMTP password
   * @param folder the folder replies arrive in
   */
  public record Imap(
      @Nullable String host,
      @Nullable Integer port,
      @DefaultValue("TLS") SmtpConfig.Security security,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("INBOX") String folder) {
    @Override
    public String toString() {
      return "Imap[host="
          + host
          + ", port="
          + port
          + ", security="
          + security
          + ", username="
          + username
          + ", password="
          + (password == null ? null : Secret.REDACTED)
          + ", folder="
          + folder
          + "]";
    }
  }

  /**
   * The model ({@code CAMPAIGN_OPENAI_*}, {@code CAMPAIGN_PROMPTS_DIR}).
   *
   * @param apiKey the OpenAI (or compatible) API key (secret); absent: the template generator
   * @param model the model name
   * @param baseUrl the API base URL, any OpenAI-compatible server
   * @param promptsDir a folder of prompt files replacing built-in prompts, or null
   * @param maxConcurrency the most model calls in flight at once (1 to 64)
   * @param batch whether new campaigns' copy is written through the OpenAI Batch API (they wait as
   *     PENDING_COPY until it arrives)
   */
  public record OpenAi(
      @Nullable String apiKey,
      @DefaultValue("gpt-4o-mini") String model,
      @DefaultValue("https://api.openai.com/v1") String baseUrl,
      @Nullable String promptsDir,
      @DefaultValue("4") int maxConcurrency,
      @DefaultValue("false") boolean batch) {
    @Override
    public String toString() {
      return "OpenAi[apiKey="
          + (apiKey == null ? null : Secret.REDACTED)
          + ", model="
          + model
          + ", baseUrl="
          + baseUrl
          + ", promptsDir="
          + promptsDir
          + ", maxConcurrency="
          + maxConcurrency
          + ", batch="
          + batch
          + "]";
    }
  }

  /**
   * The Airtable table of leads ({@code CAMPAIGN_AIRTABLE_*}): all three or none.
   *
   * @param token the personal access token (secret)
   * @param base the base id, {@code app...}
   * @param table the table name or id
   */
  public record Airtable(@Nullable String token, @Nullable String base, @Nullable String table) {
    @Override
    public String toString() {
      return "Airtable[token="
          + (token == null ? null : Secret.REDACTED)
          + ", base="
          + base
          + ", table="
          + table
          + "]";
    }
  }

  /**
   * Tracking ({@code CAMPAIGN_TRACKING_*}).
   *
   * @param baseUrl the public base URL of the tracking and unsubscribe endpoints; absent: no
   *     tracking links
   * @param hmacKey the key signing tracking and unsubscribe links, at least 32 bytes (secret)
   */
  public record Tracking(@Nullable String baseUrl, @Nullable String hmacKey) {
    @Override
    public String toString() {
      return "Tracking[baseUrl="
          + baseUrl
          + ", hmacKey="
          + (hmacKey == null ? null : Secret.REDACTED)
          + "]";
    }
  }

  /**
   * Where the library keeps its data. With a host {@code DataSource} the library's tables go there
   * (its own Flyway history table {@code campaign_schema_history}); without one, an embedded file
   * database.
   *
   * @param useHostDataSource whether the host's single {@code DataSource} is used when there is one
   * @param embeddedPath the embedded database file (without extension) used otherwise
   */
  public record Store(
      @DefaultValue("true") boolean useHostDataSource,
      @DefaultValue("campaign-data/campaign") String embeddedPath) {}

  /**
   * The runner: a thread that sends what is due and reads replies, started after the application
   * context is ready.
   *
   * @param enabled whether the runner runs (off: the host calls {@code runDue()} itself)
   * @param interval the time between two rounds, 1 second to 1 day
   * @param shutdownTimeout how long a stopping application waits for sends under way
   * @param batchSize messages claimed at a time
   * @param maxMessagesPerRun messages handled by one round at most
   */
  public record Runner(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1m") Duration interval,
      @DefaultValue("30s") Duration shutdownTimeout,
      @DefaultValue("50") int batchSize,
      @DefaultValue("500") int maxMessagesPerRun) {}

  /**
   * The alert thresholds of the health components (see {@code HealthMonitor}).
   *
   * @param maxOldestDueAge the queue is degraded when its oldest due message waits longer
   * @param maxDeadLetters dead letters are degraded above this count
   * @param replyIntakeMaxAge reply intake is degraded when its last success is older
   * @param mailboxFailures a mailbox is degraded after this many failures in {@code
   *     mailboxFailureWindow}
   * @param mailboxFailureWindow the window of {@code mailboxFailures}
   */
  public record Health(
      @DefaultValue("30m") Duration maxOldestDueAge,
      @DefaultValue("50") long maxDeadLetters,
      @DefaultValue("30m") Duration replyIntakeMaxAge,
      @DefaultValue("10") int mailboxFailures,
      @DefaultValue("1h") Duration mailboxFailureWindow) {}

  /**
   * The HTTP endpoints, as Spring MVC handlers: open pixel and click redirect under {@code
   * <base-path>/o/} and {@code /c/}, the RFC 8058 one-click unsubscribe at {@code <base-path>/u},
   * the inbound-mail webhook at {@code <base-path>/inbound}.
   *
   * @param enabled whether the endpoints are registered (off by default)
   * @param basePath the path they are under ({@code /campaign}; empty for the root)
   * @param trackingPath the path of the tracking and unsubscribe endpoints when not {@code
   *     basePath} (the path of {@code campaign.tracking.base-url}), or null for {@code basePath}
   */
  public record Web(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("/campaign") String basePath,
      @Nullable String trackingPath) {
    /** Binds every component. */
    @ConstructorBinding
    public Web {}

    /** The endpoints, tracking among them, under {@code basePath}. */
    public Web(boolean enabled, String basePath) {
      this(enabled, basePath, null);
    }

    /** The path of the tracking and unsubscribe endpoints. */
    public String trackingBase() {
      return trackingPath == null ? basePath : trackingPath;
    }
  }

  /**
   * The LinkedIn accounts tasks are spread over (see {@code LinkedInSettings}); none: one paid
   * account named {@code default} with the default caps.
   *
   * @param accounts the accounts, with distinct ids
   */
  public record LinkedIn(@Nullable List<LinkedInAccountProperties> accounts) {
    /** Never null: an empty list when no account is configured. */
    public LinkedIn {
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** The accounts, never null. */
    public List<LinkedInAccountProperties> accountList() {
      return accounts == null ? List.of() : accounts;
    }
  }

  /**
   * One LinkedIn account and its caps (see {@code LinkedInAccount}).
   *
   * @param id a short name, for example {@code sales-1}; a campaign keeps its account
   * @param weeklyInvitations connection requests in any 7 days, 1 to 1000
   * @param dailyTasks tasks of any kind in any 24 hours, 1 to 1000
   * @param spacing the least time between two tasks, 0 to 1 day
   * @param noteLimit characters of a connection note: 300 on paid accounts, 200 on free ones
   * @param followUpLimit characters of a follow-up message, 50 to 8000
   */
  public record LinkedInAccountProperties(
      @Nullable String id,
      @DefaultValue("100") int weeklyInvitations,
      @DefaultValue("25") int dailyTasks,
      @DefaultValue("10m") Duration spacing,
      @DefaultValue("300") int noteLimit,
      @DefaultValue("600") int followUpLimit) {}

  /**
   * The alert monitor ({@code AlertMonitor}): its rules' thresholds (the defaults are those of
   * {@code AlertRule.defaults()}), how often it evaluates, and a webhook alerts are posted to.
   * Alerts always go to the log and to every {@code AlertSink} bean; a bounce-rate or complaints
   * alert pauses its mailbox.
   *
   * @param enabled whether the alert monitor runs
   * @param interval the time between two evaluations, 1 second to 1 day
   * @param bounceRate the {@code bounce-rate} rule
   * @param complaints the {@code complaints} rule
   * @param replyRateCollapse the {@code reply-rate-collapse} rule
   * @param maxOldestDueAge the {@code stuck-queue} rule: a due message waiting longer
   * @param generationFailures the {@code generation-failures} rule
   * @param airtableMaxPending the {@code airtable-backlog} rule (with Airtable): more updates
   *     waiting
   * @param webhook the webhook alerts are posted to
   */
  public record Alerts(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1m") Duration interval,
      @DefaultValue BounceRate bounceRate,
      @DefaultValue Complaints complaints,
      @DefaultValue ReplyRateCollapse replyRateCollapse,
      @DefaultValue("30m") Duration maxOldestDueAge,
      @DefaultValue GenerationFailures generationFailures,
      @DefaultValue("500") long airtableMaxPending,
      @DefaultValue Webhook webhook) {}

  /**
   * A mailbox whose bounces exceed {@code maxRate} of its sends over {@code window}, once it sent
   * {@code minSends}, is paused; a hard bounce counts 1, a soft bounce 0.5, a block 1 ({@code
   * AlertRule.bounceRate}).
   *
   * @param maxRate the bounce rate, 0 to 1
   * @param window the window counted
   * @param minSends the sends needed before the rule applies
   */
  public record BounceRate(
      @DefaultValue("0.05") double maxRate,
      @DefaultValue("24h") Duration window,
      @DefaultValue("20") int minSends) {}

  /**
   * A mailbox with {@code max} spam complaints in {@code window} is paused.
   *
   * @param max the complaints that pause the mailbox
   * @param window the window counted
   */
  public record Complaints(@DefaultValue("1") int max, @DefaultValue("24h") Duration window) {}

  /**
   * The reply rate over {@code window} fell by more than {@code drop} against {@code baseline}.
   *
   * @param window the recent window
   * @param baseline the longer window compared with
   * @param drop the fall that alerts, 0 to 1 (0.7: by 70%)
   * @param minSends the sends in the window needed before the rule applies
   */
  public record ReplyRateCollapse(
      @DefaultValue("1d") Duration window,
      @DefaultValue("7d") Duration baseline,
      @DefaultValue("0.7") double drop,
      @DefaultValue("50") int minSends) {}

  /**
   * At least {@code max} leads could not get their copy written in {@code window}.
   *
   * @param max the failures that alert
   * @param window the window counted
   */
  public record GenerationFailures(
      @DefaultValue("5") int max, @DefaultValue("1h") Duration window) {}

  /**
   * A webhook alerts are posted to as signed JSON ({@code WebhookAlertSink}).
   *
   * @param url the http(s) URL; absent: no webhook
   * @param key the key signing each body ({@code X-Campaign-Signature}), secret; required with a
   *     URL
   */
  public record Webhook(@Nullable String url, @Nullable String key) {
    @Override
    public String toString() {
      return "Webhook[url="
          + (url == null ? null : Secret.REDACTED)
          + ", key="
          + (key == null ? null : Secret.REDACTED)
          + "]";
    }
  }

  /**
   * Mailbox warm-up ({@code CAMPAIGN_WARMUP_*}), off by default: each mailbox's daily cap follows
   * the ramp from the day it first sends (kept in the database), and a mailbox whose soft bounces,
   * blocks or complaints rise is slowed ({@code HealthThrottle.defaults()}) before the bounce-rate
   * rule pauses it.
   *
   * @param enabled whether mailboxes are warmed up
   * @param startPerDay the cap on a mailbox's first business day, 1 to 100000
   * @param targetPerDay the cap at the end of the ramp, at least {@code startPerDay}
   * @param rampBusinessDays the business day the target is reached on, 1 to 100000
   */
  public record WarmUp(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("10") int startPerDay,
      @DefaultValue("50") int targetPerDay,
      @DefaultValue("30") int rampBusinessDays) {}
}
