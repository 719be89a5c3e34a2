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
 * after rendering. Without Chromium the calling test is skipped, unless environment variable {@code
 * CI} is set: then it fails, since CI installs Debian's {@code chromium}.
 */
public final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 120;

  private HeadlessChromium() {}

  /** The rendered DOM of a local HTML file. */
  public static String dumpDom(Path html) throws IOException, InterruptedException {
    return dumpDom(html.toUri().toString());
  }

  /** The rendered DOM of a page, a {@code file:} or {@code http://127.0.0.1} URL. */
  public static String dumpDom(String url) throws IOException, InterruptedException {
    if (!Files.isExecutable(CHROMIUM)) {
      if (System.getenv("CI") != null) {
        fail(CHROMIUM + " is missing; CI must install Debian's chromium");
      }
      Assumptions.abort(CHROMIUM + " is not installed; the browser test is skipped (CI runs it)");
    }
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
