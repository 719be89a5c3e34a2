package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignListener;
import com.fourrunr.campaign.CampaignRunner;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.HealthThrottle;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.ReplySource;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.airtable.AirtableClient;
import com.fourrunr.campaign.airtable.AirtableSettings;
import com.fourrunr.campaign.airtable.AirtableSync;
import com.fourrunr.campaign.airtable.JdbcSyncOutbox;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.LinkedInSettings;
import com.fourrunr.campaign.dns.DnsResolver;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.jdbc.JdbcReplyIntakeState;
import com.fourrunr.campaign.jdbc.JdbcSendLog;
import com.fourrunr.campaign.jdbc.JdbcWarmUpLog;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.ops.AlertMonitor;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.AlertSink;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.smtp.DkimKey;
import com.fourrunr.campaign.smtp.ImapConfig;
import com.fourrunr.campaign.smtp.ImapReplySource;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpMessageOptions;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The library's beans, each replaced by a bean of the same type the host defines: the clock, the
 * store (on the host's {@code DataSource}, else the embedded file database), the sender (one SMTP
 * sender per mailbox), the reply source (IMAP, when a mailbox has an IMAP host), the generator
 * (OpenAI when {@code campaign.openai.api-key} is set, else the template), the engine, the health
 * monitor and the runner.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "campaign", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(CampaignProperties.class)
