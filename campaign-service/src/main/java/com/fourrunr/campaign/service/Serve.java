package com.fourrunr.campaign.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * {@code campaign serve}: reads the settings, starts a {@link CampaignService} and runs it until
 * the process is stopped. A command line parses its options into {@link Options} and hands them
 * here.
 */
public final class Serve {
  private Serve() {}

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
   * Runs the service until the JVM shuts down (Ctrl-C, SIGTERM). Bad settings, a leads file that
   * cannot be read or a port that cannot be bound are one line on {@code err}, without a stack
   * trace or a secret.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @return the exit code: 2 for bad settings, 1 when the service cannot start, 0 after a shutdown
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public static int run(Options options, Map<String, String> env, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    CampaignService service;
    CampaignSettings settings;
    try {
      // Every missing or invalid setting is reported at once, named by its environment variable.
      settings = CampaignSettings.load(env, options.config());
      if (options.localMailServer() == null) {
        String problem = MailboxCheck.withoutServer(settings);
        if (problem != null) {
          err.println(problem);
          return 2;
        }
      }
      CampaignService.Builder builder =
          CampaignService.builder()
              .settings(settings)
              .bindAddress(options.bind())
              .dataDirectory(options.data())
              .leads(options.leads())
              .tick(options.tick())
              .localMailServer(options.localMailServer())
              .preflight(DeliverabilityChecks.resolverFor(settings))
              .inboundSecret(env.get("CAMPAIGN_INBOUND_SECRET"))
              .apiTokenSha256(env.get("CAMPAIGN_API_TOKEN_SHA256"));
      if (options.port() != null) {
        builder.port(options.port());
      }
      service = builder.build();
    } catch (InvalidInputException e) {
      err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      service.start();
    } catch (InvalidInputException | UncheckedIOException e) {
      // A leads file that cannot be read as a whole, a port that cannot be bound: one line, no
      // stack trace.
      err.println(
          (e instanceof InvalidInputException && options.leads() != null ? "--leads: " : "")
              + settings.redaction().apply(String.valueOf(e.getMessage())));
      return 1;
    } catch (RuntimeException e) {
      // One line, no stack trace, no secret: a driver's or server's text passes through the
      // redaction.
      err.println("cannot start: " + settings.redaction().apply(String.valueOf(e.getMessage())));
      return 1;
    }
    EnrolmentReport enrolled = service.leadsReport();
    if (enrolled != null) {
      // The same report as POST /api/leads: a row in error is a skip with reason INVALID_LEAD and
      // its line.
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("leads", String.valueOf(options.leads()));
      report.putAll(EnrolmentJson.of(enrolled));
      try {
        out.println(new ObjectMapper().writeValueAsString(report));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an enrolment report did not serialise", e);
      }
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "campaign-serve-shutdown"));
    out.println(
        "4Runr Campaigns service on "
            + service.uri()
            + " (status page; /health/live, /health, /metrics). Ctrl-C stops it.");
    if (service.mailServer() != null) {
      out.println(
          "DEMO MAIL: every message goes to the in-process test SMTP server and is never"
              + " delivered.");
    }
    out.flush();
    stopped.await();
    return 0;
  }
}
