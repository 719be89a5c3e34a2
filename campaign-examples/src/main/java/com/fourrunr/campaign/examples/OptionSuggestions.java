package com.fourrunr.campaign.examples;

import java.io.PrintWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * A missing required option reported together with the mistyped option the user most likely meant
 * it to be: {@code preview --lead x.csv} says "Unknown option '--lead'; did you mean --leads?"
 * instead of only "Missing required option '--leads'". Every other parse error goes to picocli's
 * own handler, which already suggests near matches for an unknown option.
 */
final class OptionSuggestions implements CommandLine.IParameterExceptionHandler {
  private final CommandLine.IParameterExceptionHandler standard;

  OptionSuggestions(CommandLine.IParameterExceptionHandler standard) {
    this.standard = standard;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args)
      throws Exception {
    if (ex instanceof CommandLine.MissingParameterException) {
      CommandLine cmd = ex.getCommandLine();
      for (String arg : args) {
        String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (!typed.startsWith("-") || cmd.getCommandSpec().findOption(typed) != null) {
          continue;
        }
        String near = nearest(cmd.getCommandSpec(), typed);
        if (near != null) {
          PrintWriter err = cmd.getErr();
          err.println(
              cmd.getCommandName()
                  + ": Unknown option '"
                  + typed
                  + "'; did you mean "
                  + near
                  + "? ("
                  + ex.getMessage()
                  + ")");
          err.flush();
          return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
      }
    }
    return standard.handleParseException(ex, args);
  }

  /** The option name within two edits of {@code typed}, or null when none is that close. */
  static @Nullable String nearest(CommandLine.Model.CommandSpec spec, String typed) {
    String best = null;
    int bestDistance = 3;
    for (CommandLine.Model.OptionSpec option : spec.options()) {
      for (String name : option.names()) {
        int d = distance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
        if (d < bestDistance) {
          bestDistance = d;
          best = name;
        }
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
