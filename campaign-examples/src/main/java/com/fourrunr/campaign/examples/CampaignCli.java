package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code campaign} command-line tool; {@code ./campaign} at the repository root runs it. */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    version = "4Runr Campaigns 0.1.0-SNAPSHOT",
    description = "Runs and inspects 4Runr outreach campaigns.",
    subcommands = {
      CampaignCli.DemoCommand.class,
      ScheduleCommand.class,
      CampaignCli.PreviewCommand.class,
      ClassifyCommand.class,
      ServeCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CampaignCli implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    if (args.length > 0
        && args[0].equals("demo")
        && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // The demo runs two weeks in seconds: a line per batch and reply would bury its summary. It
      // keeps WARN.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The tool's command line, for tests and embedding. Bad input that reaches the top (an {@link
   * InvalidInputException}, a file that cannot be read) prints one line naming the command and the
   * problem, and exits with status 1, without a stack trace.
   */
  public static CommandLine newCommandLine() {
    return newCommandLine(CommandLine.defaultFactory());
  }

  /**
   * The tool's command line with its commands made by {@code factory} (tests set a command's
   * environment).
   */
  static CommandLine newCommandLine(CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(new CampaignCli(), factory);
    cli.setParameterExceptionHandler(new OptionSuggestions(cli.getParameterExceptionHandler()));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          String problem = badInput(e);
          if (problem == null) {
            throw e;
          }
          commandLine.getErr().println(commandLine.getCommandName() + ": " + problem);
          commandLine.getErr().flush();
          return 1;
        });
    return cli;
  }

  /**
   * The one-line message of an exception caused by bad input, or null for anything else (a bug).
   */
  static @Nullable String badInput(Exception e) {
    if (e instanceof InvalidInputException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return null;
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
      description =
          "Runs a whole campaign on sample leads with an in-process mail server and a simulated"
              + " clock, then prints a summary.")
  static final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--leads",
        paramLabel = "FILE",
        description = "A leads CSV to use instead of the samples.")
    Path leads;

    @Option(
        names = {"--simulated-days", "--days"},
        defaultValue = "14",
        description =
            "Simulated days to run (default: ${DEFAULT-VALUE}). --days is the old spelling,"
                + " deprecated.")
    int days;

    @Option(
        names = "--jdbc-url",
        paramLabel = "URL",
        defaultValue = "${env:CAMPAIGN_JDBC_URL}",
        description =
            "A PostgreSQL JDBC URL (an empty database) instead of a new embedded database"
                + " (default: $CAMPAIGN_JDBC_URL; user and password from $CAMPAIGN_JDBC_USER and"
                + " $CAMPAIGN_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(
        names = "--report",
        paramLabel = "FILE",
        defaultValue = "target/demo-report.html",
        description =
            "Where to write the HTML analytics report; CSV and JSON go beside it"
                + " (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() {
      if (leads != null && !Files.isReadable(leads)) {
        spec.commandLine().getErr().println("--leads: cannot read " + leads);
        return 2;
      }
      if (DeprecatedNames.used(spec, "--days")) {
        spec.commandLine().getErr().println("demo: --days is deprecated; use --simulated-days");
      }
      if (days < 1 || days > 60) {
        spec.commandLine()
            .getErr()
            .println("--simulated-days (--days): " + days + " is not between 1 and 60");
        return 2;
      }
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        spec.commandLine()
            .getErr()
            .println(
                "--jdbc-url: only PostgreSQL URLs (jdbc:postgresql:...) are"
                    + " supported; leave it out for the embedded database");
        return 2;
      }
      Demo.Database database =
          jdbcUrl == null
              ? Demo.Database.embedded()
              : new Demo.Database(
                  jdbcUrl,
                  System.getenv("CAMPAIGN_JDBC_USER"),
                  System.getenv("CAMPAIGN_JDBC_PASSWORD"));
      try {
        new Demo(leads, days, spec.commandLine().getOut(), database).reportTo(report).run();
      } catch (InvalidInputException | UncheckedIOException e) {
        // A leads file that cannot be read as a whole; a bad row is listed under "Skipped" instead.
        spec.commandLine().getOut().flush();
        spec.commandLine()
            .getErr()
            .println((leads == null ? "demo: " : "--leads: ") + e.getMessage());
        return 1;
      }
      return 0;
    }
  }

  /**
   * {@code campaign preview}: generates and checks the sequences of a leads file without sending.
   */
  @Command(
      name = "preview",
      mixinStandardHelpOptions = true,
      description =
          "Writes and checks every lead's Hook, Proof and FOMO without sending anything. Prints one"
              + " JSON object per line per message (leadId, step, type, subject, body, verdicts, audit facts) and a"
              + " line with leadId and error for a lead that is skipped or held. Uses the OpenAI adapter when"
              + " OPENAI_API_KEY is set (OPENAI_BASE_URL, OPENAI_MODEL optional), the template generator otherwise.")
  static final class PreviewCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--leads",
        paramLabel = "FILE",
        required = true,
        description = "The leads CSV to preview.")
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
      Preview.Counts counts;
      try {
        counts =
            new Preview(
                    choice,
                    com.fourrunr.campaign.Sequence.hookProofFomo(),
                    spec.commandLine().getOut())
                .run(com.fourrunr.campaign.csv.CsvLeadSource.of(leads));
      } catch (InvalidInputException | UncheckedIOException e) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("--leads: " + e.getMessage());
        return 1;
      }
      if (counts.leads() == 0) {
        spec.commandLine().getErr().println("--leads: " + leads + ": has a header but no rows");
        return 1;
      }
      spec.commandLine()
          .getErr()
          .println(
              "preview: "
                  + counts.leads()
                  + " leads, "
                  + counts.ready()
                  + " ready, "
                  + counts.held()
                  + " held for review, "
                  + counts.skipped()
                  + " skipped");
      return 0;
    }
  }
}
