package com.fourrunr.campaign.service.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.service.CampaignSettings;
import com.fourrunr.campaign.service.EnrolmentJson;
import com.fourrunr.campaign.service.LocalMailServer;
import com.fourrunr.campaign.service.ServeHosting;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * {@code campaign serve}: the Spring Boot service ({@link CampaignServiceApplication}) started from
 * the standalone settings ({@code CAMPAIGN_*} over a {@code .properties} file) and the command
 * line's options, on the embedded database and loopback unless configured otherwise.
 */
public final class BootServe {
  /**
   * Tomcat logs through java.util.logging: its start-up lines are left out (held: not collected).
   */
  private static final java.util.logging.Logger TOMCAT =
      java.util.logging.Logger.getLogger("org.apache");

  private BootServe() {}

  /**
   * What {@code serve} was asked for.
   *
   * @param port the HTTP port, 0 for any free one, or null for {@code CAMPAIGN_SERVER_PORT} (else
   *     8080)
   * @param config a {@code .properties} file of settings, or null; {@code CAMPAIGN_*} variables
   *     override it
   * @param bind the address to listen on
   * @param data the folder of the embedded database
   * @param leads a leads CSV to enrol at start, or null
   * @param tick the time between two runs of the queue
   * @param localMailServer the in-process SMTP server for mailboxes without their own, or null for
   *     none: then a mailbox without an SMTP server (or no mailbox at all) stops the start with an
   *     error
   */
  public record Options(
      @Nullable Integer port,
      @Nullable Path config,
      String bind,
      Path data,
      @Nullable Path leads,
      Duration tick,
      LocalMailServer.@Nullable Starter localMailServer) {}

  /**
   * Prints new credentials once instead of starting: a generated operator password and the two
   * settings lines with its hash ({@code operator}), or a generated API token and the lines with
   * its SHA-256 ({@code apiToken}). Only the hashes go into the settings.
   *
   * @return whether anything was asked for (and printed)
   */
  public static boolean newCredentials(
      @Nullable String operator, @Nullable String apiToken, java.io.PrintStream out) {
    if (operator != null) {
      return FirstRun.run(new String[] {"--new-operator=" + operator}, out);
    }
    if (apiToken != null) {
      return FirstRun.run(new String[] {"--new-api-token=" + apiToken}, out);
    }
    return false;
  }

