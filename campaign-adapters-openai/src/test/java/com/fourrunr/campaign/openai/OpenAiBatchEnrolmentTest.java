package com.fourrunr.campaign.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.CopyBatchReport;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Enrolment through the OpenAI Batch API against a MockWebServer that plays the files and batches
 * endpoints: campaigns wait as PENDING_COPY until the batch has ended, then go ACTIVE (first step
 * scheduled) or HELD.
 */
class OpenAiBatchEnrolmentTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TemplateMessageGenerator TEMPLATE = new TemplateMessageGenerator();

  private final MockWebServer server = new MockWebServer();
  private final SettableClock clock = new SettableClock(START);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final BatchApi api = new BatchApi();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(api);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * OpenAI's files and batches endpoints by their documented rules: an upload with purpose {@code
   * batch} gives a file id; a batch names that file, the endpoint and the 24h window; the batch is
   * {@code in_progress} until the test completes it; the output file has one line per answered
   * request with its {@code custom_id}, and the error file the failed ones. Answers are the
   * template's copy for the campaign's lead (so the gates pass).
   */
  final class BatchApi extends Dispatcher {
    final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<JsonNode>> files = new LinkedHashMap<>();
    final Map<String, String> outputs = new LinkedHashMap<>();
    String purpose = "";
    JsonNode created;
    volatile String status = "in_progress";
    final Set<String> failLines = new HashSet<>();
    int batches;

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      String path = request.getTarget();
      paths.add(request.getMethod() + " " + path);
      if (!("Bearer sk-test-SECRET-0123456789").equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"error\":{\"message\":\"bad key\",\"code\":\"invalid_api_key\"}}");
      }
      try {
        if (request.getMethod().equals("POST") && path.equals("/v1/files")) {
          String body = request.getBody().string(StandardCharsets.UTF_8);
          purpose =
              body.contains("name=\"purpose\"") && body.contains("\r\n\r\nbatch\r\n")
                  ? "batch"
                  : "";
          List<JsonNode> lines = new ArrayList<>();
          for (String l : body.split("\n")) {
            if (l.startsWith("{\"custom_id\"")) {
              lines.add(JSON.readTree(l));
            }
          }
          String id = "file-in-" + (files.size() + 1);
          files.put(id, lines);
          return json(200, "{\"id\":\"" + id + "\",\"object\":\"file\",\"purpose\":\"batch\"}");
        }
        if (request.getMethod().equals("POST") && path.equals("/v1/batches")) {
          created = JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
          if (!files.containsKey(created.path("input_file_id").asText())) {
            return json(
                400, "{\"error\":{\"message\":\"no such file\",\"code\":\"invalid_request\"}}");
          }
          batches++;
          return json(200, "{\"id\":\"batch_" + batches + "\",\"status\":\"validating\"}");
        }
        if (path.startsWith("/v1/batches/")) {
          ObjectNode b =
              JSON.createObjectNode().put("id", path.substring(12)).put("status", status);
          if (status.equals("completed") || status.equals("expired")) {
            b.put("output_file_id", "file-out-1");
            if (!failLines.isEmpty()) {
              b.put("error_file_id", "file-err-1");
            }
          }
          return json(200, JSON.writeValueAsString(b));
        }
        if (path.equals("/v1/files/file-out-1/content")) {
          return json(200, output(false));
        }
        if (path.equals("/v1/files/file-err-1/content")) {
          return json(200, output(true));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return json(404, "{\"error\":{\"message\":\"not found\"}}");
    }

    private String output(boolean errors) throws Exception {
      StringBuilder out = new StringBuilder();
      List<JsonNode> lines = files.get(created.path("input_file_id").asText());
      for (JsonNode line : lines) {
        String id = line.path("custom_id").asText();
        if (failLines.contains(id) != errors) {
          continue;
        }
        if (status.equals("expired") && !errors && id.endsWith(":2")) {
          continue; // the batch expired before the last steps were written
        }
        ObjectNode o = JSON.createObjectNode().put("id", "batch_req_" + id).put("custom_id", id);
        if (errors) {
          o.putNull("response");
          o.putObject("error").put("code", "server_error").put("message", "the line failed");
        } else {
          ObjectNode response = o.putObject("response").put("status_code", 200);
          response.put("request_id", "req-" + id);
          response.set("body", JSON.readTree(completion(id)));
          o.putNull("error");
        }
        out.append(JSON.writeValueAsString(o)).append('\n');
      }
      return out.toString();
    }

    /** The template's copy for the campaign's step, as a chat completion. */
    private String completion(String customId) throws Exception {
      String campaignId = customId.substring(0, customId.lastIndexOf(':'));
      int step = Integer.parseInt(customId.substring(customId.lastIndexOf(':') + 1));
      Campaign c = store.findCampaign(campaignId).orElseThrow();
      Lead lead = store.findLead(c.leadId()).orElseThrow();
      List<GeneratedMessage> previous = new ArrayList<>();
      GeneratedMessage m = null;
      for (int i = 0; i <= step; i++) {
        m = TEMPLATE.generate(new GenerationRequest(lead, Sequence.hookProofFomo(), i, previous));
        previous.add(m);
      }
      return OpenAiMessageGeneratorTest.completion(
          OpenAiMessageGeneratorTest.message(m.subject(), m.textBody()));
    }

    private MockResponse json(int code, String body) {
      return new MockResponse.Builder()
          .code(code)
          .addHeader("Content-Type", "application/json")
          .body(body)
          .build();
    }
  }

  private CampaignEngine engine() {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(SendSchedule.calendarDays())
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .batchGenerator(
            OpenAiBatchGenerator.create(
                OpenAiConfig.builder("sk-test-SECRET-0123456789")
                    .baseUrl(server.url("/v1").toString())
                    .build()))
        .build();
  }

  private static List<Lead> leads() {
    List<Lead> out = new ArrayList<>();
    for (String n : List.of("ash", "birch", "cedar")) {
      out.add(
          Lead.builder("L-" + n, n + "@" + n + "-works.example")
              .firstName(n.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + n.substring(1))
              .company(n + " Works")
              .companyDescription(n + " Works makes " + n + " instruments by hand.")
              .topServices(n + " instruments")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }
    return out;
  }

  private List<Campaign> campaigns() {
    List<Campaign> out = new ArrayList<>();
    for (Lead l : leads()) {
      out.add(store.findCampaignsByLead(l.id()).get(0));
    }
    return out;
  }

  @Test
  void enrolmentSubmitsOneJsonlBatchAndCampaignsWaitUntilItCompletes() {
    CampaignEngine engine = engine();

    EnrolmentReport report = engine.enrol(leads());

    assertThat(report.enrolled()).isEqualTo(3);
    assertThat(report.pendingCopy()).isEqualTo(3);
    assertThat(report.tokens()).isGreaterThan(3 * 3 * 500);
    assertThat(report.estimatedCost()).isGreaterThan(0);
    // the upload: purpose batch, one well-formed line per step of each campaign
    assertThat(api.purpose).isEqualTo("batch");
    List<JsonNode> lines = api.files.get("file-in-1");
    assertThat(lines).hasSize(9);
    Set<String> expectedIds = new HashSet<>();
    for (Campaign c : campaigns()) {
      for (int i = 0; i < 3; i++) {
        expectedIds.add(c.id() + ":" + i);
      }
    }
    assertThat(lines)
        .extracting(l -> l.path("custom_id").asText())
        .containsExactlyInAnyOrderElementsOf(expectedIds);
    assertThat(lines)
        .allSatisfy(
            l -> {
              assertThat(l.path("method").asText()).isEqualTo("POST");
              assertThat(l.path("url").asText()).isEqualTo("/v1/chat/completions");
              assertThat(l.path("body").path("model").asText()).isEqualTo("gpt-4o-mini");
              assertThat(l.path("body").path("messages")).hasSize(2);
              assertThat(l.path("body").path("response_format").path("type").asText())
                  .isEqualTo("json_schema");
            });
    assertThat(api.created.path("input_file_id").asText()).isEqualTo("file-in-1");
    assertThat(api.created.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
    assertThat(api.created.path("completion_window").asText()).isEqualTo("24h");
    assertThat(campaigns())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(CampaignStatus.PENDING_COPY);
              assertThat(c.statusReason()).isEqualTo("copy batch batch_1");
              assertThat(store.findMessages(c.id())).isEmpty();
            });

    // in progress: nothing moves, nothing is sent
    engine.runDue();
    assertThat(campaigns())
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(CampaignStatus.PENDING_COPY));
    assertThat(sender.sent()).isEmpty();

    api.status = "completed";
    engine.runDue(); // within the poll interval: not checked again yet
    assertThat(campaigns())
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(CampaignStatus.PENDING_COPY));
    clock.advance(Duration.ofMinutes(5));
    engine.runDue();

    // the same run settled the batch, scheduled each first step (due now) and sent it
    assertThat(campaigns())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(CampaignStatus.ACTIVE);
              List<CampaignMessage> messages = store.findMessages(c.id());
              assertThat(messages).hasSize(3);
              assertThat(messages.get(0).status()).isEqualTo(DeliveryStatus.SENT);
              assertThat(messages.get(1).status()).isEqualTo(DeliveryStatus.SCHEDULED);
              assertThat(messages.get(1).scheduledAt()).isAfter(clock.instant());
            });
    assertThat(sender.sent()).hasSize(3);
    assertThat(api.batches).isEqualTo(1);
  }

  @Test
  void aFailedLineHoldsOnlyItsCampaign() {
    CampaignEngine engine = engine();
    engine.enrol(leads());
    Campaign birch = campaigns().get(1);
    api.failLines.add(birch.id() + ":1");
    api.status = "completed";

    CopyBatchReport settled = engine.pollCopyBatches();

    assertThat(settled.activated()).isEqualTo(2);
    assertThat(settled.held()).isEqualTo(1);
    assertThat(settled.tokens()).isGreaterThan(0);
    assertThat(settled.estimatedCost()).isGreaterThan(0);
    List<Campaign> after = campaigns();
    assertThat(after.get(0).status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(after.get(2).status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(after.get(1).status()).isEqualTo(CampaignStatus.HELD);
    assertThat(after.get(1).statusReason())
        .contains("step 2")
        .contains("server_error: the line failed");
    // the held campaign keeps copy for every step for the reviewer, none scheduled
    assertThat(store.findMessages(birch.id()))
        .hasSize(3)
        .allSatisfy(m -> assertThat(m.scheduledAt()).isNull());
  }

  @Test
  void aNewEngineOnTheSameStorePicksUpThePendingBatch() {
    engine().enrol(leads());
    assertThat(engine().pollCopyBatches().activated()).isZero();

    api.status = "completed";
    CampaignEngine restarted = engine();
    CopyBatchReport settled = restarted.pollCopyBatches();

    assertThat(settled.activated()).isEqualTo(3);
    assertThat(campaigns())
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(CampaignStatus.ACTIVE));
    assertThat(api.batches).isEqualTo(1);
    // a second check finds nothing left pending
    assertThat(restarted.pollCopyBatches().activated()).isZero();
  }

  @Test
  void anExpiredBatchHoldsTheCampaignsItDidNotAnswer() {
    CampaignEngine engine = engine();
    engine.enrol(leads());
    api.status = "expired";

    CopyBatchReport settled = engine.pollCopyBatches();

    assertThat(settled.held()).isEqualTo(3);
    assertThat(campaigns())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(CampaignStatus.HELD);
              assertThat(c.statusReason()).contains("step 3").contains("status expired");
            });
  }

  @Test
  void aFailedSubmissionLeavesCampaignsPendingAndIsSubmittedAgainLater() {
    CampaignEngine engine = engine();
    server.close();

    EnrolmentReport report = engine.enrol(leads());

    assertThat(report.pendingCopy()).isEqualTo(3);
    assertThat(report.tokens()).isZero();
    assertThat(campaigns())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(CampaignStatus.PENDING_COPY);
              assertThat(c.statusReason()).isEqualTo("copy batch: not submitted yet");
            });
  }
}
