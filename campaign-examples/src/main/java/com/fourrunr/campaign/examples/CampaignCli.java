package com.fourrunr.campaign.examples;

import java.nio.file.Files;
import java.nio.file.Path;
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
    subcommands = {CampaignCli.DemoCommand.class, ClassifyCommand.class, CommandLine.HelpCommand.class})
public final class CampaignCli implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
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

    @Option(names = "--days", defaultValue = "10", description = "Simulated days to run (default: ${DEFAULT-VALUE}).")
    int days;

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
      new Demo(leads, days, spec.commandLine().getOut()).run();
      return 0;
    }
  }
}
