package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campaign serve --leads FILE} with rows in error: it prints the enrolment report of {@code
 * POST /api/leads} as one JSON line, and {@code POST /api/leads} with the same bytes reports the
 * same rows.
 */
class ServeLeadsReportTest {
  private static final Pattern LISTENING = Pattern.compile("service on (http://\\S+/)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void serveWithABrokenLeadsFilePrintsTheEnrolmentReportAndTheEndpointAgrees(@TempDir Path dir)
      throws Exception {
    Path leads = CliBadLeadsFileTest.brokenLeads(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder serve =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "com.fourrunr.campaign.examples.CampaignCli",
                "serve",
                "--demo-mail",
                "--port",
                "0",
                "--data",
                dir.resolve("data").toString(),
                "--leads",
                leads.toString())
            .redirectErrorStream(true);
    serve
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("CAMPAIGN_") || k.startsWith("OPENAI_"));
    // POST /api/leads needs a signed-in operator or the API token.
    String apiToken = "serve-leads-test-api-token-0123456789";
    serve
        .environment()
        .put(
            "CAMPAIGN_API_TOKEN_SHA256",
            com.fourrunr.campaign.smtp.WebhookSignature.sha256Hex(apiToken));
    Process process = serve.start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> seen = new ArrayList<>();
      JsonNode printed = null;
      URI base = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (base == null && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        seen.add(line);
        if (line.startsWith("{\"leads\"")) {
          printed = JSON.readTree(line);
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          base = URI.create(m.group(1));
        }
      }
      String output = String.join("\n", seen);
      assertThat(base).as("serve printed its address; output:%n%s", output).isNotNull();
      assertThat(output).doesNotContain("\tat ");
      assertThat(printed).as(output).isNotNull();
      assertThat(printed.get("read").asInt()).isEqualTo(10);
      // Eight readable rows: seven enrolled, and L-008, whose address is a GUESS, skipped for that.
      assertThat(printed.get("enrolled").asInt()).as(printed.toString()).isEqualTo(7);
      assertThat(printed.get("skippedByReason").get("EMAIL_CONFIDENCE_TOO_LOW").asInt())
          .isEqualTo(1);
      assertThat(printed.get("skippedByReason").get("INVALID_LEAD").asInt()).isEqualTo(2);
      List<JsonNode> rowErrors = new ArrayList<>();
      printed
          .get("skips")
          .forEach(
              s -> {
                if (s.get("reason").asText().equals("INVALID_LEAD")) {
                  rowErrors.add(s);
                }
              });
      assertThat(rowErrors)
          .extracting(s -> s.get("location").asText())
          .containsExactly("row 3", "row 7");
      assertThat(rowErrors.get(0).get("detail").asText()).contains("line 3");

      Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "serve-output");
      drain.setDaemon(true);
      drain.start();
      HttpResponse<String> posted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.resolve("api/leads"))
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "text/csv")
                      .header("Origin", base.getScheme() + "://" + base.getRawAuthority())
                      .header("Authorization", "Bearer " + apiToken)
                      .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(leads)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(200);
      JsonNode report = JSON.readTree(posted.body());
      // The same rows in error; the eight good leads are now already in a campaign.
      assertThat(report.get("read").asInt()).isEqualTo(10);
      assertThat(report.get("skippedByReason").get("INVALID_LEAD").asInt())
          .as(posted.body())
          .isEqualTo(2);
      assertThat(report.get("skips"))
          .filteredOn(s -> s.get("reason").asText().equals("INVALID_LEAD"))
          .extracting(s -> s.get("location").asText())
          .containsExactly("row 3", "row 7");
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
