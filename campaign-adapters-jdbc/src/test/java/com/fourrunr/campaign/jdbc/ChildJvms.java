package com.fourrunr.campaign.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs for the tests that kill a process hard: this JVM's java, on the test class path. */
final class ChildJvms {
  private ChildJvms() {}

  /** Starts {@code main} in a child JVM with {@code args}; its output and errors in one stream. */
  static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Every line the child writes, until it ends. */
  static List<String> readAll(Process p) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    }
  }
}
