package com.fourrunr.campaign.service;

import com.fourrunr.campaign.AddressVerifier;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignRunner;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.HealthThrottle;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.airtable.AirtableClient;
import com.fourrunr.campaign.airtable.AirtableLeadSource;
import com.fourrunr.campaign.airtable.AirtableSettings;
import com.fourrunr.campaign.airtable.AirtableSync;
import com.fourrunr.campaign.airtable.JdbcSyncOutbox;
import com.fourrunr.campaign.config.TrackingSettings;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.dns.DnsResolver;
import com.fourrunr.campaign.jdbc.DatabaseSettings;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.jdbc.JdbcReplyIntakeState;
import com.fourrunr.campaign.jdbc.JdbcSendLog;
import com.fourrunr.campaign.jdbc.JdbcWarmUpLog;
import com.fourrunr.campaign.openai.OpenAiBatchGenerator;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.ops.AlertMonitor;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.AlertSink;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.ops.CampaignMetrics;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.smtp.ImapConfig;
import com.fourrunr.campaign.smtp.ImapReplySource;
import com.fourrunr.campaign.smtp.MailboxSettings;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpMessageOptions;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.tracking.LinkTracker;
import com.fourrunr.campaign.tracking.TrackingHandler;
import com.fourrunr.campaign.tracking.TrackingTokens;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example host service: the library wired from configuration and served over HTTP with the
 * JDK's built-in server (no framework). With nothing configured it runs on embedded defaults: an
 * embedded database file, the {@linkplain Builder#localMailServer in-process SMTP server} the host
 * hands in, which receives every message, and the template generator. Endpoints:
 *
 * <ul>
 *   <li>{@code GET /} the status page: campaigns, the queue, dead letters with a replay action
 *   <li>{@code GET /health} JSON with an overall {@code status} ({@code UP} or {@code DOWN}, HTTP
 *       503 when down) and each component
 *   <li>{@code GET /metrics} Prometheus text format
 *   <li>{@code GET /api/queue}, {@code GET /api/campaigns?after=ID&limit=N} JSON
 *   <li>{@code POST /api/leads} a leads CSV body (the documented header), enrolled; the enrolment
 *       report as JSON
 *   <li>{@code POST /dead-letters/{id}/replay} replays one dead letter (the status page's button)
 *   <li>{@code POST /inbound} the inbound-mail webhook (a raw RFC 5322 message or JSON)
 * </ul>
 *
 * <p>It listens on 127.0.0.1 unless told otherwise: the status page and the replay action have no
 * login, so put the service behind the host's authentication before binding it to a public address.
 */
public final class CampaignService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  private final Options options;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private @Nullable HttpServer server;
  private @Nullable CampaignEngine engine;
  private @Nullable CampaignStore store;
  private @Nullable CampaignRunner runner;
  private @Nullable LocalMailServer mailServer;
  private @Nullable CampaignActivity activity;
  private @Nullable PrometheusMeterRegistry metricsRegistry;
  private @Nullable HealthMonitor health;
  private @Nullable AlertMonitor alerts;
  private @Nullable TrackingHandler trackingHandler;
  private @Nullable EnrolmentReport leadsReport;
  private @Nullable AirtableClient airtableClient;
  private com.fourrunr.campaign.airtable.@Nullable SyncOutbox syncOutbox;
  private @Nullable AirtableSync airtableSync;
  private String storeDescription = "";
  private String storeLocation = "";
  private String instanceId = "";
  private String mailDescription = "";
  private String generatorDescription = "";
  private @Nullable DnsResolver preflightDns;
  private @Nullable DeliverabilityChecks deliverability;

  private CampaignService(Options options) {
    this.options = options;
  }

  /** A builder with the embedded defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the store, the mail server (when no SMTP server is configured), the engine, the runner
   * that calls {@code runDue()} every tick, the alert rules, and the HTTP server. Enrols the
   * configured leads file, if any.
   *
   * @return this service, started
   * @throws UncheckedIOException when the port cannot be bound or the data folder cannot be created
   */
  public synchronized CampaignService start() {
    if (server != null) {
      throw new IllegalStateException("the service is already started");
    }
    CampaignSettings settings = options.settings;
    try {
      store = openStore();
      // The same on every restart, so claims held when the process died are taken back at once.
      instanceId =
          settings.instanceId() != null
              ? settings.instanceId()
              : InstanceIds.derive(InstanceIds.hostName(), configuredPort(), storeLocation);
      Clock clock = options.clock;
      activity = CampaignActivity.create(store, clock);
      metricsRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      CampaignMetrics metrics = CampaignMetrics.create(metricsRegistry, activity);

      // Mailboxes: each with its own SMTP server; any without one (or none configured) send to an
      // in-process SMTP server that keeps every message and lets nothing leave the machine.
      List<Mailbox> mailboxes = new ArrayList<>();
      Map<String, Sender> senders = new LinkedHashMap<>();
      List<ImapConfig> imaps = new ArrayList<>();
      SmtpMessageOptions smtpOptions = smtpOptions(settings);
      List<String> mailLines = new ArrayList<>();
      for (MailboxSettings m : settings.mailboxes()) {
        mailboxes.add(m.mailbox());
        SmtpConfig smtp = m.smtpConfig();
        if (smtp != null) {
          senders.put(
              m.mailbox().address(),
              SmtpSender.create(
                  List.of(smtp),
                  smtpOptions.withDkim(m.dkim() == null ? List.of() : List.of(m.dkim())),
                  clock));
          mailLines.add(m.mailbox().address() + " via SMTP " + smtp.host() + ":" + smtp.port());
        }
        ImapConfig imap = m.imapConfig();
        if (imap != null) {
          imaps.add(imap);
        }
      }
      if (mailboxes.isEmpty()) {
        mailboxes.add(new Mailbox("hello@4runr.example", "4Runr"));
      }
      Sender fallbackSender = null;
      if (senders.size() < mailboxes.size()) {
        LocalMailServer.Starter starter = options.localMailServer;
        if (starter == null) {
          throw InvalidInputException.of(
              "CampaignService",
              "CAMPAIGN_SMTP_HOST",
              "is required for every mailbox: no in-process mail server is configured (serve"
                  + " --demo-mail sends to one that delivers nothing)");
        }
        LocalMailServer local = starter.start();
        mailServer = local;
        fallbackSender =
            SmtpSender.create(
                List.of(SmtpConfig.builder(local.host(), local.port()).build()),
                smtpOptions.withDkim(MailboxSettings.dkimKeys(settings.mailboxes())),
                clock);
        for (Mailbox m : mailboxes) {
          if (!senders.containsKey(m.address())) {
            mailLines.add(
                m.address()
                    + " via the in-process SMTP server, "
                    + local.host()
                    + ":"
                    + local.port());
          }
        }
      }
      mailDescription = String.join("; ", mailLines);
      if (preflightDns != null) {
        deliverability = DeliverabilityChecks.start(preflightDns, settings.mailboxes());
      }
      if (mailServer != null) {
        log.warn(
            "DEMO MAIL: messages go to the in-process test SMTP server and are never delivered"
                + " ({})",
            mailDescription);
      }
      Sender sender =
          new MailboxRouter(
              senders,
              fallbackSender == null ? senders.values().iterator().next() : fallbackSender);

      MessageGenerator generator;
      if (settings.model().enabled()) {
        generator =
            OpenAiMessageGenerator.create(settings.model().config(), settings.model().promptsDir());
        generatorDescription =
            "openai, model "
                + settings.model().model()
                + (settings.model().batch() ? ", copy through the Batch API" : "")
                + " (template fallback)";
      } else {
        generator = new TemplateMessageGenerator();
        generatorDescription = "template";
      }

      CampaignEngineBuilder engineBuilder =
          CampaignEngine.builder()
              .store(store)
              .sender(sender)
              .config(settings.campaignConfig(mailboxes.get(0)))
              .mailboxes(mailboxes)
              .sendLimits(settings.limits())
              .sendLog(JdbcSendLog.create(Objects.requireNonNull(dataSource)))
              .deadLetterQueue(true)
              .generator(metrics.timed(generator))
              .fallback(settings.model().enabled() ? FallbackPolicy.TEMPLATE : FallbackPolicy.HOLD)
              .listener(activity)
              .listener(metrics)
              .instanceId(instanceId)
              .clock(clock);
      if (settings.model().enabled() && settings.model().batch()) {
        // new campaigns' copy through the Batch API: they wait as PENDING_COPY; runDue checks
        engineBuilder.batchGenerator(
            OpenAiBatchGenerator.create(settings.model().config(), settings.model().promptsDir()));
      }
      if (settings.warmUp().enabled()) {
        // Each mailbox's place on the ramp is kept in the database; a rising soft-bounce, block
        // or complaint rate slows the mailbox before the bounce-rate alert rule pauses it.
        engineBuilder
            .warmUp(
                settings.warmUp().ramp(), JdbcWarmUpLog.create(Objects.requireNonNull(dataSource)))
            .healthThrottle(HealthThrottle.defaults());
      }
      AddressVerifier verifier = DeliverabilityChecks.addressVerifier(settings, preflightDns);
      if (verifier != null) {
        engineBuilder.addressVerifier(verifier);
      }
      if (settings.airtable() != null) {
        AirtableSettings a = settings.airtable();
        airtableClient =
            AirtableClient.builder(a.config())
                .clock(clock)
                .callListener(metrics.externalCalls())
                .build();
        syncOutbox = JdbcSyncOutbox.create(Objects.requireNonNull(dataSource));
        airtableSync = AirtableSync.builder(airtableClient, store).outbox(syncOutbox).build();
        engineBuilder.listener(airtableSync);
      }
      LinkTracker tracker = null;
      if (settings.tracking().enabled()) {
        byte[] key =
            Objects.requireNonNull(settings.tracking().hmacKey())
                .reveal()
                .getBytes(StandardCharsets.UTF_8);
        tracker =
            LinkTracker.builder(
                    Objects.requireNonNull(settings.tracking().baseUrl()).toString(),
                    TrackingTokens.withKey(key))
                .build();
        engineBuilder.linkTracking(tracker);
      }
      boolean polling = false;
      ImapReplySource.Multi imapSource = null;
      if (!imaps.isEmpty()) {
        ImapReplySource.Multi imap =
            ImapReplySource.createAll(imaps, JdbcReplyIntakeState.create(dataSource), clock);
        closeables.add(imap);
        imapSource = imap;
        engineBuilder.replySource(imap);
        polling = true;
      }
      engine = engineBuilder.build();
      metrics.bind(engine);
      if (tracker != null) {
        byte[] key =
            Objects.requireNonNull(settings.tracking().hmacKey())
                .reveal()
                .getBytes(StandardCharsets.UTF_8);
        trackingHandler =
            TrackingHandler.builder(engine, tracker)
                .unsubscribeTokens(UnsubscribeTokens.withKey(key))
                .build();
      }
      HealthMonitor.Builder healthBuilder =
          HealthMonitor.builder(engine)
              .activity(activity)
              .mailboxes(mailboxes.stream().map(Mailbox::address).toList())
              .redaction(settings.redaction());
      if (imapSource != null) {
        healthBuilder.replyIntake(imapSource::pollHealth);
      }
      health = healthBuilder.build();
      AlertMonitor.Builder alertRules =
          AlertMonitor.builder(engine, activity).rules(AlertRule.defaults()).sink(AlertSink.log());
      if (syncOutbox != null) {
        com.fourrunr.campaign.airtable.SyncOutbox outbox = syncOutbox;
        alertRules.rule(AlertRule.syncBacklog(outbox::size, 500));
      }
      alerts = alertRules.build();
      if (options.leads != null) {
        EnrolmentReport report = engine.enrol(CsvLeadSource.of(options.leads));
        leadsReport = report;
        log.info(
            "enrolled {} of {} leads from {} ({} skipped)",
            report.enrolled(),
            report.read(),
            options.leads,
            report.skipped());
      }
      runner = CampaignRunner.create(engine, options.tick, polling);
      ScheduledExecutorService ops =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "campaign-alerts");
                t.setDaemon(true);
                return t;
              });
      closeables.add(ops::shutdownNow);
      AlertMonitor alertMonitor = alerts;
      AirtableSync sync = airtableSync;
      CampaignEngine running = engine;
      var unused =
          ops.scheduleWithFixedDelay(
              () -> {
                if (sync != null) {
                  try {
                    sync.pollChanges(running); // a person's changes in the table -> the campaigns
                    sync.flush(); // queued campaign field updates -> the table
                  } catch (RuntimeException e) {
                    log.error("Airtable sync failed; the next round tries again", e);
                  }
                }
                try {
                  alertMonitor.evaluate();
                } catch (RuntimeException e) {
                  log.error("alert rules failed; the next round tries again", e);
                }
              },
              options.tick.toMillis(),
              options.tick.toMillis(),
              TimeUnit.MILLISECONDS);

      ServiceRoutes routes = new ServiceRoutes(this);
      HttpServer http;
      try {
        http = HttpServer.create(new InetSocketAddress(options.bindAddress, configuredPort()), 0);
      } catch (java.net.BindException e) {
        throw new IOException(
            "port "
                + configuredPort()
                + " on "
                + options.bindAddress
                + " is already in use or cannot be bound ("
                + e.getMessage()
                + "); choose another with --port or CAMPAIGN_SERVER_PORT",
            e);
      }
      ExecutorService executor =
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "campaign-http");
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(executor);
      http.createContext("/", routes::handle);
      http.start();
      server = http;
      closeables.add(executor::shutdownNow);
      runner.start();
      log.info(
          "4Runr Campaigns service on {} (store: {}; mail: {}; generator: {}; tracking: {}; instance: {})",
          uri(),
          storeDescription,
          mailDescription,
          generatorDescription,
          tracker == null ? "off" : tracker.baseUrl(),
          instanceId);
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the service: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private int configuredPort() {
    return options.port != null ? options.port : options.settings.serverPort();
  }

  private static SmtpMessageOptions smtpOptions(CampaignSettings settings) {
    SmtpMessageOptions.Builder b = SmtpMessageOptions.builder();
    TrackingSettings tracking = settings.tracking();
    if (tracking.enabled()
        && "https".equalsIgnoreCase(Objects.requireNonNull(tracking.baseUrl()).getScheme())) {
      byte[] key =
          Objects.requireNonNull(tracking.hmacKey()).reveal().getBytes(StandardCharsets.UTF_8);
      String base = tracking.baseUrl().toString();
      String mailto = settings.primaryMailbox().map(m -> m.mailbox().address()).orElse(null);
      b.unsubscribe(
          (base.endsWith("/") ? base : base + "/") + "u", mailto, UnsubscribeTokens.withKey(key));
    }
    return b.build();
  }

  private @Nullable DataSource dataSource;

  private CampaignStore openStore() throws IOException {
    DatabaseSettings database = options.settings.database();
    if (database.embedded()) {
      Files.createDirectories(options.dataDirectory);
      Path file = options.dataDirectory.resolve("campaign");
      dataSource = EmbeddedDatabase.file(file);
      storeDescription = "embedded database, " + EmbeddedDatabase.dataFile(file);
      storeLocation = EmbeddedDatabase.dataFile(file).toAbsolutePath().normalize().toString();
    } else {
      HikariDataSource pg = DatabaseConnection.open(database, options.settings.redaction());
      closeables.add(pg);
      dataSource = pg;
      storeDescription = "PostgreSQL, " + database;
      storeLocation =
          InstanceIds.databaseLocation(Objects.requireNonNull(database.jdbcUrl()), database.user());
    }
    return JdbcCampaignStore.create(dataSource);
  }

  /** The address the service answers on, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    HttpServer http = Objects.requireNonNull(server, "the service is not started");
    InetSocketAddress address = http.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** The port the service listens on (useful with port 0). */
  public int port() {
    return Objects.requireNonNull(server, "the service is not started").getAddress().getPort();
  }

  /** The running engine. */
  public CampaignEngine engine() {
    return Objects.requireNonNull(engine, "the service is not started");
  }

  /** The store the engine uses. */
  public CampaignStore store() {
    return Objects.requireNonNull(store, "the service is not started");
  }

  /** The runner calling {@code runDue()} every tick. */
  CampaignRunner runner() {
    return Objects.requireNonNull(runner, "the service is not started");
  }

  /** The in-process mail server, when a mailbox has no SMTP server. */
  @Nullable LocalMailServer mailServer() {
    return mailServer;
  }

  /** The id the engine claims due messages under ({@code CAMPAIGN_INSTANCE_ID}, else derived). */
  String instanceId() {
    return instanceId;
  }

  String storeDescription() {
    return storeDescription;
  }

  String mailDescription() {
    return mailDescription;
  }

  String generatorDescription() {
    return generatorDescription;
  }

  Options options() {
    return options;
  }

  /** The enrolment report of the leads file enrolled at start, or null when there was none. */
  public synchronized @Nullable EnrolmentReport leadsReport() {
    return leadsReport;
  }

  /** Stops the HTTP server, the runner and everything the service opened. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (runner != null) {
      runner.close();
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        log.warn("could not close {}: {}", closeables.get(i), e.toString());
      }
    }
    closeables.clear();
    if (mailServer != null) {
      mailServer.close();
      mailServer = null;
    }
  }

  /** The health monitor behind {@code GET /health}. */
  HealthMonitor health() {
    return Objects.requireNonNull(health, "the service is not started");
  }

  /** The Prometheus registry behind {@code GET /metrics}. */
  PrometheusMeterRegistry metricsRegistry() {
    return Objects.requireNonNull(metricsRegistry, "the service is not started");
  }

  /** The alert rules, evaluated every tick. */
  AlertMonitor alerts() {
    return Objects.requireNonNull(alerts, "the service is not started");
  }

  /** The tracking and unsubscribe endpoints, or null when tracking is not configured. */
  @Nullable TrackingHandler trackingHandler() {
    return trackingHandler;
  }

  /**
   * Enrols the leads of the configured Airtable table and view (an operator's action: {@code POST
   * /api/airtable/enrol}); null when Airtable is not configured.
   */
  @Nullable EnrolmentReport enrolFromAirtable() {
    return airtableClient == null
        ? null
        : engine().enrol(AirtableLeadSource.create(airtableClient));
  }

  /** The domain preflight started with the service, or null when no resolver was given. */
  @Nullable DeliverabilityChecks deliverability() {
    return deliverability;
  }

  /** What the service was built with. */
  record Options(
      CampaignSettings settings,
      @Nullable Integer port,
      String bindAddress,
      Path dataDirectory,
      Duration tick,
      Clock clock,
      @Nullable Path leads,
      LocalMailServer.@Nullable Starter localMailServer,
      @Nullable String inboundSecret,
      @Nullable String apiTokenSha256) {}

  /** Builds a {@link CampaignService}; every setting has a working default. */
  public static final class Builder {
    private CampaignSettings settings = CampaignSettings.load(Map.of(), null);
    private @Nullable Integer port;
    private String bindAddress = "127.0.0.1";
    private Path dataDirectory = Path.of("campaign-data");
    private Duration tick = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private @Nullable Path leads;
    private LocalMailServer.@Nullable Starter localMailServer;
    private @Nullable DnsResolver preflightDns;
    private @Nullable String inboundSecret;
    private @Nullable String apiTokenSha256;

    private Builder() {}

    /**
     * Checks the DNS (SPF, DKIM, DMARC, MX) of the {@code From} domain of each mailbox with an SMTP
     * server at start, in the background, with this resolver: findings are logged as warnings and
     * shown in {@code /health} as the {@code deliverability} component; they never stop the
     * service. Default: no check.
     */
    public Builder preflight(@Nullable DnsResolver dns) {
      this.preflightDns = dns;
      return this;
    }

    /**
     * The shared secret of the inbound webhook ({@code CAMPAIGN_INBOUND_SECRET}, at least 32
     * bytes): when set, {@code POST /inbound} needs an HMAC-SHA256 signature (see {@link
     * com.fourrunr.campaign.smtp.WebhookSignature}). Default none: the webhook is open.
     */
    public Builder inboundSecret(@Nullable String inboundSecret) {
      this.inboundSecret = inboundSecret;
      return this;
    }

    /**
     * The hex SHA-256 of the API token ({@code CAMPAIGN_API_TOKEN_SHA256}): a request with {@code
     * Authorization: Bearer <token>} may post to the state-changing routes without a browser's
     * Origin, and to {@code /inbound} without a signature.
     */
    public Builder apiTokenSha256(@Nullable String apiTokenSha256) {
      this.apiTokenSha256 = apiTokenSha256;
      return this;
    }

    /**
     * The configuration: mailboxes and their SMTP/IMAP servers, the model, the database, tracking,
     * limits and timing ({@link CampaignSettings#load}). Default: nothing configured, the embedded
     * defaults.
     */
    public Builder settings(CampaignSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * The HTTP port, 0 for any free port; overrides {@code CAMPAIGN_SERVER_PORT} (default 8080).
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, e.g. in a
     * container).
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /**
     * The folder of the embedded database (default {@code campaign-data} in the working folder).
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** How often the runner calls {@code runDue()} and the alert rules run (default 1 minute). */
    public Builder tick(Duration tick) {
      this.tick = tick;
      return this;
    }

    /** The clock (default the system clock in UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A leads CSV to enrol when the service starts. */
    public Builder leads(@Nullable Path leads) {
      this.leads = leads;
      return this;
    }

    /**
     * The in-process SMTP server that mail from a mailbox without its own SMTP server goes to (and
     * the only mail server when no mailbox is configured); started only when needed and closed with
     * the service. Default: none, and then every mailbox needs {@code CAMPAIGN_SMTP_HOST}.
     */
    public Builder localMailServer(LocalMailServer.@Nullable Starter localMailServer) {
      this.localMailServer = localMailServer;
      return this;
    }

    /**
     * Checks every setting, listing each problem.
     *
     * @throws InvalidInputException naming each bad field
     */
    public CampaignService build() {
      List<FieldError> errors = new ArrayList<>();
      if (settings == null) {
        errors.add(new FieldError("settings", "is required"));
      }
      if (port != null && (port < 0 || port > 65_535)) {
        errors.add(new FieldError("port", port + " is not between 0 and 65535"));
      }
      if (bindAddress == null || bindAddress.isBlank()) {
        errors.add(new FieldError("bindAddress", "is required"));
      } else if (!BindAddresses.isLoopback(bindAddress)
          && (BindAddresses.missing(inboundSecret) || BindAddresses.missing(apiTokenSha256))) {
        errors.add(new FieldError("bindAddress", BindAddresses.exposedWithoutSecrets(bindAddress)));
      }
      if (dataDirectory == null) {
        errors.add(new FieldError("dataDirectory", "is required"));
      }
      if (tick == null
          || tick.compareTo(Duration.ofSeconds(1)) < 0
          || tick.compareTo(Duration.ofDays(1)) > 0) {
        errors.add(new FieldError("tick", tick + " is not between 1 second and 1 day"));
      }
      if (leads != null && !Files.isReadable(leads)) {
        errors.add(new FieldError("leads", "cannot read " + leads));
      }
      if (clock == null) {
        errors.add(new FieldError("clock", "is required"));
      }
      if (inboundSecret != null
          && !inboundSecret.isBlank()
          && inboundSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
        errors.add(new FieldError("CAMPAIGN_INBOUND_SECRET", "is shorter than 32 bytes"));
      }
      if (apiTokenSha256 != null
          && !apiTokenSha256.isBlank()
          && !apiTokenSha256.trim().matches("[0-9a-fA-F]{64}")) {
        errors.add(new FieldError("CAMPAIGN_API_TOKEN_SHA256", "is not 64 hex digits (a SHA-256)"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException("CampaignService", errors);
      }
      CampaignService service =
          new CampaignService(
              new Options(
                  settings,
                  port,
                  bindAddress,
                  dataDirectory,
                  tick,
                  clock,
                  leads,
                  localMailServer,
                  inboundSecret,
                  apiTokenSha256));
      service.preflightDns = preflightDns;
      return service;
    }
  }
}
