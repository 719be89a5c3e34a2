package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a local HTML file in headless Chromium ({@code /usr/bin/chromium}) and returns the DOM
 * after rendering. Without Chromium the calling test fails, wherever it runs: the README's test
 * command covers the browser tests (CI installs Debian's {@code chromium}). Only an explicit
 * opt-out, system property {@value #SKIP_PROPERTY}{@code =true} (e.g. {@code ./mvnw verify
 * -Dcampaign.skipBrowserTests=true}), skips them instead.
 */
public final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /**
   * The system property that, set to {@code true}, skips the browser tests when Chromium is
   * missing.
   */
  static final String SKIP_PROPERTY = "campaign.skipBrowserTests";

  private static final long TIMEOUT_SECONDS = 120;

  private HeadlessChromium() {}

  /** The rendered DOM of a local HTML file. */
  public static String dumpDom(Path html) throws IOException, InterruptedException {
    return dumpDom(html.toUri().toString());
  }

  /** The rendered DOM of a page, a {@code file:} or {@code http://127.0.0.1} URL. */
  public static String dumpDom(String url) throws IOException, InterruptedException {
    requireChromium(Files.isExecutable(CHROMIUM), Boolean.getBoolean(SKIP_PROPERTY));
    Path profile = Files.createTempDirectory("chromium-profile-");
    Path stdout = Files.createTempFile("chromium-dom-", ".html");
    Path stderr = Files.createTempFile("chromium-err-", ".txt");
    List<String> command =
        List.of(
            CHROMIUM.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + profile,
            "--dump-dom",
            url);
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s");
    }
    String dom = Files.readString(stdout, StandardCharsets.UTF_8);
    if (p.exitValue() != 0 || dom.isBlank()) {
      fail(
          "chromium exited with "
              + p.exitValue()
              + ": "
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return dom;
  }

  /**
   * Fails the calling test when Chromium is missing, or skips it when the opt-out property is set;
   * does nothing when Chromium is there.
   */
  static void requireChromium(boolean installed, boolean skipWhenMissing) {
    if (installed) {
      return;
    }
    if (skipWhenMissing) {
      Assumptions.abort(
          CHROMIUM + " is not installed; browser test skipped (" + SKIP_PROPERTY + ")");
    }
    fail(
        CHROMIUM
            + " is missing: install Debian's chromium (apt-get install chromium), or pass -D"
            + SKIP_PROPERTY
            + "=true to skip the browser tests");
  }

  /** The rendered {@code <svg>} element with this id, or a failure. */
  static String svg(String dom, String id) {
    int start = dom.indexOf("<svg id=\"" + id + "\"");
    if (start < 0) {
      fail("no <svg id=\"" + id + "\"> in the rendered DOM");
    }
    int end = dom.indexOf("</svg>", start);
    return dom.substring(start, end + "</svg>".length());
  }

  static long count(String text, String needle) {
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