  /**
   * Runs the service until the JVM shuts down (Ctrl-C, SIGTERM). Bad settings, a leads file that
   * cannot be read or a service that cannot start are one line on {@code err}, without a stack
   * trace or a secret.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @return the exit code: 2 for bad settings, 1 when the service cannot start, 0 after a shutdown
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public static int run(Options options, Map<String, String> env, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    CampaignSettings settings;
    try {
      // Every missing or invalid setting is reported at once, named by its environment variable.
      settings = CampaignSettings.load(env, options.config());
    } catch (InvalidInputException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    if (options.localMailServer() == null) {
      String problem = ServeHosting.mailboxProblem(settings);
      if (problem != null) {
        err.println(problem);
        err.flush();
        return 2;
      }
    }
    quietLogging();
    Map<String, Object> properties =
        new LinkedHashMap<>(ServeSettings.properties(env, options.config()));
    int port = options.port() != null ? options.port() : settings.serverPort();
    Path embedded = options.data().resolve("campaign");
    properties.put("server.port", String.valueOf(port));
    properties.put("server.address", options.bind());
    properties.put("campaign.store.embedded-path", embedded.toString());
    properties.put("campaign.runner.interval", options.tick().toMillis() + "ms");
    properties.put("campaign.instance-id", ServeHosting.instanceId(settings, port, embedded));
    properties.put("campaign.web.enabled", "true");
    properties.put("campaign.web.base-path", "");
    properties.put("campaign.web.tracking-path", trackingPath(settings));
    properties.put("spring.main.banner-mode", "off");
    properties.put("spring.main.log-startup-info", "false");

    LocalMailServer local = null;
    HikariDataSource database = null;
    Path leads = options.leads();
    java.util.concurrent.atomic.AtomicReference<@Nullable LeadsAtStart> leadsAtStart =
        new java.util.concurrent.atomic.AtomicReference<>();
    ConfigurableApplicationContext context;
    try {
      local = DemoMail.start(settings, options.localMailServer(), properties);
      database = ServeHosting.openDatabase(settings);
      context =
          start(
              properties,
              database,
              leads,
              leadsAtStart,
              new HealthAdditions(ServeHosting.deliverabilityHealth(settings)));
    } catch (RuntimeException e) {
      closeQuietly(local, database);
      LeadsAtStart.Failed leadsFailed = find(e, LeadsAtStart.Failed.class);
      if (leadsFailed != null) {
        err.println(
            "--leads: " + settings.redaction().apply(String.valueOf(leadsFailed.getMessage())));
        err.flush();
        return 1;
      }
      err.println(
          portInUse(e)
              ? "port "
                  + port
                  + " on "
                  + options.bind()
                  + " is already in use or cannot be bound; choose another with --port or"
                  + " CAMPAIGN_SERVER_PORT"
              : "cannot start: " + settings.redaction().apply(rootMessage(e)));
      err.flush();
      return 1;
    }
    LeadsAtStart enrolled = leadsAtStart.get();
    EnrolmentReport report = enrolled == null ? null : enrolled.report();
    if (report != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("leads", String.valueOf(leads));
      json.putAll(EnrolmentJson.of(report));
      try {
        out.println(new ObjectMapper().writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an enrolment report did not serialise", e);
      }
      out.println(
          "enrolled "
              + report.enrolled()
              + " of "
              + report.read()
              + " leads from "
              + leads
              + " ("
              + report.skipped()
              + " skipped)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    LocalMailServer mail = local;
    HikariDataSource pool = database;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  context.close();
                  closeQuietly(mail, pool);
                  stopped.countDown();
                },
                "campaign-serve-shutdown"));
    int listening = ((WebServerApplicationContext) context).getWebServer().getPort();
    out.println(
        "4Runr Campaigns service on http://"
            + shownHost(options.bind())
            + ":"
            + listening
            + "/ (console: sign in; /health/live, /health, /metrics; instance: "
            + properties.get("campaign.instance-id")
            + "). Ctrl-C stops it.");
    if (local != null) {
      out.println(
          "DEMO MAIL: every message goes to the in-process test SMTP server and is never"
              + " delivered.");
    }
    out.flush();
    stopped.await();
    return 0;
  }

  private static ConfigurableApplicationContext start(
      Map<String, Object> properties,
      @Nullable HikariDataSource database,
      @Nullable Path leads,
      java.util.concurrent.atomic.AtomicReference<@Nullable LeadsAtStart> leadsAtStart,
      HealthAdditions healthAdditions) {
    StandardServletEnvironment environment = new StandardServletEnvironment();
    // Above application.properties and the environment: the command line's options win.
    environment.getPropertySources().addFirst(new MapPropertySource("campaign-serve", properties));
    SpringApplication app = new SpringApplication(CampaignServiceApplication.class);
    app.setEnvironment(environment);
    app.setRegisterShutdownHook(false);
    app.addInitializers(
        context ->
            context.getBeanFactory().registerSingleton("campaignServeHealth", healthAdditions));
    if (database != null) {
      app.addInitializers(
          context ->
              context.getBeanFactory().registerSingleton("campaignServeDataSource", database));
    }
    if (leads != null) {
      app.addInitializers(
          context -> {
            LeadsAtStart enrol = new LeadsAtStart(leads, context.getBeanFactory());
            leadsAtStart.set(enrol);
            context.getBeanFactory().registerSingleton("campaignServeLeads", enrol);
          });
    }
    return app.run();
  }

  private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The path of the tracking base URL ({@code https://t.example/t} serves under {@code /t}). */
  private static String trackingPath(CampaignSettings settings) {
    java.net.URI base = settings.tracking().baseUrl();
    String path = base == null || base.getPath() == null ? "" : base.getPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Spring's own logging stays off: the command line's SLF4J logger prints, without banner. */
  private static void quietLogging() {
    TOMCAT.setLevel(java.util.logging.Level.WARNING);
    if (System.getProperty("org.springframework.boot.logging.LoggingSystem") == null) {
      System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }
    // A start that fails is one line on stderr (below), not a logged stack trace.
    String failure = "org.slf4j.simpleLogger.log.org.springframework.boot.SpringApplication";
    if (System.getProperty(failure) == null) {
      System.setProperty(failure, "off");
    }
  }

  private static String shownHost(String bind) {
    try {
      InetAddress address = InetAddress.getByName(bind);
      return address.isAnyLocalAddress() ? "127.0.0.1" : bind;
    } catch (UnknownHostException e) {
      return bind;
    }
  }

  private static boolean portInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.springframework.boot.web.server.PortInUseException
          || t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof InvalidInputException) {
        break;
      }
      root = root.getCause();
    }
    return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
  }

  private static void closeQuietly(
      @Nullable LocalMailServer local, @Nullable HikariDataSource database) {
    if (database != null) {
      database.close();
    }
    if (local != null) {
      local.close();
    }
  }
}
