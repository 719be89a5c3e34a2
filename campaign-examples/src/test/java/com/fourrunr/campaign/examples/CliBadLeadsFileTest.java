package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that reads a leads file reports a bad row as an error line and goes on, reports a
 * file that cannot be used at all in one line, and never prints a stack trace for bad input.
 */
class CliBadLeadsFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    List<JsonNode> json() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\\R")) {
        if (line.startsWith("{")) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }

    void assertNoStackTrace() {
      for (String text : List.of(out, err)) {
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
      }
    }
  }

  /** Runs the tool as {@code ./campaign} does, with no OpenAI key (the template generator). */
  static Run run(String... args) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            K made = CommandLine.defaultFactory().create(cls);
            if (made instanceof CampaignCli.PreviewCommand p) {
              p.env = Map.of();
            }
            return made;
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CampaignCli.newCommandLine(factory);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * The header and the first ten sample leads (L-001 to L-010 on lines 2 to 11), with an invalid
   * byte in row 3 (L-002's first name) and the closing quote of row 7's company description (L-006)
   * removed.
   */
  static Path brokenLeads(Path dir) throws Exception {
    List<String> lines;
    try (InputStream in =
        Objects.requireNonNull(
            Demo.class.getClassLoader().getResourceAsStream(Demo.SAMPLE_LEADS))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(11).toList();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 2) {
        assertThat(line).startsWith("L-002,mateo@andesdental.example,Mateo,");
        int at = line.indexOf("Mateo") + 2;
        bytes.writeBytes(line.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes(line.substring(at).getBytes(StandardCharsets.UTF_8));
      } else if (i == 6) {
        assertThat(line).startsWith("L-006,").contains(".\",");
        bytes.writeBytes(line.replace(".\",", ".,").getBytes(StandardCharsets.UTF_8));
      } else {
        bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      }
      bytes.write('\n');
    }
    Path file = dir.resolve("broken.csv");
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static final Set<String> READABLE =
      Set.of("L-001", "L-003", "L-004", "L-005", "L-007", "L-008", "L-009", "L-010");

  private static void assertRows3And7AreErrorsWithTheirLines(List<JsonNode> lines) {
    List<JsonNode> rowErrors = lines.stream().filter(l -> l.path("leadId").isNull()).toList();
    assertThat(rowErrors)
        .extracting(l -> l.path("location").asText())
        .containsExactly("row 3", "row 7");
    assertThat(rowErrors).extracting(l -> l.path("line").asInt()).containsExactly(3, 7);
    assertThat(rowErrors.get(0).path("error").asText())
        .contains("first_name")
        .contains("not valid UTF-8");
    assertThat(rowErrors.get(1).path("error").asText()).contains("quoted value opened on line 7");
    Set<String> leadIds = new TreeSet<>();
    for (JsonNode l : lines) {
      if (!l.path("leadId").isNull()) {
        leadIds.add(l.path("leadId").asText());
      }
    }
    assertThat(leadIds).isEqualTo(new TreeSet<>(READABLE));
  }

  @Test
  void previewReportsRows3And7WithTheirLinesAndWritesTheOthers() throws Exception {
    Run r = run("preview", "--leads", brokenLeads(dir).toString());

    r.assertNoStackTrace();
    assertThat(r.exit()).isZero();
    assertRows3And7AreErrorsWithTheirLines(r.json());
    // Issue 21: L-008's GUESS address is skipped as enrolment skips it, with enrolment's reason.
    assertThat(r.json())
        .filteredOn(l -> l.has("step"))
        .extracting(l -> l.path("leadId").asText())
        .containsAll(SENDABLE)
        .doesNotContain("L-008");
    assertL008IsSkippedForItsAddress(r.json());
    assertThat(r.err()).contains("10 leads");
  }

  @Test
  void scheduleReportsRows3And7WithTheirLinesAndPlansTheOthers() throws Exception {
    Run r =
        run("schedule", "--leads", brokenLeads(dir).toString(), "--start", "2026-11-30T08:00:00Z");

    r.assertNoStackTrace();
    assertThat(r.exit()).isZero();
    assertRows3And7AreErrorsWithTheirLines(r.json());
    assertThat(r.json()).filteredOn(l -> l.has("sendAt")).hasSize(SENDABLE.size() * 3);
    assertL008IsSkippedForItsAddress(r.json());
  }

  /** The readable leads enrolment would not skip: all but L-008, whose address is a GUESS. */
  private static final Set<String> SENDABLE =
      Set.of("L-001", "L-003", "L-004", "L-005", "L-007", "L-009", "L-010");

  private static void assertL008IsSkippedForItsAddress(List<JsonNode> lines) {
    assertThat(lines)
        .filteredOn(l -> l.path("leadId").asText().equals("L-008"))
        .singleElement()
        .satisfies(
            l -> assertThat(l.path("error").asText()).startsWith("EMAIL_CONFIDENCE_TOO_LOW: "));
  }

  private Path file(String name, byte[] content) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private Run runBoth(String command, Path leads) {
    return command.equals("preview")
        ? run("preview", "--leads", leads.toString())
        : run("schedule", "--leads", leads.toString(), "--start", "2026-11-30T08:00:00Z");
  }

  @Test
  void fileLevelProblemsAreOneLineAndExitOneWithoutAStackTrace() throws Exception {
    Map<Path, String> cases =
        Map.of(
            file("empty.csv", new byte[0]), "the file is empty",
            file("no-email.csv", "id,company\nL-1,Engines\n".getBytes(StandardCharsets.UTF_8)),
                "has no 'email' column",
            file("header-only.csv", "id,email,company\n".getBytes(StandardCharsets.UTF_8)),
                "has a header but no rows",
            file("bad-header.csv", new byte[] {'i', 'd', ',', (byte) 0xC0, '\n'}),
                "not valid UTF-8");
    for (String command : List.of("preview", "schedule")) {
      for (Map.Entry<Path, String> c : cases.entrySet()) {
        Run r = runBoth(command, c.getKey());

        r.assertNoStackTrace();
        assertThat(r.exit()).as(command + " " + c.getKey().getFileName()).isEqualTo(1);
        assertThat(r.err())
            .as(command + " " + c.getKey().getFileName())
            .contains("--leads: ")
            .contains(c.getValue());
        assertThat(r.out()).as(command + " " + c.getKey().getFileName()).isBlank();
      }
    }
  }

  @Test
  void rowProblemsAloneAreErrorLinesAndExitZero() throws Exception {
    Path invalidByte =
        file(
            "invalid-byte.csv",
            new byte[] {
              'i',
              'd',
              ',',
              'e',
              'm',
              'a',
              'i',
              'l',
              '\n',
              'L',
              '-',
              '1',
              ',',
              'a',
              (byte) 0xFF,
              '@',
              'x',
              '\n'
            });
    Path openQuote =
        file("open-quote.csv", "id,email\nL-1,\"a@example.com\n".getBytes(StandardCharsets.UTF_8));
    for (String command : List.of("preview", "schedule")) {
      for (Path leads : List.of(invalidByte, openQuote)) {
        Run r = runBoth(command, leads);

        r.assertNoStackTrace();
        assertThat(r.exit()).as(command + " " + leads.getFileName()).isZero();
        assertThat(r.json())
            .singleElement()
            .satisfies(
                l -> {
                  assertThat(l.path("leadId").isNull()).isTrue();
                  assertThat(l.path("location").asText()).isEqualTo("row 2");
                  assertThat(l.path("line").asInt()).isEqualTo(2);
                  assertThat(l.path("error").asText()).isNotBlank();
                });
      }
    }
  }

  @Test
  void missingFileIsOneLineAndExitTwo() {
    for (String command : List.of("preview", "schedule")) {
      Run r = runBoth(command, dir.resolve("nope.csv"));

      r.assertNoStackTrace();
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("--leads: cannot read").contains("nope.csv");
    }
  }

  @Test
  void demoWithABrokenFileListsRows3And7UnderSkipped() throws Exception {
    Run r =
        run(
            "demo",
            "--leads",
            brokenLeads(dir).toString(),
            "--days",
            "1",
            "--report",
            dir.resolve("report.html").toString());

    r.assertNoStackTrace();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Leads: 10 read");
    String skipped = r.out().substring(r.out().indexOf("Skipped"));
    assertThat(skipped)
        .containsPattern("row 3 +- +INVALID_LEAD +first_name: .*not valid UTF-8.*line 3")
        .containsPattern("row 7 +- +INVALID_LEAD +row: a quoted value opened on line 7");
  }

  @Test
  void demoWithAFileWithoutAnEmailColumnIsOneLine() throws Exception {
    Path noEmail =
        file("no-email.csv", "id,company\nL-1,Engines\n".getBytes(StandardCharsets.UTF_8));

    Run r =
        run(
            "demo",
            "--leads",
            noEmail.toString(),
            "--days",
            "1",
            "--report",
            dir.resolve("r.html").toString());

    r.assertNoStackTrace();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--leads: ").contains("has no 'email' column");
  }

  @Test
  void serveWithAnEmptyLeadsFileStopsWithOneLine() throws Exception {
    Path empty = file("empty.csv", new byte[0]);

    Run r =
        run(
            "serve",
            "--demo-mail",
            "--leads",
            empty.toString(),
            "--port",
            "0",
            "--data",
            dir.resolve("data").toString());

    r.assertNoStackTrace();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--leads: ").contains("the file is empty");
  }

  @Test
  void topLevelTurnsBadInputIntoOneLineAndLeavesBugsAlone() {
    assertThat(
            CampaignCli.badInput(
                com.fourrunr.campaign.InvalidInputException.of(
                    "leads.csv", "header", "has no 'email' column")))
        .isEqualTo("leads.csv: header: has no 'email' column");
    assertThat(
            CampaignCli.badInput(
                new java.io.UncheckedIOException(
                    "cannot read leads from x.csv: no such file", new java.io.IOException("x"))))
        .contains("x.csv");
    assertThat(CampaignCli.badInput(new IllegalStateException("bug"))).isNull();
  }
}
