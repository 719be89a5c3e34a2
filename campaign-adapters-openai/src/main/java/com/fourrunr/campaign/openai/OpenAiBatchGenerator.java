package com.fourrunr.campaign.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.BatchGenerator;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * Writes copy through the OpenAI Batch API (half the price of single calls; answers within 24
 * hours). {@link #submit} uploads one JSONL file (purpose {@code batch}) with one Chat Completions
 * request per line, each the very body {@link OpenAiMessageGenerator} would post, under the
 * engine's {@code custom_id}, and creates a batch on {@code /v1/chat/completions} with completion
 * window {@code 24h}. {@link #check} reads the batch: while it is validating, in progress,
 * finalising or cancelling it is pending; once completed, expired, failed or cancelled, its output
 * file's answers become messages and its error file's lines (and answers that are not 200 or break
 * the schema) failures. Give it to {@code CampaignEngineBuilder.batchGenerator}; see {@code
 * docs/prompts.md}.
 */
public final class OpenAiBatchGenerator implements BatchGenerator {
  private static final MediaType JSONL = MediaType.get("application/jsonl");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Set<String> RUNNING =
      Set.of("validating", "in_progress", "finalizing", "cancelling");

  private final OpenAiConfig config;
  private final OpenAiMessageGenerator generator;
  private final ChatClient client;
  private final ObjectMapper json;

  private OpenAiBatchGenerator(OpenAiConfig config, OpenAiMessageGenerator generator) {
    this.config = config;
    this.generator = generator;
    this.client = generator.client();
    this.json = client.json();
  }

  /** A batch generator over the configured API, with the built-in prompts. */
  public static OpenAiBatchGenerator create(OpenAiConfig config) {
    return create(config, null);
  }

  /**
   * As {@link #create(OpenAiConfig)}, with the host's prompts folder (see {@link
   * OpenAiMessageGenerator#create(OpenAiConfig, Path)}).
   */
  public static OpenAiBatchGenerator create(OpenAiConfig config, @Nullable Path promptsFolder) {
    Objects.requireNonNull(config, "config");
    return new OpenAiBatchGenerator(config, OpenAiMessageGenerator.create(config, promptsFolder));
  }

  @Override
  public Submission submit(List<Request> requests) {
    if (requests.isEmpty()) {
      throw new GenerationException("a batch needs at least one request");
    }
    StringBuilder file = new StringBuilder();
    long promptTokens = 0;
    for (Request r : requests) {
      String body = generator.chatRequest(r.request())[0];
      promptTokens += body.length() / 4;
      ObjectNode line = json.createObjectNode();
      line.put("custom_id", r.customId()).put("method", "POST").put("url", "/v1/chat/completions");
      try {
        line.set("body", json.readTree(body));
        file.append(json.writeValueAsString(line)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    RequestBody upload =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("purpose", "batch")
            .addFormDataPart(
                "file",
                "campaign-copy.jsonl",
                RequestBody.create(file.toString().getBytes(StandardCharsets.UTF_8), JSONL))
            .build();
    String fileId = field(client.send("/files", upload), "id", "the uploaded file");
    ObjectNode create = json.createObjectNode();
    create
        .put("input_file_id", fileId)
        .put("endpoint", "/v1/chat/completions")
        .put("completion_window", "24h");
    String batchId;
    try {
      batchId =
          field(
              client.send("/batches", RequestBody.create(json.writeValueAsString(create), JSON)),
              "id",
              "the created batch");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new Submission(
        batchId, config.model(), promptTokens, requests.size() * ChatClient.ANSWER_TOKENS);
  }

  @Override
  public Outcome check(String batchId) {
    JsonNode batch = read(client.send("/batches/" + batchId, null), "the batch");
    String status = batch.path("status").asText("");
    if (RUNNING.contains(status)) {
      return Outcome.pending(status);
    }
    String detail = "status " + status + errors(batch);
    Map<String, GeneratedMessage> messages = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    String output = batch.path("output_file_id").asText("");
    if (!output.isEmpty()) {
      readLines(client.send("/files/" + output + "/content", null), messages, failures);
    }
    String errorFile = batch.path("error_file_id").asText("");
    if (!errorFile.isEmpty()) {
      readLines(client.send("/files/" + errorFile + "/content", null), messages, failures);
    }
    return new Outcome(State.ENDED, messages, failures, detail);
  }

  /** The batch's own errors (a failed validation), shortened, or empty. */
  private static String errors(JsonNode batch) {
    StringBuilder out = new StringBuilder();
    for (JsonNode e : batch.path("errors").path("data")) {
      out.append(out.length() == 0 ? ": " : "; ")
          .append(e.path("code").asText(""))
          .append(' ')
          .append(e.path("message").asText(""));
      if (out.length() > 300) {
        break;
      }
    }
    return out.toString();
  }

  /** Reads an output or error file: one answer per line, under its custom id. */
  private void readLines(
      String content, Map<String, GeneratedMessage> messages, Map<String, String> failures) {
    for (String raw : content.split("\n")) {
      if (raw.isBlank()) {
        continue;
      }
      JsonNode line;
      try {
        line = json.readTree(raw);
      } catch (JsonProcessingException e) {
        continue; // a line that is not JSON names no campaign: its campaign gets no answer
      }
      String id = line.path("custom_id").asText("");
      if (id.isEmpty()) {
        continue;
      }
      JsonNode error = line.path("error");
      JsonNode response = line.path("response");
      int code = response.path("status_code").asInt(0);
      if (!error.isMissingNode() && !error.isNull()) {
        failures.put(
            id, error.path("code").asText("error") + ": " + error.path("message").asText(""));
      } else if (code != 200) {
        JsonNode err = response.path("body").path("error");
        failures.put(
            id,
            "status " + code + (err.isMissingNode() ? "" : ": " + err.path("message").asText("")));
      } else {
        try {
          messages.put(id, message(response.path("body")));
        } catch (ChatClient.Malformed e) {
          failures.put(id, "malformed answer: " + e.getMessage());
        }
      }
    }
  }

  /** One chat completion in a batch answer, read as a live answer would be. */
  private GeneratedMessage message(JsonNode body) throws ChatClient.Malformed {
    JsonNode choice = body.path("choices").path(0).path("message");
    String refusal = choice.path("refusal").asText("");
    if (!refusal.isBlank()) {
      throw new ChatClient.Malformed("the model refused: " + refusal);
    }
    JsonNode content;
    try {
      content = json.readTree(choice.path("content").asText(""));
    } catch (JsonProcessingException e) {
      throw new ChatClient.Malformed("content is not JSON");
    }
    if (content == null || !content.isObject()) {
      throw new ChatClient.Malformed("content is not a JSON object");
    }
    GeneratedMessage m = generator.readAnswer(content);
    JsonNode usage = body.path("usage");
    GenerationInfo info =
        new GenerationInfo(
            "openai-batch",
            "batch",
            body.path("model").asText(config.model()),
            usage.path("prompt_tokens").asLong(0),
            usage.path("completion_tokens").asLong(0),
            1);
    return new GeneratedMessage(m.subject(), m.textBody(), null, info);
  }

  private JsonNode read(String text, String what) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw new GenerationException("OpenAI API: " + what + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new GenerationException("OpenAI API: " + what + " is not JSON");
    }
  }

  private String field(String text, String name, String what) {
    String value = read(text, what).path(name).asText("");
    if (value.isEmpty()) {
      throw new GenerationException("OpenAI API: " + what + " has no " + name);
    }
    return value;
  }

  @Override
  public String toString() {
    return "OpenAiBatchGenerator[" + config + "]";
  }
}
