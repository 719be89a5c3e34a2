package com.fourrunr.campaign.examples.service;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignRunner;
import com.fourrunr.campaign.CampaignStore;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplySource;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.jdbc.EmbeddedDatabase;
import com.fourrunr.campaign.jdbc.JdbcCampaignStore;
import com.fourrunr.campaign.jdbc.JdbcReplyIntakeState;
import com.fourrunr.campaign.openai.OpenAiConfig;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.smtp.ImapConfig;
import com.fourrunr.campaign.smtp.ImapReplySource;
import com.fourrunr.campaign.smtp.SmtpConfig;
import com.fourrunr.campaign.smtp.SmtpSender;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example host service: the library wired from configuration and served over HTTP with the JDK's
 * built-in server (no framework). With nothing configured it runs on embedded defaults: an embedded database
 * file, an in-process SMTP server that receives every message, and the template generator. Endpoints:
 *
 * <ul>
 *   <li>{@code GET /} the status page: campaigns, the queue, dead letters with a replay action
 *   <li>{@code GET /health} JSON with an overall {@code status} ({@code UP} or {@code DOWN}, HTTP 503 when
 *       down) and each component
 *   <li>{@code GET /metrics} Prometheus text format
 *   <li>{@code GET /api/queue}, {@code GET /api/campaigns?after=ID&limit=N} JSON
 *   <li>{@code POST /api/leads} a leads CSV body (the documented header), enrolled; the enrolment report as
 *       JSON
 *   <li>{@code POST /dead-letters/{id}/replay} replays one dead letter (the status page's button)
 *   <li>{@code POST /inbound} the inbound-mail webhook (a raw RFC 5322 message or JSON)
 * </ul>
 *
 * <p>It listens on 127.0.0.1 unless told otherwise: the status page and the replay action have no login,
 * so put the service behind the host's authentication before binding it to a public address.
 */
public final class CampaignService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  private final Options options;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private @Nullable HttpServer server;
  private @Nullable CampaignEngine engine;
  private @Nullable CampaignStore store;
  private @Nullable CampaignRunner runner;
  private @Nullable GreenMail mailServer;
  private String storeDescription = "";
  private String mailDescription = "";
  private String generatorDescription = "";

  private CampaignService(Options options) {
    this.options = options;
  }

  /** A builder with the embedded defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the store, the mail server (when none is configured), the engine, the runner that calls {@code
   * runDue()} every tick, and the HTTP server. Enrols the configured leads file, if any.
   *
   * @return this service, started
   * @throws UncheckedIOException when the port cannot be bound or the data folder cannot be created
   */
  public synchronized CampaignService start() {
    if (server != null) {
      throw new IllegalStateException("the service is already started");
    }
    try {
      store = openStore();
      Clock clock = options.clock;
      SmtpConfig smtp = options.smtp;
      if (smtp == null) {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        mailServer = greenMail;
        smtp = SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build();
        mailDescription = "in-process SMTP server, 127.0.0.1:" + greenMail.getSmtp().getPort();
      } else {
        mailDescription = "SMTP " + smtp.host() + ":" + smtp.port();
      }
      CampaignEngine.Builder engineBuilder = CampaignEngine.builder()
          .store(store)
          .sender(SmtpSender.create(smtp, clock))
          .from(options.from)
          .clock(clock);
      OpenAiConfig openAi = OpenAiConfig.fromEnvironment(options.env);
      if (openAi == null) {
        engineBuilder.generator(new TemplateMessageGenerator()).fallback(FallbackPolicy.HOLD);
        generatorDescription = "template";
      } else {
        engineBuilder.generator(OpenAiMessageGenerator.create(openAi)).fallback(FallbackPolicy.TEMPLATE);
        generatorDescription = "openai, model " + openAi.model();
      }
      boolean polling = false;
      if (options.imap != null) {
        ImapReplySource imap = ImapReplySource.create(options.imap, JdbcReplyIntakeState.create(dataSource), clock);
        closeables.add(imap);
        engineBuilder.replySource((ReplySource) imap);
        polling = true;
      }
      engine = engineBuilder.build();
      if (options.leads != null) {
        EnrolmentReport report = engine.enrol(CsvLeadSource.of(options.leads));
        log.info("enrolled {} of {} leads from {} ({} skipped)", report.enrolled(), report.read(), options.leads,
            report.skipped());
      }
      runner = CampaignRunner.create(engine, options.tick, polling);
      ServiceRoutes routes = new ServiceRoutes(this);
      HttpServer http = HttpServer.create(new InetSocketAddress(options.bindAddress, options.port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
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
      log.info("4Runr Campaigns service on {} (store: {}; mail: {}; generator: {})", uri(), storeDescription,
          mailDescription, generatorDescription);
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the service: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private @Nullable DataSource dataSource;

  private CampaignStore openStore() throws IOException {
    if (options.jdbcUrl == null) {
      Files.createDirectories(options.dataDirectory);
      Path file = options.dataDirectory.resolve("campaign");
      dataSource = EmbeddedDatabase.file(file);
      storeDescription = "embedded database, " + EmbeddedDatabase.dataFile(file);
    } else {
      HikariConfig pool = new HikariConfig();
      pool.setJdbcUrl(options.jdbcUrl);
      pool.setUsername(options.jdbcUser);
      pool.setPassword(options.jdbcPassword);
      pool.setMaximumPoolSize(8);
      pool.setPoolName("campaign-service");
      HikariDataSource pg = new HikariDataSource(pool);
      closeables.add(pg);
      dataSource = pg;
      storeDescription = "PostgreSQL, " + options.jdbcUrl;
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

  /** The in-process mail server, when no SMTP server is configured. */
  @Nullable GreenMail mailServer() {
    return mailServer;
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
      mailServer.stop();
      mailServer = null;
    }
  }

  /** What the service was built with. */
  record Options(int port, String bindAddress, Path dataDirectory, @Nullable String jdbcUrl,
      @Nullable String jdbcUser, @Nullable String jdbcPassword, @Nullable SmtpConfig smtp,
      @Nullable ImapConfig imap, Mailbox from, Map<String, String> env, Duration tick, Clock clock,
      @Nullable Path leads) {
    @Override
    public String toString() {
      return "Options[port=" + port + ", bindAddress=" + bindAddress + ", dataDirectory=" + dataDirectory
          + ", jdbcUrl=" + jdbcUrl + ", smtp=" + (smtp == null ? "in-process" : smtp.host()) + "]";
    }
  }

  /** Builds a {@link CampaignService}; every setting has a working default. */
  public static final class Builder {
    private int port = 8080;
    private String bindAddress = "127.0.0.1";
    private Path dataDirectory = Path.of("campaign-data");
    private @Nullable String jdbcUrl;
    private @Nullable String jdbcUser;
    private @Nullable String jdbcPassword;
    private @Nullable SmtpConfig smtp;
    private @Nullable ImapConfig imap;
    private Mailbox from = new Mailbox("hello@4runr.example", "4Runr");
    private Map<String, String> env = Map.of();
    private Duration tick = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private @Nullable Path leads;

    private Builder() {}

    /** The HTTP port, 0 for any free port (default 8080). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, e.g. in a container). */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** The folder of the embedded database (default {@code campaign-data} in the working folder). */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** A PostgreSQL database instead of the embedded one. */
    public Builder postgres(String jdbcUrl, @Nullable String user, @Nullable String password) {
      this.jdbcUrl = jdbcUrl;
      this.jdbcUser = user;
      this.jdbcPassword = password;
      return this;
    }

    /** The SMTP server to send through (default: an in-process server that keeps every message). */
    public Builder smtp(@Nullable SmtpConfig smtp) {
      this.smtp = smtp;
      return this;
    }

    /** The IMAP mailbox to read replies from (default: none; replies come through {@code POST /inbound}). */
    public Builder imap(@Nullable ImapConfig imap) {
      this.imap = imap;
      return this;
    }

    /** The sender mailbox (default hello@4runr.example). */
    public Builder from(Mailbox from) {
      this.from = from;
      return this;
    }

    /** The environment to read the OpenAI settings from ({@code OPENAI_API_KEY}, ...). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** How often the runner calls {@code runDue()} (default 1 minute; 1 second to 1 day). */
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
     * Checks every setting, listing each problem.
     *
     * @throws InvalidInputException naming each bad field
     */
    public CampaignService build() {
      List<FieldError> errors = new ArrayList<>();
      if (port < 0 || port > 65_535) {
        errors.add(new FieldError("port", port + " is not between 0 and 65535"));
      }
      if (bindAddress == null || bindAddress.isBlank()) {
        errors.add(new FieldError("bindAddress", "is required"));
      }
      if (dataDirectory == null) {
        errors.add(new FieldError("dataDirectory", "is required"));
      }
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        errors.add(new FieldError("jdbcUrl", "only PostgreSQL URLs (jdbc:postgresql:...) are supported"));
      }
      if (tick == null || tick.compareTo(Duration.ofSeconds(1)) < 0 || tick.compareTo(Duration.ofDays(1)) > 0) {
        errors.add(new FieldError("tick", tick + " is not between 1 second and 1 day"));
      }
      if (leads != null && !Files.isReadable(leads)) {
        errors.add(new FieldError("leads", "cannot read " + leads));
      }
      if (from == null) {
        errors.add(new FieldError("from", "is required"));
      }
      if (clock == null) {
        errors.add(new FieldError("clock", "is required"));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException("CampaignService", errors);
      }
      return new CampaignService(new Options(port, bindAddress, dataDirectory, jdbcUrl, jdbcUser, jdbcPassword,
          smtp, imap, from, env, tick, clock, leads));
    }
  }
}
