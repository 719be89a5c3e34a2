package com.fourrunr.campaign.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, for browser tests: loads a page, runs its scripts, and returns the DOM as
 * rendered. {@code .ci/run} installs the {@code chromium} package when it is missing; outside CI a machine
 * without it skips the browser tests (with a message), under CI (env {@code CI} set) they fail.
 */
public final class HeadlessChromium {
  private HeadlessChromium() {}

  /** The Chromium executable: {@code $CHROMIUM}, else /usr/bin/chromium, else the test is skipped or fails. */
  public static Path executable() {
    String configured = System.getenv("CHROMIUM");
    Path path = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    if (!Files.isExecutable(path)) {
      String message = "no Chromium at " + path + " (install Debian's chromium package; .ci/run does)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return path;
  }

  /**
   * Loads {@code url} in headless Chromium, lets its scripts run for up to {@code budget} of virtual time,
   * and returns the serialised DOM.
   */
  public static String dumpDom(String url, Duration budget) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile-");
    List<String> command = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=" + budget.toMillis(), "--dump-dom", url));
    Path out = Files.createTempFile("chromium-dom-", ".html");
    Path err = Files.createTempFile("chromium-err-", ".log");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = process.waitFor(90, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("Chromium finished within 90 s").isTrue();
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("Chromium exit status; its log:%n%s",
        Files.readString(err, StandardCharsets.UTF_8)).isZero();
    return dom;
  }
}
