package com.fourrunr.campaign.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code campaign} command-line tool; {@code ./campaign} at the repository root runs it. */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    version = "4Runr Campaigns 0.1.0-SNAPSHOT",
    description = "Runs and inspects 4Runr outreach campaigns.",
    subcommands = {CampaignCli.DemoCommand.class, ScheduleCommand.class, CampaignCli.PreviewCommand.class,
        ClassifyCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class CampaignCli implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")
        && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // The demo runs two weeks in seconds: a line per batch and reply would bury its summary. It keeps WARN.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(newCommandLine().execute(args));
  }

  /** The tool's command line, for tests and embedding. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new CampaignCli());
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code campaign demo}: a whole campaign with nothing configured. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = "Runs a whole campaign on sample leads with an in-process mail server and a simulated"
          + " clock, then prints a summary.")
  static final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--leads", paramLabel = "FILE", description = "A leads CSV to use instead of the samples.")
    Path leads;

    @Option(names = "--days", defaultValue = "14", description = "Simulated days to run (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:CAMPAIGN_JDBC_URL}",
        description = "A PostgreSQL JDBC URL (an empty database) instead of a new embedded database"
            + " (default: $CAMPAIGN_JDBC_URL; user and password from $CAMPAIGN_JDBC_USER and"
            + " $CAMPAIGN_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "target/demo-report.html",
        description = "Where to write the HTML analytics report; CSV and JSON go beside it"
            + " (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() {
      if (leads != null && !Files.isReadable(leads)) {
        spec.commandLine().getErr().println("--leads: cannot read " + leads);
        return 2;
      }
      if (days < 1 || days > 60) {
        spec.commandLine().getErr().println("--days: " + days + " is not between 1 and 60");
        return 2;
      }
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        spec.commandLine().getErr().println("--jdbc-url: only PostgreSQL URLs (jdbc:postgresql:...) are"
            + " supported; leave it out for the embedded database");
        return 2;
      }
      Demo.Database database = jdbcUrl == null
          ? Demo.Database.embedded()
          : new Demo.Database(jdbcUrl, System.getenv("CAMPAIGN_JDBC_USER"), System.getenv("CAMPAIGN_JDBC_PASSWORD"));
      new Demo(leads, days, spec.commandLine().getOut(), database).reportTo(report).run();
      return 0;
    }
  }

  /** {@code campaign preview}: generates and checks the sequences of a leads file without sending. */
  @Command(
      name = "preview",
      mixinStandardHelpOptions = true,
      description = "Writes and checks every lead's Hook, Proof and FOMO without sending anything. Prints one"
          + " JSON object per line per message (leadId, step, type, subject, body, verdicts, audit facts) and a"
          + " line with leadId and error for a lead that is skipped or held. Uses the OpenAI adapter when"
          + " OPENAI_API_KEY is set (OPENAI_BASE_URL, OPENAI_MODEL optional), the template generator otherwise.")
  static final class PreviewCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--leads", paramLabel = "FILE", required = true, description = "The leads CSV to preview.")
    Path leads;

    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
      if (!Files.isReadable(leads)) {
        spec.commandLine().getErr().println("--leads: cannot read " + leads);
        return 2;
      }
      GeneratorChoice choice = GeneratorChoice.fromEnvironment(env);
      spec.commandLine().getErr().println("preview: generator " + choice.description());
      Preview.Counts counts = new Preview(choice, com.fourrunr.campaign.Sequence.hookProofFomo(),
          spec.commandLine().getOut()).run(com.fourrunr.campaign.csv.CsvLeadSource.of(leads));
      spec.commandLine().getErr().println("preview: " + counts.leads() + " leads, " + counts.ready() + " ready, "
          + counts.held() + " held for review, " + counts.skipped() + " skipped");
      return 0;
    }
  }
}
