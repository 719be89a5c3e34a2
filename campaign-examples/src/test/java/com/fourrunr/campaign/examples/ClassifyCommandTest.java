package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassifyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String OOO = """
      From: Jonas Weber <j.weber@hallmann-bau.example>
      To: sam@4runr.example
      Subject: Automatische Antwort: Einsatzplanung
      Date: Thu, 3 Dec 2026 08:30:45 +0100
      Message-ID: <ooo-1@hallmann-bau.example>
      Auto-Submitted: auto-replied
      Content-Type: text/plain; charset=utf-8

      Ich bin bis zum 5. Januar nicht im Büro.
      """;
  private static final String REPLY = """
      From: Ben <ben@walsh-roofing.example>
      To: sam@4runr.example
      Subject: Re: Scheduling
      Date: Thu, 3 Dec 2026 10:00:00 +0000
      Message-ID: <reply-1@walsh-roofing.example>
      Content-Type: text/plain; charset=utf-8

      Thanks, but we're not interested.

      On Tue, Dec 1, 2026 at 8:00 AM Sam wrote:
      > Would you be interested in a call?
      """;

  private record Run(int status, List<JsonNode> lines) {}

  private static Run run(String... args) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = CampaignCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int status = cli.execute(args);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(status, lines);
  }

  @Test
  void printsOneJsonObjectPerFileWithCategoryConfidenceReturnDateAndReason(@TempDir Path dir) throws Exception {
    Path ooo = Files.writeString(dir.resolve("ooo.eml"), OOO, StandardCharsets.UTF_8);
    Path reply = Files.writeString(dir.resolve("reply.eml"), REPLY, StandardCharsets.UTF_8);

    Run run = run("classify", ooo.toString(), reply.toString());

    assertThat(run.status()).isZero();
    assertThat(run.lines()).hasSize(2);
    JsonNode first = run.lines().get(0);
    assertThat(first.get("file").asText()).isEqualTo(ooo.toString());
    assertThat(first.get("category").asText()).isEqualTo("OUT_OF_OFFICE");
    assertThat(first.get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(first.get("returnDate").asText()).isEqualTo("2027-01-05");
    assertThat(first.get("reason").asText()).contains("Auto-Submitted");
    JsonNode second = run.lines().get(1);
    assertThat(second.get("category").asText()).isEqualTo("NOT_INTERESTED");
    assertThat(second.get("returnDate").isNull()).isTrue();
    assertThat(second.get("reason").asText()).contains("not interested");
  }

  @Test
  void unreadableFileGetsAnErrorLineAndTheOthersAreStillClassified(@TempDir Path dir) throws Exception {
    Path reply = Files.writeString(dir.resolve("reply.eml"), REPLY, StandardCharsets.UTF_8);

    Run run = run("classify", dir.resolve("missing.eml").toString(), reply.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.lines()).hasSize(2);
    assertThat(run.lines().get(0).get("error").asText()).contains("missing.eml");
    assertThat(run.lines().get(1).get("category").asText()).isEqualTo("NOT_INTERESTED");
  }
}
