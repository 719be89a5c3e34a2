package com.fourrunr.campaign.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.CampaignSettings;
import com.fourrunr.campaign.examples.service.CampaignService;
import com.fourrunr.campaign.examples.service.EnrolmentJson;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code campaign serve}: the example host service, on the embedded defaults unless configured. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs the example host service: the engine on a real clock, the status page, /health,"
        + " /metrics and the webhooks, until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N",
      description = "HTTP port, 0 for any free one (default: $CAMPAIGN_SERVER_PORT, else 8080).")
  Integer port;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A .properties file of settings (campaign.smtp.host=...); CAMPAIGN_* environment variables"
          + " override it. See docs/configuration.md.")
  Path config;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String bind;

  @Option(names = "--data", defaultValue = "campaign-data", paramLabel = "DIR",
      description = "Folder of the embedded database (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--leads", paramLabel = "FILE", description = "A leads CSV to enrol at start; the enrolment report (the same as POST /api/leads) is"
          + " printed as one JSON line.")
  Path leads;

  @Option(names = "--tick", defaultValue = "60", paramLabel = "SECONDS",
      description = "Seconds between two runs of the queue (default: ${DEFAULT-VALUE}).")
  int tickSeconds;

  @Override
  public Integer call() throws InterruptedException {
    CampaignService service;
    CampaignSettings settings;
    try {
      // Every missing or invalid setting is reported at once, named by its environment variable.
      settings = CampaignSettings.load(System.getenv(), config);
      CampaignService.Builder builder = CampaignService.builder().settings(settings)
          .bindAddress(bind).dataDirectory(data).leads(leads).tick(Duration.ofSeconds(tickSeconds));
      if (port != null) {
        builder.port(port);
      }
      service = builder.build();
    } catch (InvalidInputException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      service.start();
    } catch (InvalidInputException | UncheckedIOException e) {
      // A leads file that cannot be read as a whole, a port that cannot be bound: one line, no stack trace.
      spec.commandLine().getErr().println((e instanceof InvalidInputException && leads != null ? "--leads: " : "")
          + settings.redaction().apply(String.valueOf(e.getMessage())));
      return 1;
    } catch (RuntimeException e) {
      // One line, no stack trace, no secret: a driver's or server's text passes through the redaction.
      spec.commandLine().getErr().println("cannot start: " + settings.redaction().apply(String.valueOf(e.getMessage())));
      return 1;
    }
    EnrolmentReport enrolled = service.leadsReport();
    if (enrolled != null) {
      // The same report as POST /api/leads: a row in error is a skip with reason INVALID_LEAD and its line.
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("leads", String.valueOf(leads));
      report.putAll(EnrolmentJson.of(enrolled));
      try {
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(report));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an enrolment report did not serialise", e);
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "campaign-serve-shutdown"));
    spec.commandLine().getOut().println("4Runr Campaigns service on " + service.uri()
        + " (status page; /health, /metrics). Ctrl-C stops it.");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
