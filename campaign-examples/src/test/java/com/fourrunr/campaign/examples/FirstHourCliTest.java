package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 21, the command line: what a new user trips over in the first hour. */
class FirstHourCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER =
      "id,email,city,region,country,timezone,email_confidence,engagement_status\n";

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\\R")) {
        if (!line.isBlank()) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CampaignCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path leads(String rows) throws Exception {
    Path file = dir.resolve("leads.csv");
    Files.writeString(file, HEADER + rows);
    return file;
  }

  @Test
  void scheduleSkipsWhatEnrolmentSkipsWithTheSameReason() throws Exception {
    Path file =
        leads(
            "L-ok,ok@example.com,Berlin,Berlin,DE,Europe/Berlin,Real,\n"
                + "L-guess,guess@example.com,Berlin,Berlin,DE,Europe/Berlin,Guess,\n"
                + "L-unknown,unknown@example.com,Berlin,Berlin,DE,Europe/Berlin,Unknown,\n"
                + "L-dnc,dnc@example.com,Berlin,Berlin,DE,Europe/Berlin,Real,DO_NOT_CONTACT\n"
                + "L-engaged,engaged@example.com,Berlin,Berlin,DE,Europe/Berlin,Real,ENGAGED\n");

    Run r = run("schedule", "--leads", file.toString(), "--start", "2026-11-30T08:00:00Z");

    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> lines = r.lines();
    assertThat(lines.stream().filter(l -> l.has("step")))
        .allSatisfy(l -> assertThat(l.get("leadId").asText()).isEqualTo("L-ok"))
        .hasSize(3);
    List<JsonNode> errors = lines.stream().filter(l -> l.has("error")).toList();
    assertThat(errors)
        .extracting(l -> l.get("leadId").asText() + " " + l.get("error").asText())
        .containsExactly(
            "L-guess EMAIL_CONFIDENCE_TOO_LOW: email_confidence: GUESS addresses are not mailed"
                + " (REAL or PATTERN needed)",
            "L-unknown EMAIL_CONFIDENCE_TOO_LOW: email_confidence: UNKNOWN addresses are not"
                + " mailed (REAL or PATTERN needed)",
            "L-dnc ENGAGEMENT_STATUS: engagement_status: lead is DO_NOT_CONTACT",
            "L-engaged ENGAGEMENT_STATUS: engagement_status: lead is ENGAGED");
  }

  @Test
  void localSendAtAlwaysHasSecondsAndZonesAreCanonical() throws Exception {
    Path file = leads("L-tlv,tlv@example.com,Tel Aviv,,IL,,Real,\n");

    Run r =
        run(
            "schedule",
            "--leads",
            file.toString(),
            "--start",
            "2026-11-30T08:00:00Z",
            "--send-days",
            "SUN-THU");

    assertThat(r.exit()).as(r.err()).isZero();
    for (JsonNode l : r.lines()) {
      assertThat(l.get("localSendAt").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
      assertThat(l.get("zone").asText()).isEqualTo("Asia/Jerusalem");
    }
  }

  @Test
  void theOldDaysSpellingsStillWorkAsDeprecatedAliases() throws Exception {
    Path file = leads("L-1,a@example.com,Berlin,Berlin,DE,Europe/Berlin,Real,\n");
    Run old =
        run(
            "schedule",
            "--leads",
            file.toString(),
            "--start",
            "2026-11-30T08:00:00Z",
            "--days",
            "MON-FRI");
    Run renamed =
        run(
            "schedule",
            "--leads",
            file.toString(),
            "--start",
            "2026-11-30T08:00:00Z",
            "--send-days",
            "MON-FRI");
    assertThat(old.exit()).isZero();
    assertThat(old.out()).isEqualTo(renamed.out());
    assertThat(old.err()).contains("--days is deprecated; use --send-days");
    assertThat(renamed.err()).doesNotContain("deprecated");

    Run demoOld = run("demo", "--days", "0");
    assertThat(demoOld.exit()).isEqualTo(2);
    assertThat(demoOld.err()).contains("--simulated-days", "deprecated");
    Run demoNew = run("demo", "--simulated-days", "0");
    assertThat(demoNew.err()).contains("--simulated-days").doesNotContain("deprecated");
  }

  @Test
  void demoAndPreviewReadTheOpenAiKeyUnderBothNamesAndTheCampaignNameWins() {
    GeneratorChoice plain =
        GeneratorChoice.fromEnvironment(
            java.util.Map.of("OPENAI_API_KEY", "sk-plain", "OPENAI_MODEL", "model-plain"));
    assertThat(plain.generator())
        .isInstanceOf(com.fourrunr.campaign.openai.OpenAiMessageGenerator.class);
    assertThat(plain.description()).contains("model-plain");

    GeneratorChoice service =
        GeneratorChoice.fromEnvironment(java.util.Map.of("CAMPAIGN_OPENAI_API_KEY", "sk-campaign"));
    assertThat(service.generator())
        .isInstanceOf(com.fourrunr.campaign.openai.OpenAiMessageGenerator.class);

    java.util.Map<String, String> both =
        java.util.Map.of(
            "OPENAI_API_KEY", "sk-plain",
            "OPENAI_MODEL", "model-plain",
            "CAMPAIGN_OPENAI_API_KEY", "sk-campaign",
            "CAMPAIGN_OPENAI_MODEL", "model-campaign");
    assertThat(GeneratorChoice.fromEnvironment(both).description())
        .contains("model-campaign")
        .doesNotContain("model-plain", "sk-");
    assertThat(
            java.util.Objects.requireNonNull(
                    com.fourrunr.campaign.openai.OpenAiConfig.fromEnvironment(both))
                .apiKey())
        .isEqualTo("sk-campaign");
  }

  @Test
  void aMistypedLeadsOptionSuggestsTheNearMatch() {
    Run r = run("preview", "--lead", "leads.csv");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option '--lead'; did you mean --leads?");

    Run schedule = run("schedule", "--lead", "leads.csv");
    assertThat(schedule.err()).contains("did you mean --leads?");
  }

  @Test
  void classifyHelpPointsToSampleMailsThatExist() {
    Run r = run("classify", "--help");
    assertThat(r.out()).contains(ClassifyCommand.SAMPLES + "/*.eml");
    assertThat(Path.of("..", ClassifyCommand.SAMPLES)).isDirectory();
    assertThat(Path.of("..", ClassifyCommand.SAMPLES).toFile().list((d, n) -> n.endsWith(".eml")))
        .hasSizeGreaterThan(10);
  }

  @Test
  void readmeServeUsageListsEveryOption() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String usage = readme.substring(readme.indexOf("./campaign serve [--port"));
    usage = usage.substring(0, usage.indexOf("```"));
    assertThat(usage).contains("--bind", "--data", "--tick", "--demo-mail", "--leads", "--config");
  }
}
