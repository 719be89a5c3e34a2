package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.examples.service.CampaignService;
import java.nio.file.Path;
import java.time.Duration;
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

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String bind;

  @Option(names = "--data", defaultValue = "campaign-data", paramLabel = "DIR",
      description = "Folder of the embedded database (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--leads", paramLabel = "FILE", description = "A leads CSV to enrol at start.")
  Path leads;

  @Option(names = "--tick", defaultValue = "60", paramLabel = "SECONDS",
      description = "Seconds between two runs of the queue (default: ${DEFAULT-VALUE}).")
  int tickSeconds;

  @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:CAMPAIGN_JDBC_URL}",
      description = "A PostgreSQL JDBC URL instead of the embedded database (default: $CAMPAIGN_JDBC_URL;"
          + " user and password from $CAMPAIGN_JDBC_USER and $CAMPAIGN_JDBC_PASSWORD).")
  String jdbcUrl;

  @Override
  public Integer call() throws InterruptedException {
    CampaignService.Builder builder = CampaignService.builder()
        .port(port).bindAddress(bind).dataDirectory(data).leads(leads).tick(Duration.ofSeconds(tickSeconds))
        .env(System.getenv());
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      builder.postgres(jdbcUrl, System.getenv("CAMPAIGN_JDBC_USER"), System.getenv("CAMPAIGN_JDBC_PASSWORD"));
    }
    CampaignService service;
    try {
      service = builder.build();
    } catch (InvalidInputException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    service.start();
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
