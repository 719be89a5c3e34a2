package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.service.boot.BootServe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign serve}: the Spring Boot service of campaign-service-boot, on the embedded
 * defaults unless configured.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Runs the service (a Spring Boot application): the engine on a real clock, the operator"
            + " console (sign-in), /health, /metrics, the API and the webhooks, until stopped"
            + " (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTP port, 0 for any free one (default: $CAMPAIGN_SERVER_PORT, else 8080).")
  Integer port;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A .properties file of settings (campaign.smtp.host=...); CAMPAIGN_* environment variables"
              + " override it. See docs/configuration.md.")
  Path config;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String bind;

  @Option(
      names = "--data",
      defaultValue = "campaign-data",
      paramLabel = "DIR",
      description = "Folder of the embedded database (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--leads",
      paramLabel = "FILE",
      description =
          "A leads CSV to enrol at start; the enrolment report (the same as POST /api/leads) is"
              + " printed as one JSON line.")
  Path leads;

  @Option(
      names = "--tick",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Seconds between two runs of the queue (default: ${DEFAULT-VALUE}).")
  int tickSeconds;

  @Option(
      names = "--demo-mail",
      description =
          "Send every message to an in-process test SMTP server that delivers nothing (for trying"
              + " the service). Without it, each mailbox needs its SMTP server"
              + " (CAMPAIGN_SMTP_HOST).")
  boolean demoMail;

  @Option(
      names = "--new-operator",
      paramLabel = "NAME",
      description =
          "Print a generated password for operator NAME once, and the two settings lines (with its"
              + " hash) to add to the --config file; then exit without starting.")
  String newOperator;

  @Option(
      names = "--new-api-token",
      paramLabel = "NAME",
      description =
          "Print a generated API token once, and the settings lines (with its SHA-256) to add to"
              + " the --config file; then exit without starting.")
  String newApiToken;

  @Override
  public Integer call() throws InterruptedException {
    if (BootServe.newCredentials(newOperator, newApiToken, System.out)) {
      return 0;
    }
    // The Spring Boot service in campaign-service-boot does the work; with --demo-mail this command
    // adds the in-process SMTP server (GreenMail) that mail from a mailbox without its own server
    // goes to.
    BootServe.Options options =
        new BootServe.Options(
            port,
            config,
            bind,
            data,
            leads,
            Duration.ofSeconds(tickSeconds),
            demoMail ? GreenMailServer::start : null);
    return BootServe.run(
        options, System.getenv(), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
