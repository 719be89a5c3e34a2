package com.fourrunr.campaign.examples;

import picocli.CommandLine;

/** Whether a command was called with an option's old, deprecated spelling. */
final class DeprecatedNames {
  private DeprecatedNames() {}

  /** True when the command line held {@code name} itself ({@code --days 3} or {@code --days=3}). */
  static boolean used(CommandLine.Model.CommandSpec spec, String name) {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed == null) {
      return false;
    }
    return parsed.originalArgs().stream().anyMatch(a -> a.equals(name) || a.startsWith(name + "="));
  }
}
