package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never reach what the tool prints, whatever a server sends back: the command line in its
 * own JVM, logging at INFO as the shipped jar does, with stdout and stderr captured.
 */
class SecretsStayOutOfOutputTest {
  private static final String KEY = "sk-echoed-0123456789abcdef";

  private static Process cli(Path dir, List<String> args, java.util.Map<String, String> env)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp",
                System.getProperty("java.class.path"),
                "com.fourrunr.campaign.examples.CampaignCli"));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CAMPAIGN_") || k.startsWith("OPENAI_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  @Test
  void anOpenAiServerEchoingTheKeyLeavesItNeitherInFallbackReasonNorInTheLogs(@TempDir Path dir)
      throws Exception {
    Path csv = dir.resolve("leads.csv");
    Files.writeString(
        csv,
        "id,email,email_confidence,first_name,company,company_description,top_services\n"
            + "L-2,grace@example.com,Real,Grace,Navy Labs,Navy Labs writes compilers for the"
            + " fleet.,Compilers\n");
    AtomicInteger calls = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String echoed =
                  "Incorrect API key provided: " + request.getHeaders().get("Authorization");
              // First a retried 503 (logged at INFO with the server's text), then a refusing 401.
              int code = calls.incrementAndGet() % 2 == 1 ? 503 : 401;
              return new MockResponse.Builder()
                  .code(code)
                  .body(
                      "{\"error\":{\"message\":\""
                          + echoed
                          + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")
                  .build();
            }
          });
      server.start();

      Process p =
          cli(
              dir,
              List.of("preview", "--leads", csv.toString()),
              java.util.Map.of(
                  "OPENAI_API_KEY",
                  KEY,
                  "OPENAI_BASE_URL",
                  server.url("/v1").toString(),
                  "OPENAI_MODEL",
                  "gpt-test"));
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

      String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
      String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
      assertThat(calls.get()).isGreaterThanOrEqualTo(6);
      // The server's text did reach the output, redacted.
      assertThat(err).contains("Incorrect API key provided: Bearer ****");
      List<JsonNode> lines =
          out.lines()
              .filter(l -> !l.isBlank())
              .map(
                  l -> {
                    try {
                      return new ObjectMapper().readTree(l);
                    } catch (Exception e) {
                      throw new AssertionError(l, e);
                    }
                  })
              .toList();
      assertThat(lines)
          .hasSize(3)
          .allSatisfy(
              l -> {
                assertThat(l.path("fallback").asText()).isEqualTo("template");
                assertThat(l.path("fallbackReason").asText())
                    .contains("401")
                    .contains("****")
                    .doesNotContain(KEY);
              });
      assertThat(out).doesNotContain(KEY);
      assertThat(err).doesNotContain(KEY);
    }
  }

  @Test
  void aPasswordInTheJdbcUrlIsNotPrintedWhenTheDatabaseCannotBeReached(@TempDir Path dir)
      throws Exception {
    Process p =
        cli(
            dir,
            List.of(
                "serve", "--demo-mail", "--port", "0", "--data", dir.resolve("data").toString()),
            java.util.Map.of(
                "CAMPAIGN_JDBC_URL", "jdbc:postgresql://user:s3cretpw@no-such-host.invalid/db"));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isNotZero();
    assertThat(out + err).doesNotContain("s3cretpw");
    // One clear line, no stack trace.
    assertThat(err)
        .contains("cannot start")
        .contains("no-such-host.invalid")
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }
}