public class CampaignAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CampaignAutoConfiguration.class);

  /** Created by Spring. */
  public CampaignAutoConfiguration() {}

  /** The host's Flyway migrates first (see {@link HostMigrationsFirst}). */
  @Bean
  static org.springframework.beans.factory.config.BeanFactoryPostProcessor
      campaignHostMigrationsFirst() {
    return new HostMigrationsFirst();
  }

  @Bean
  ResolvedSettings campaignResolvedSettings(CampaignProperties properties) {
    return CampaignSettingsResolver.resolve(properties);
  }

  /** The system clock in UTC, unless the host has a {@link Clock} bean. */
  @Bean
  @ConditionalOnMissingBean
  Clock campaignClock() {
    return Clock.systemUTC();
  }

  @Bean
  CampaignDatabase campaignDatabase(
      CampaignProperties properties, ObjectProvider<DataSource> dataSources) {
    DataSource host = properties.store().useHostDataSource() ? dataSources.getIfUnique() : null;
    if (host != null) {
      return new CampaignDatabase(host, "the application's DataSource");
    }
    Path file = Path.of(properties.store().embeddedPath());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the folder of campaign.store.embedded-path " + file, e);
    }
    return new CampaignDatabase(
        EmbeddedDatabase.file(file), "embedded database, " + EmbeddedDatabase.dataFile(file));
  }

  /**
   * The JDBC store on {@link CampaignDatabase}: migrated at start with the library's own Flyway
   * history table {@code campaign_schema_history}; the host's Flyway is not touched.
   */
  @Bean
  @ConditionalOnMissingBean
  CampaignStore campaignStore(CampaignDatabase database) {
    log.info("campaign store: {}", database.description());
    return JdbcCampaignStore.create(database.dataSource());
  }

  @Bean
  ClaimGate campaignClaimGate() {
    return new ClaimGate();
  }

  /** One SMTP sender per mailbox (with its fallback server), chosen by each mail's From. */
  @Bean
  @ConditionalOnMissingBean
  Sender campaignSender(ResolvedSettings settings, Clock clock) {
    Map<String, Sender> senders = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < settings.mailboxes().size(); i++) {
      MailboxSettings m = settings.mailboxes().get(i);
      SmtpConfig smtp = m.smtpConfig();
      if (smtp == null) {
        errors.add(
            new FieldError(
                "campaign.mailboxes[" + i + "].smtp.host",
                "is required: the mailbox has no SMTP server (or define a Sender bean)"));
        continue;
      }
      List<SmtpConfig> servers = new ArrayList<>();
      servers.add(smtp);
      servers.addAll(settings.fallbacks().get(i));
      DkimKey dkim = m.dkim();
      SmtpMessageOptions options =
          SmtpOptions.of(settings).withDkim(dkim == null ? List.of() : List.of(dkim));
      senders.put(m.mailbox().address(), SmtpSender.create(servers, options, clock));
    }
    if (senders.isEmpty() && errors.isEmpty()) {
      errors.add(
          new FieldError(
              "campaign.mailboxes", "at least one mailbox with an SMTP server is required"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(CampaignSettingsResolver.SUBJECT, errors);
    }
    return new MailboxSenders(senders, senders.values().iterator().next());
  }

  /** IMAP, when a mailbox has {@code imap.host}: replies of every such mailbox. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(ReplySource.class)
  @Conditional(OnImapConfigured.class)
  ImapReplySource.Multi campaignReplySource(
      ResolvedSettings settings, CampaignDatabase database, Clock clock) {
    List<ImapConfig> imaps = new ArrayList<>();
    for (MailboxSettings m : settings.mailboxes()) {
      ImapConfig imap = m.imapConfig();
      if (imap != null) {
        imaps.add(imap);
      }
    }
    return ImapReplySource.createAll(
        imaps, JdbcReplyIntakeState.create(database.dataSource()), clock);
  }

  /** The OpenAI (or compatible) generator, when {@code campaign.openai.api-key} is set. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "campaign.openai", name = "api-key")
  MessageGenerator campaignOpenAiGenerator(ResolvedSettings settings) {
    return OpenAiMessageGenerator.create(settings.model().config(), settings.model().promptsDir());
  }

  /** The template generator: no network. */
  @Bean
  @ConditionalOnMissingBean
  MessageGenerator campaignTemplateGenerator() {
    return new TemplateMessageGenerator();
  }

  @Bean
  @ConditionalOnMissingBean
  CampaignActivity campaignActivity(CampaignStore store, Clock clock) {
    return CampaignActivity.create(store, clock);
  }

  /** Airtable sync of the campaigns' fields, when {@code campaign.airtable.token} is set. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "campaign.airtable", name = "token")
  AirtableClient campaignAirtableClient(ResolvedSettings settings, Clock clock) {
    AirtableSettings a = Objects.requireNonNull(settings.airtable());
    return AirtableClient.builder(a.config()).clock(clock).build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "campaign.airtable", name = "token")
  AirtableSync campaignAirtableSync(
      AirtableClient client, CampaignStore store, CampaignDatabase database) {
    return AirtableSync.builder(client, store)
        .outbox(JdbcSyncOutbox.create(database.dataSource()))
        .build();
  }

  /**
   * The LinkedIn accounts of {@code campaign.linkedin.accounts} (one default paid account when none
   * is configured).
   */
  @Bean
  @ConditionalOnMissingBean
  LinkedInSettings campaignLinkedInSettings(ResolvedSettings settings) {
    return settings.linkedIn();
  }

  /**
   * Address verification before enrolment ({@code campaign.verify.*}): a {@code DnsAddressVerifier}
   * asking the {@link DnsResolver} bean (else the system's DNS), or {@link AddressVerifier#NONE}
   * when leads' domains are not checked.
   */
  @Bean
  @ConditionalOnMissingBean
  AddressVerifier campaignAddressVerifier(
      CampaignProperties properties, ResolvedSettings settings, ObjectProvider<DnsResolver> dns) {
    return AddressVerification.of(
        properties.verify(),
        settings.mailboxes(),
        () -> dns.getIfUnique(AddressVerification::systemDns));
  }

  /**
   * The engine: sends from the first mailbox by default, with the configured sequence, window,
   * limits, dead-letter queue, link tracking, address verification, every {@link CampaignListener}
   * bean, and the reply source when there is one.
   */
  @Bean
  @ConditionalOnMissingBean
  CampaignEngine campaignEngine(
      ResolvedSettings settings,
      CampaignProperties properties,
      CampaignStore store,
      ClaimGate gate,
      CampaignDatabase database,
      Sender sender,
      MessageGenerator generator,
      ObjectProvider<ReplySource> replySource,
      ObjectProvider<CampaignListener> listeners,
      ObjectProvider<AddressVerifier> addressVerifier,
      LinkedInSettings linkedIn,
      Clock clock,
      Environment environment) {
    List<Mailbox> mailboxes = settings.mailboxes().stream().map(MailboxSettings::mailbox).toList();
    if (mailboxes.isEmpty()) {
      throw InvalidInputException.of(
          CampaignSettingsResolver.SUBJECT,
          "campaign.mailboxes[0].address",
          "is required: the engine needs a mailbox to send from");
    }
    CampaignEngineBuilder b =
        CampaignEngine.builder()
            .store(DrainingStore.of(store, gate))
            .sender(sender)
            .config(settings.engine().campaignConfig(mailboxes.get(0)))
            .mailboxes(mailboxes)
            .sendLimits(settings.engine().limits())
            .sendLog(JdbcSendLog.create(database.dataSource()))
            .deadLetterQueue(true)
            .generator(generator)
            .fallback(settings.model().enabled() ? FallbackPolicy.TEMPLATE : FallbackPolicy.HOLD)
            .batchSize(properties.runner().batchSize())
            .maxMessagesPerRun(properties.runner().maxMessagesPerRun())
            .instanceId(InstanceId.of(properties, environment))
            .linkedIn(linkedIn)
            .clock(clock);
    if (properties.warmUp().enabled()) {
      b.warmUp(WarmUps.ramp(properties.warmUp()), JdbcWarmUpLog.create(database.dataSource()))
          .healthThrottle(HealthThrottle.defaults());
    }
    if (store instanceof ChannelTaskStore tasks) {
      b.taskStore(tasks);
    }
    listeners.orderedStream().forEach(b::listener);
    ReplySource replies = replySource.getIfUnique();
    if (replies != null) {
      b.replySource(replies);
    }
    AddressVerifier verifier = addressVerifier.getIfUnique();
    if (verifier != null) {
      b.addressVerifier(verifier);
    }
    SmtpOptions.tracker(settings).ifPresent(b::linkTracking);
    return b.build();
  }

  /** Health of the store, each mailbox, reply intake, the queue and dead letters. */
  @Bean
  @ConditionalOnMissingBean
  HealthMonitor campaignHealthMonitor(
      CampaignEngine engine,
      CampaignActivity activity,
      ResolvedSettings settings,
      CampaignProperties properties,
      ObjectProvider<ImapReplySource.Multi> imap) {
    CampaignProperties.Health h = properties.health();
    HealthMonitor.Builder b =
        HealthMonitor.builder(engine)
            .activity(activity)
            .mailboxes(settings.mailboxes().stream().map(m -> m.mailbox().address()).toList())
            .maxOldestDueAge(h.maxOldestDueAge())
            .maxDeadLetters(h.maxDeadLetters())
            .replyIntakeMaxAge(h.replyIntakeMaxAge())
            .mailboxFailures(h.mailboxFailures(), h.mailboxFailureWindow())
            .redaction(settings.redaction());
    ImapReplySource.Multi source = imap.getIfUnique();
    if (source != null) {
      b.replyIntake(source::pollHealth);
    }
    return b.build();
  }

  /**
   * The alert monitor, unless {@code campaign.alerts.enabled=false}: the rules of {@code
   * campaign.alerts.*} (and the Airtable backlog with Airtable) plus every {@link AlertRule} bean;
   * alerts go to the log, the webhook of {@code campaign.alerts.webhook.url}, and every {@link
   * AlertSink} bean.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "campaign.alerts",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  AlertMonitor campaignAlertMonitor(
      CampaignEngine engine,
      CampaignActivity activity,
      CampaignProperties properties,
      CampaignDatabase database,
      ObjectProvider<AirtableSync> airtable,
      ObjectProvider<AlertRule> rules,
      ObjectProvider<AlertSink> sinks) {
    CampaignProperties.Alerts a = properties.alerts();
    AlertMonitor.Builder b =
        AlertMonitor.builder(engine, activity).rules(AlertRules.rules(a)).sink(AlertSink.log());
    if (airtable.getIfUnique() != null) {
      JdbcSyncOutbox outbox = JdbcSyncOutbox.create(database.dataSource());
      b.rule(AlertRule.syncBacklog(outbox::size, a.airtableMaxPending()));
    }
    rules.orderedStream().forEach(b::rule);
    AlertRules.webhook(a).ifPresent(b::sink);
    sinks.orderedStream().forEach(b::sink);
    return b.build();
  }

  /** Evaluates the alert monitor every {@code campaign.alerts.interval}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(AlertMonitor.class)
  CampaignAlertsLifecycle campaignAlerts(AlertMonitor monitor, CampaignProperties properties) {
    return new CampaignAlertsLifecycle(monitor, properties.alerts().interval());
  }

  /** The runner, unless {@code campaign.runner.enabled=false}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "campaign.runner",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  CampaignRunnerLifecycle campaignRunner(
      CampaignEngine engine,
      ClaimGate gate,
      CampaignProperties properties,
      ObjectProvider<AirtableSync> airtable) {
    CampaignProperties.Runner r = properties.runner();
    CampaignRunner runner = CampaignRunner.create(engine, r.interval(), engine.hasReplySource());
    return new CampaignRunnerLifecycle(
        runner, gate, r.interval(), r.shutdownTimeout(), engine, airtable.getIfUnique());
  }
}
