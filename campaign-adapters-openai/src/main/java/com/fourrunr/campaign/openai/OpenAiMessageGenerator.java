package com.fourrunr.campaign.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Variant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Writes Hook, Proof, FOMO (and follow-up) messages, and LinkedIn notes and follow-ups, with a
 * model over the Chat Completions API, which the OpenAI API and OpenAI-compatible servers (Ollama,
 * vLLM) speak. Each message type has its own versioned prompt (system and user part, resources
 * under {@code prompts/}); the lead's fields go into the user part as JSON inside a {@code
 * <lead_data>} block, with {@code <} and {@code >} escaped so no field can close the block, and the
 * system part says the block is data, never instructions. The answer is structured output (a strict
 * JSON schema: {@code subject}, {@code body}, {@code personalization}, {@code builds_on}, {@code
 * urgency}).
 *
 * <p>Failures: 429 {@code rate_limit_exceeded}, 500, 502, 503, 504, timeouts and malformed or
 * schema-violating answers are retried up to {@link OpenAiConfig#maxRetries()} times with
 * exponential backoff and full jitter, waiting at least what {@code retry-after}, {@code
 * retry-after-ms} or {@code x-ratelimit-reset-requests}/{@code -tokens} ask for. 429 {@code
 * insufficient_quota}, 400, 401, 403 and 404 fail at once. Either way an {@link OpenAiException}
 * says what happened; the key never appears in it or in the logs. Token usage, the prompt version,
 * the model and the number of calls go into each message's {@link GenerationInfo}.
 *
 * <pre>{@code
 * MessageGenerator model = OpenAiMessageGenerator.create(OpenAiConfig.builder(System.getenv("OPENAI_API_KEY")).build());
 * CampaignEngine engine = CampaignEngine.builder()...generator(model).fallback(FallbackPolicy.TEMPLATE).build();
 * }</pre>
 *
 * Thread-safe; one instance shares one connection pool.
 */
public final class OpenAiMessageGenerator implements MessageGenerator {
  private static final List<String> FIELDS =
      List.of("subject", "body", "personalization", "builds_on", "urgency");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
  private static final int MAX_DATA_CHARS = 4_000;

  /** Waits before a retry; tests record the waits instead of sleeping. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final OpenAiConfig config;
  private final ChatClient client;
  private final ObjectMapper json;
  private final Map<String, Prompt> prompts = new LinkedHashMap<>();
  private final ObjectNode schema;

  private OpenAiMessageGenerator(
      OpenAiConfig config, Sleeper sleeper, Clock clock, @Nullable Path promptsFolder) {
    this.config = config;
    this.client = new ChatClient(config, sleeper, clock);
    this.json = client.json();
    for (String name : List.of("hook-v1", "proof-v1", "fomo-v1", "followup-v1")) {
      prompts.put(name.substring(0, name.indexOf('-')), Prompt.load(name, promptsFolder));
    }
    // LinkedIn tasks (a person sends them): their own voice and length, same output contract.
    prompts.put("linkedin-note", Prompt.load("linkedin-note-v1", promptsFolder));
    prompts.put("linkedin-followup", Prompt.load("linkedin-followup-v1", promptsFolder));
    this.schema = schema();
  }

  /** A generator over the configured API. */
  public static OpenAiMessageGenerator create(OpenAiConfig config) {
    return create(config, (Path) null);
  }

  /**
   * As {@link #create(OpenAiConfig)}, with the host's own wording for some prompts: a file pair
   * {@code NAME.system.txt} and {@code NAME.user.txt} in {@code promptsFolder} replaces the
   * built-in prompt NAME ({@code hook-v1}, {@code proof-v1}, {@code fomo-v1}, {@code followup-v1},
   * {@code linkedin-note-v1}, {@code linkedin-followup-v1}); the others stay built in. See {@code
   * docs/prompts.md}.
   *
   * @param promptsFolder the folder, or null for the built-in prompts only
   * @throws IllegalStateException when a replacing prompt is incomplete or unreadable
   */
  public static OpenAiMessageGenerator create(OpenAiConfig config, @Nullable Path promptsFolder) {
    return new OpenAiMessageGenerator(
        Objects.requireNonNull(config, "config"),
        d -> Thread.sleep(d.toMillis()),
        Clock.systemUTC(),
        promptsFolder);
  }

  static OpenAiMessageGenerator create(OpenAiConfig config, Sleeper sleeper) {
    return new OpenAiMessageGenerator(config, sleeper, Clock.systemUTC(), null);
  }

  static OpenAiMessageGenerator create(
      OpenAiConfig config, Sleeper sleeper, @Nullable Path promptsFolder) {
    return new OpenAiMessageGenerator(config, sleeper, Clock.systemUTC(), promptsFolder);
  }

  /** For tests: waits through the sleeper, rate-limit windows on the clock. */
  static OpenAiMessageGenerator create(OpenAiConfig config, Sleeper sleeper, Clock clock) {
    return new OpenAiMessageGenerator(config, sleeper, clock, null);
  }

  /** The shared client, for tests. */
  ChatClient client() {
    return client;
  }

  /** The prompt version used for a message type, for example {@code hook-v1}. */
  public String promptVersion(MessageType type) {
    return prompt(type).version;
  }

  /**
   * The configured {@link OpenAiConfig#maxConcurrency()}: the engine drafts that many leads' copy
   * at once; the client's rate limits still hold every call to the account's limits.
   */
  @Override
  public int maxConcurrency() {
    return config.maxConcurrency();
  }

  @Override
  public GeneratedMessage generate(GenerationRequest request) {
    Prompt prompt = prompt(request.step().type());
    String body = requestBody(prompt, request);
    ChatClient.Answer<GeneratedMessage> answer =
        client.call(
            body,
            prompt.version,
            request.lead().id() + " step " + (request.stepIndex() + 1),
            this::message);
    GenerationInfo info =
        new GenerationInfo(
            "openai",
            prompt.version,
            answer.model(),
            answer.promptTokens(),
            answer.completionTokens(),
            answer.calls());
    return new GeneratedMessage(answer.value().subject(), answer.value().textBody(), null, info);
  }

  /** The Chat Completions body and prompt version this generator would post for {@code request}. */
  String[] chatRequest(GenerationRequest request) {
    Prompt prompt = prompt(request.step().type());
    return new String[] {requestBody(prompt, request), prompt.version};
  }

  /** Reads one chat completion's message (a batch answer's body) as {@link #generate} does. */
  GeneratedMessage readAnswer(JsonNode content) throws ChatClient.Malformed {
    return message(content);
  }

  private Prompt prompt(MessageType type) {
    String name;
    if (type.equals(MessageType.HOOK)) {
      name = "hook";
    } else if (type.equals(MessageType.PROOF)) {
      name = "proof";
    } else if (type.equals(MessageType.FOMO)) {
      name = "fomo";
    } else if (type.equals(MessageType.LINKEDIN_NOTE)) {
      name = "linkedin-note";
    } else if (type.equals(MessageType.LINKEDIN_FOLLOW_UP)) {
      name = "linkedin-followup";
    } else {
      name = "followup";
    }
    return Objects.requireNonNull(prompts.get(name), "built-in prompt " + name);
  }

  /**
   * The Chat Completions request: system part, user part with the delimited data, strict JSON
   * schema.
   */
  String requestBody(Prompt prompt, GenerationRequest request) {
    ObjectNode root = json.createObjectNode();
    root.put("model", config.model());
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "system").put("content", prompt.system);
    Map<String, String> slots = new LinkedHashMap<>();
    slots.put("prompt", prompt.version);
    slots.put("step_number", String.valueOf(request.stepIndex() + 1));
    slots.put("step_count", String.valueOf(request.sequence().size()));
    slots.put("step_type", request.step().type().name());
    slots.put("lead_data", data(leadData(request.lead())));
    ArrayNode previous = json.createArrayNode();
    for (int i = 0; i < request.previous().size(); i++) {
      GeneratedMessage p = request.previous().get(i);
      previous
          .addObject()
          .put("step", i + 1)
          .put("type", request.sequence().step(i).type().name())
          .put("subject", p.subject())
          .put("body", p.textBody());
    }
    slots.put("previous_messages", data(previous));
    String user = prompt.user(slots);
    Variant variant = request.variant();
    if (variant != null && (!variant.subjectHint().isEmpty() || !variant.bodyHint().isEmpty())) {
      // An A/B content variant: its hints go to the model as data, after the prompt's own rules.
      ObjectNode hint =
          json.createObjectNode()
              .put("variant", variant.name())
              .put("subject_hint", variant.subjectHint())
              .put("body_hint", variant.bodyHint());
      user =
          user
              + "\n\nThis step is an A/B test variant. Follow its hints within every rule above:\n"
              + "<variant_hints>\n"
              + data(hint)
              + "\n</variant_hints>";
    }
    messages.addObject().put("role", "user").put("content", user);
    ObjectNode format = root.putObject("response_format");
    format.put("type", "json_schema");
    ObjectNode js = format.putObject("json_schema");
    js.put("name", "outreach_message");
    js.put("strict", true);
    js.set("schema", schema);
    if (config.temperature() != null) {
      root.put("temperature", config.temperature());
    }
    try {
      return json.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode leadData(Lead lead) {
    ObjectNode d = json.createObjectNode();
    d.put("first_name", cap(lead.firstName()));
    d.put("last_name", cap(lead.lastName()));
    d.put("title", cap(lead.title()));
    d.put("company", cap(lead.company()));
    d.put("company_domain", cap(lead.companyDomain()));
    d.put("industry", cap(lead.industry()));
    d.put("company_size", cap(lead.companySize()));
    d.put("city", cap(lead.city()));
    d.put("country", lead.country());
    d.put("company_description", cap(lead.companyDescription()));
    ArrayNode services = d.putArray("top_services");
    lead.topServices().stream().limit(10).forEach(s -> services.add(cap(s)));
    d.put("tone", cap(lead.tone()));
    return d;
  }

  private static String cap(String s) {
    return s.length() <= MAX_DATA_CHARS ? s : s.substring(0, MAX_DATA_CHARS);
  }

  /**
   * Pretty JSON with {@code <}, {@code >} and {@code &} escaped: no value can open or close a
   * block.
   */
  private String data(JsonNode node) {
    try {
      return json.writerWithDefaultPrettyPrinter()
          .writeValueAsString(node)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode schema() {
    ObjectNode s = json.createObjectNode();
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    props
        .putObject("subject")
        .put("type", "string")
        .put("description", "One line, under 60 characters.");
    props
        .putObject("body")
        .put("type", "string")
        .put("description", "The whole plain-text email, greeting and sign-off included.");
    props
        .putObject("personalization")
        .put("type", "string")
        .put(
            "description",
            "The fact about the lead's company the body uses, as it appears in the body.");
    props
        .putObject("builds_on")
        .put("type", "string")
        .put(
            "description",
            "The phrase in the body that refers back to earlier notes; empty for step 1.");
    props
        .putObject("urgency")
        .put("type", "string")
        .put("description", "For a FOMO, the phrase naming the real constraint; empty otherwise.");
    ArrayNode required = s.putArray("required");
    List.of("subject", "body", "personalization", "builds_on", "urgency").forEach(required::add);
    s.put("additionalProperties", false);
    return s;
  }

  /** The message in the answer's content, checked against the schema. */
  private GeneratedMessage message(JsonNode out) throws ChatClient.Malformed {
    for (String field : FIELDS) {
      if (!out.path(field).isTextual()) {
        throw new ChatClient.Malformed(
            "schema violated: '" + field + "' is missing or not a string");
      }
    }
    java.util.Iterator<String> names = out.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!FIELDS.contains(n)) {
        throw new ChatClient.Malformed("schema violated: unexpected field '" + n + "'");
      }
    }
    try {
      return new GeneratedMessage(out.path("subject").asText(), out.path("body").asText(), null);
    } catch (InvalidInputException e) {
      throw new ChatClient.Malformed("schema violated: " + e.getMessage());
    }
  }

  /**
   * The wait the server asks for, or null: retry-after(-ms), then the reset of the exhausted limit.
   */
  static @Nullable Duration serverWait(Response response) {
    String ms = response.header("retry-after-ms");
    if (ms != null) {
      try {
        return Duration.ofMillis(Math.max(0, Long.parseLong(ms.strip())));
      } catch (NumberFormatException ignored) {
        // fall through to the other headers
      }
    }
    String after = response.header("retry-after");
    if (after != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(after.strip())));
      } catch (NumberFormatException e) {
        try {
          ZonedDateTime at =
              ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
          return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeException ignored) {
          // fall through
        }
      }
    }
    Duration requests = duration(response.header("x-ratelimit-reset-requests"));
    Duration tokens = duration(response.header("x-ratelimit-reset-tokens"));
    boolean requestsOut = "0".equals(strip(response.header("x-ratelimit-remaining-requests")));
    boolean tokensOut = "0".equals(strip(response.header("x-ratelimit-remaining-tokens")));
    if (requestsOut && requests != null) {
      return tokensOut && tokens != null && tokens.compareTo(requests) > 0 ? tokens : requests;
    }
    if (tokensOut && tokens != null) {
      return tokens;
    }
    if (requests != null && tokens != null) {
      return requests.compareTo(tokens) < 0 ? requests : tokens;
    }
    return requests != null ? requests : tokens;
  }

  private static @Nullable String strip(@Nullable String s) {
    return s == null ? null : s.strip();
  }

  /** Parses OpenAI's reset durations: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}. */
  static @Nullable Duration duration(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = DURATION_PART.matcher(text.strip());
    double millis = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      double v = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "h" -> v * 3_600_000;
            case "m" -> v * 60_000;
            case "s" -> v * 1_000;
            default -> v;
          };
      end = m.end();
    }
    return end == text.strip().length() && end > 0 ? Duration.ofMillis(Math.round(millis)) : null;
  }

  @Override
  public String toString() {
    return "OpenAiMessageGenerator[" + config + "]";
  }
}
