package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.openai.OpenAiMessageGenerator;
import com.fourrunr.campaign.quality.FallbackPolicy;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PreviewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, List<JsonNode> lines, String err) {}

  /** Runs {@code campaign preview} with the given environment instead of the process's. */
  static Run preview(Path leads, Map<String, String> env) throws Exception {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            K made = CommandLine.defaultFactory().create(cls);
            if (made instanceof CampaignCli.PreviewCommand p) {
              p.env = env;
            }
            return made;
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CampaignCli(), factory);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("preview", "--leads", leads.toString());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(exit, lines, err.toString());
  }

  static Path demoLeads(Path dir) throws Exception {
    Path file = dir.resolve("leads.csv");
    try (InputStream in =
        Objects.requireNonNull(
            Demo.class.getClassLoader().getResourceAsStream(Demo.SAMPLE_LEADS))) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  @Test
  void previewPrintsOneJsonLinePerMessageWithEveryVerdictAndALineForTheBadRow(@TempDir Path dir)
      throws Exception {
    Run run = preview(demoLeads(dir), Map.of());

    assertThat(run.exit()).isZero();
    List<JsonNode> messages = run.lines().stream().filter(l -> l.has("step")).toList();
    // Issue 21: the leads enrolment skips (GUESS and UNKNOWN addresses) get no copy but a line
    // naming the same reason; the bad row is the one line without a lead.
    List<JsonNode> skips =
        run.lines().stream().filter(l -> l.has("error") && !l.path("leadId").isNull()).toList();
    List<JsonNode> errors =
        run.lines().stream().filter(l -> l.has("error") && l.path("leadId").isNull()).toList();
    assertThat(skips)
        .extracting(l -> l.path("leadId").asText())
        .containsExactly("L-008", "L-013", "L-017", "L-021");
    assertThat(skips)
        .allSatisfy(
            l -> assertThat(l.path("error").asText()).startsWith("EMAIL_CONFIDENCE_TOO_LOW: "));
    assertThat(messages).hasSize(17 * 3);
    for (JsonNode m : messages) {
      assertThat(m.path("leadId").asText()).startsWith("L-0");
      assertThat(m.path("step").asInt()).isBetween(1, 3);
      assertThat(m.path("type").asText()).isIn("Hook", "Proof", "FOMO");
      assertThat(m.path("subject").asText()).isNotBlank();
      assertThat(m.path("body").asText()).isNotBlank();
      assertThat(m.path("generator").asText()).isEqualTo("template");
      assertThat(m.path("verdicts").size()).isGreaterThanOrEqualTo(10);
      for (JsonNode v : m.path("verdicts")) {
        assertThat(v.path("rule").asText()).matches("(brand|progression|uniqueness)\\.[a-z-]+");
        assertThat(v.path("result").asText()).isEqualTo("pass");
        assertThat(v.path("score").isNumber()).isTrue();
      }
    }
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("leadId").isNull()).isTrue();
              assertThat(e.path("location").asText()).isEqualTo("row 23");
              assertThat(e.path("error").asText())
                  .startsWith("INVALID_LEAD")
                  .contains("sam.lee@@westwind.example");
            });
    assertThat(run.err())
        .contains("generator template")
        .as("the same 17 the demo enrols")
        .contains("22 leads, 17 ready, 0 held for review, 5 skipped");
  }

  @Test
  void leadWithoutDataToPersonaliseGetsAnErrorLineAndTheOthersGoOn(@TempDir Path dir)
      throws Exception {
    Path csv = dir.resolve("leads.csv");
    Files.writeString(
        csv,
        // Verified addresses: an address of unknown confidence is skipped before any copy is
        // written.
        "id,email,first_name,company,company_description,top_services,email_confidence\n"
            + "L-1,ada@example.com,Ada,Analytical Engines,,,Real\n"
            + "L-2,grace@example.com,Grace,Navy Labs,Navy Labs writes compilers for the fleet.,Compilers,Real\n");

    Run run = preview(csv, Map.of());

    assertThat(run.lines())
        .filteredOn(l -> l.has("error"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("leadId").asText()).isEqualTo("L-1");
              assertThat(e.path("error").asText())
                  .startsWith("INSUFFICIENT_DATA")
                  .contains("company_description");
            });
    assertThat(run.lines())
        .filteredOn(l -> l.has("step"))
        .extracting(l -> l.path("leadId").asText())
        .containsExactly("L-2", "L-2", "L-2");
  }

  @Test
  void withAnApiKeyPreviewCallsTheOpenAiAdapterAndRecordsTheTemplateFallback(@TempDir Path dir)
      throws Exception {
    Path csv = dir.resolve("leads.csv");
    Files.writeString(
        csv,
        "id,email,first_name,company,company_description,top_services,email_confidence\n"
            + "L-2,grace@example.com,Grace,Navy Labs,Navy Labs writes compilers for the fleet.,Compilers,Real\n");
    List<String> auth = new ArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              synchronized (auth) {
                auth.add(
                    request.getUrl().encodedPath()
                        + " "
                        + request.getHeaders().get("Authorization"));
              }
              return new MockResponse.Builder()
                  .code(401)
                  .body(
                      "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                          + "\"code\":\"invalid_api_key\"}}")
                  .build();
            }
          });
      server.start();

      Run run =
          preview(
              csv,
              Map.of(
                  "OPENAI_API_KEY",
                  "sk-demo",
                  "OPENAI_BASE_URL",
                  server.url("/v1").toString(),
                  "OPENAI_MODEL",
                  "gpt-test"));

      assertThat(auth).hasSize(3).allMatch(a -> a.equals("/v1/chat/completions Bearer sk-demo"));
      assertThat(run.err()).contains("generator openai, model gpt-test");
      assertThat(run.lines())
          .hasSize(3)
          .allSatisfy(
              l -> {
                assertThat(l.path("fallback").asText()).isEqualTo("template");
                assertThat(l.path("fallbackReason").asText())
                    .contains("401")
                    .contains("API key was refused")
                    .doesNotContain("sk-demo");
              });
    }
  }

  @Test
  void theDemoChoosesTheOpenAiAdapterOnlyWhenAKeyIsSet() {
    GeneratorChoice none = GeneratorChoice.fromEnvironment(Map.of());
    assertThat(none.generator()).isInstanceOf(TemplateMessageGenerator.class);
    assertThat(none.description()).isEqualTo("template (no network)");

    GeneratorChoice openAi =
        GeneratorChoice.fromEnvironment(
            Map.of(
                "OPENAI_API_KEY",
                "sk-x",
                "OPENAI_BASE_URL",
                "http://localhost:11434/v1",
                "OPENAI_MODEL",
                "llama3.1"));
    assertThat(openAi.generator()).isInstanceOf(OpenAiMessageGenerator.class);
    assertThat(openAi.fallback()).isEqualTo(FallbackPolicy.TEMPLATE);
    assertThat(openAi.description())
        .contains("llama3.1")
        .contains("http://localhost:11434/v1")
        .doesNotContain("sk-x");
  }
}
