package com.fourrunr.campaign.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.reply.ReplyModel;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplyModel} over the Chat Completions API, for {@link
 * com.fourrunr.campaign.reply.ModelReplyClassifier}: it is asked only about mail the rules decided
 * a person wrote. The reply's own text (quoted history and signature cut off), the rules' guess
 * (category, confidence, runner-up) and the lead's context go into the user part as JSON inside
 * {@code <reply_data>}, {@code <rules_guess>} and {@code <lead_data>} blocks, with {@code <},
 * {@code >} and {@code &} escaped so no text can close a block; the system part says the blocks are
 * data, never instructions (prompt {@code reply-v1}). The answer is structured output with the
 * categories as a fixed enum, and is read strictly: a category outside the ones offered, a
 * confidence outside 0 to 1 or any other field becomes a {@link ReplyCategory#NEEDS_REVIEW} verdict
 * naming what was wrong (a person reads the mail), never an exception.
 *
 * <p>Client settings, retries, failures and redaction of the key are those of {@link
 * OpenAiMessageGenerator}; when every attempt fails an {@link OpenAiException} is thrown and the
 * classifier lets the rules decide.
 *
 * <pre>{@code
 * ReplyClassifier classifier =
 *     new ModelReplyClassifier(OpenAiReplyModel.create(OpenAiConfig.builder(key).build()));
 * }</pre>
 *
 * Thread-safe.
 */
public final class OpenAiReplyModel implements ReplyModel {
  private static final int MAX_TEXT_CHARS = 8_000;
  private static final int MAX_FIELD_CHARS = 300;
  private static final Set<String> FIELDS =
      Set.of("category", "confidence", "return_date", "reason");

  private final OpenAiConfig config;
  private final ChatClient client;
  private final Prompt prompt;

  private OpenAiReplyModel(OpenAiConfig config, ChatClient client) {
    this.config = config;
    this.client = client;
    this.prompt = Prompt.load("reply-v1");
  }

  /** A reply model over the configured API. */
  public static OpenAiReplyModel create(OpenAiConfig config) {
    Objects.requireNonNull(config, "config");
    return new OpenAiReplyModel(
        config, new ChatClient(config, d -> Thread.sleep(d.toMillis()), Clock.systemUTC()));
  }

  static OpenAiReplyModel create(OpenAiConfig config, OpenAiMessageGenerator.Sleeper sleeper) {
    return new OpenAiReplyModel(config, new ChatClient(config, sleeper, Clock.systemUTC()));
  }

  /** The prompt version, {@code reply-v1}. */
  public String promptVersion() {
    return prompt.version;
  }

  @Override
  public Verdict categorise(Request request) {
    ChatClient.Answer<JsonNode> answer =
        client.call(requestBody(request), prompt.version, "a reply from a person", c -> c);
    return verdict(answer.value(), request.categories());
  }

  /** The Chat Completions request: system part, user part with the fenced data, strict schema. */
  String requestBody(Request request) {
    ObjectNode root = client.json().createObjectNode();
    root.put("model", config.model());
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "system").put("content", prompt.system);
    ObjectNode reply = client.json().createObjectNode();
    reply.put("from", cap(request.from(), MAX_FIELD_CHARS));
    reply.put("subject", cap(request.subject(), MAX_FIELD_CHARS));
    reply.put("mail_date", request.mailDate().toString());
    reply.put("text", cap(request.text(), MAX_TEXT_CHARS));
    ObjectNode rules = client.json().createObjectNode();
    ReplyClassification guess = request.rules();
    if (guess != null) {
      rules.put("category", guess.category().name());
      rules.put("confidence", guess.confidence());
      rules.put("runner_up", guess.runnerUp() == null ? "" : guess.runnerUp().name());
      rules.put("evidence", cap(guess.evidence(), MAX_FIELD_CHARS));
    }
    ObjectNode lead = client.json().createObjectNode();
    request.lead().forEach((k, v) -> lead.put(k, cap(v, MAX_FIELD_CHARS)));
    Map<String, String> slots = new LinkedHashMap<>();
    slots.put("categories", String.join(", ", names(request.categories())));
    slots.put("reply_data", client.data(reply));
    slots.put("rules_guess", client.data(rules));
    slots.put("lead_data", client.data(lead));
    messages.addObject().put("role", "user").put("content", prompt.user(slots));
    ObjectNode format = root.putObject("response_format");
    format.put("type", "json_schema");
    ObjectNode js = format.putObject("json_schema");
    js.put("name", "reply_category");
    js.put("strict", true);
    js.set("schema", schema(request.categories()));
    if (config.temperature() != null) {
      root.put("temperature", config.temperature());
    }
    try {
      return client.json().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode schema(List<ReplyCategory> categories) {
    ObjectNode s = client.json().createObjectNode();
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    ObjectNode category = props.putObject("category");
    category.put("type", "string");
    ArrayNode values = category.putArray("enum");
    names(categories).forEach(values::add);
    props
        .putObject("confidence")
        .put("type", "number")
        .put("description", "How sure, from 0 to 1.");
    props
        .putObject("return_date")
        .put("type", "string")
        .put("description", "For OUT_OF_OFFICE the return day as YYYY-MM-DD, else empty.");
    props.putObject("reason").put("type", "string").put("description", "One short sentence.");
    ArrayNode required = s.putArray("required");
    List.of("category", "confidence", "return_date", "reason").forEach(required::add);
    s.put("additionalProperties", false);
    return s;
  }

  /** Reads the answer strictly; anything off the schema is a verdict for review naming it. */
  static Verdict verdict(JsonNode out, List<ReplyCategory> allowed) {
    java.util.Iterator<String> names = out.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!FIELDS.contains(n)) {
        return review("schema violated: unexpected field '" + cap(n, 40) + "'");
      }
    }
    JsonNode category = out.path("category");
    if (!category.isTextual()) {
      return review("schema violated: 'category' is missing or not a string");
    }
    ReplyCategory chosen = null;
    for (ReplyCategory c : allowed) {
      if (c.name().equals(category.asText())) {
        chosen = c;
      }
    }
    if (chosen == null) {
      return review(
          "model answered '" + cap(category.asText(), 40) + "', not one of the categories offered");
    }
    JsonNode confidence = out.path("confidence");
    if (!confidence.isNumber() || !(confidence.asDouble() >= 0.0 && confidence.asDouble() <= 1.0)) {
      return review("schema violated: 'confidence' is missing or not between 0 and 1");
    }
    JsonNode reason = out.path("reason");
    if (!reason.isTextual() || !out.path("return_date").isTextual()) {
      return review("schema violated: 'reason' or 'return_date' is missing or not a string");
    }
    LocalDate back = null;
    String date = out.path("return_date").asText().strip();
    if (chosen == ReplyCategory.OUT_OF_OFFICE && !date.isEmpty()) {
      try {
        back = LocalDate.parse(date);
      } catch (DateTimeException e) {
        back = null; // the classifier reads the date from the text instead
      }
    }
    return new Verdict(chosen, confidence.asDouble(), back, cap(reason.asText(), MAX_FIELD_CHARS));
  }

  private static Verdict review(String why) {
    return new Verdict(ReplyCategory.NEEDS_REVIEW, 0.0, null, why);
  }

  private static List<String> names(List<ReplyCategory> categories) {
    return categories.stream().map(ReplyCategory::name).toList();
  }

  private static String cap(@Nullable String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max);
  }

  @Override
  public String toString() {
    return "OpenAiReplyModel[" + config + "]";
  }
}
