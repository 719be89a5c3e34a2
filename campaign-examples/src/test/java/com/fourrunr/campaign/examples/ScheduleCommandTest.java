package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScheduleCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = "id,email,city,region,country,timezone,email_confidence\n";

  @TempDir Path dir;

  private record Run(int exit, List<JsonNode> lines, String err) {}

  private Run run(String csv, String... options) throws IOException {
    Path file = dir.resolve("leads.csv");
    Files.writeString(file, HEADER + csv);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CampaignCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(List.of("schedule", "--leads", file.toString()));
    args.addAll(List.of(options));
    int exit = cli.execute(args.toArray(String[]::new));
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\\R")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(exit, lines, err.toString());
  }

  @Test
  void printsOneJsonLinePerMessageWithInstantZoneAndLocalTime() throws IOException {
    Run r =
        run(
            "L-1,a@example.com,Berlin,Berlin,DE,Europe/Berlin,Real\n",
            "--start",
            "2026-11-30T08:00:00Z",
            "--window",
            "09:00-11:30",
            "--days",
            "MON-FRI");
    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines()).extracting(n -> n.get("step").asInt()).containsExactly(1, 2, 3);
    assertThat(r.lines())
        .extracting(n -> n.get("type").asText())
        .containsExactly("Hook", "Proof", "FOMO");
    for (JsonNode n : r.lines()) {
      assertThat(n.get("leadId").asText()).isEqualTo("L-1");
      assertThat(n.get("zone").asText()).isEqualTo("Europe/Berlin");
      Instant sendAt = Instant.parse(n.get("sendAt").asText());
      LocalDateTime local = LocalDateTime.parse(n.get("localSendAt").asText());
      assertThat(LocalDateTime.ofInstant(sendAt, ZoneId.of("Europe/Berlin"))).isEqualTo(local);
      assertThat(local.getHour()).isBetween(9, 11);
    }
    // Business days 0, 3 and 7 from Monday 30 November: Monday, Thursday, Wednesday 9 December.
    assertThat(r.lines())
        .extracting(n -> n.get("localSendAt").asText().substring(0, 10))
        .containsExactly("2026-11-30", "2026-12-03", "2026-12-09");
  }

  @Test
  void intervalsAreStepDaysFromTheStartCountedInTheGivenUnit() throws IOException {
    Run calendar =
        run(
            "L-1,a@example.com,,,US,America/New_York,Real\n",
            "--start",
            "2026-12-04T12:00:00Z",
            "--intervals",
            "0,1",
            "--interval-unit",
            "calendar");
    // Friday 4 December 07:00 New York; day 1 is Saturday: moved to Monday 7 December.
    assertThat(calendar.lines())
        .extracting(n -> n.get("localSendAt").asText().substring(0, 10))
        .containsExactly("2026-12-04", "2026-12-07");
    Run business =
        run(
            "L-1,a@example.com,,,US,America/New_York,Real\n",
            "--start",
            "2026-12-04T12:00:00Z",
            "--intervals",
            "0,2",
            "--interval-unit",
            "business");
    assertThat(business.lines())
        .extracting(n -> n.get("localSendAt").asText().substring(0, 10))
        .containsExactly("2026-12-04", "2026-12-08");
  }

  @Test
  void badRowsAndUnresolvedZonesDoNotStopTheOthers() throws IOException {
    Run r =
        run(
            "L-1,not-an-address,,,,,Real\n"
                + "L-2,b@example.com,,,US,,Real\n"
                + "L-3,c@example.com,Mumbai,,IN,,Real\n",
            "--start",
            "2026-11-30T08:00:00Z",
            "--intervals",
            "0");
    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(0).get("leadId").isNull()).isTrue();
    assertThat(r.lines().get(0).get("error").asText()).contains("email");
    assertThat(r.lines().get(1).get("zone").asText()).isEqualTo("UTC");
    assertThat(r.lines().get(1).get("zoneWarning").asText()).contains("give the region or city");
    assertThat(r.lines().get(2).get("zone").asText()).isEqualTo("Asia/Kolkata");
    assertThat(r.lines().get(2).has("zoneWarning")).isFalse();
  }

  @Test
  void badOptionsAreRejectedNamingEachOption() throws IOException {
    Run r =
        run(
            "L-1,a@example.com,,,DE,Europe/Berlin,Real\n",
            "--start",
            "yesterday",
            "--window",
            "9-5",
            "--interval-unit",
            "fortnights",
            "--intervals",
            "0,7,3");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.lines()).isEmpty();
    assertThat(r.err())
        .contains("--start")
        .contains("--window")
        .contains("--interval-unit")
        .contains("--intervals");
  }
}
