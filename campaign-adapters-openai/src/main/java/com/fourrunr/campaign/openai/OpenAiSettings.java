package com.fourrunr.campaign.openai;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model that writes the messages, from {@code CAMPAIGN_OPENAI_*} and {@code
 * CAMPAIGN_PROMPTS_DIR} settings; {@link #config()} gives the adapter's own configuration.
 *
 * <pre>{@code
 * OpenAiSettings model = OpenAiSettings.load(System.getenv(), null);
 * MessageGenerator generator = model.enabled()
 *     ? OpenAiMessageGenerator.create(model.config(), model.promptsDir())
 *     : new TemplateMessageGenerator();
 * }</pre>
 *
 * @param apiKey the OpenAI (or compatible) API key, or null: then messages come from templates
 * @param model the model name
 * @param baseUrl the API's base URL
 * @param promptsDir a folder of prompt files replacing the built-in prompts, or null
 * @param maxConcurrency the most model calls in flight at once ({@code
 *     CAMPAIGN_OPENAI_MAX_CONCURRENCY}, 1 to 64)
 * @param batch whether new campaigns' copy is written through the OpenAI Batch API ({@code
 *     CAMPAIGN_OPENAI_BATCH}): campaigns wait as {@code PENDING_COPY} until it arrives
 */
public record OpenAiSettings(
    @Nullable Secret apiKey,
    String model,
    URI baseUrl,
    @Nullable Path promptsDir,
    int maxConcurrency,
    boolean batch) {
  /** The OpenAI default model. */
  public static final String DEFAULT_MODEL = OpenAiConfig.DEFAULT_MODEL;

  /** The OpenAI API. */
  public static final URI DEFAULT_BASE_URL = URI.create(OpenAiConfig.DEFAULT_BASE_URL);

  /** Every environment variable read. */
  public static final List<String> KEYS =
      List.of(
          "CAMPAIGN_OPENAI_API_KEY",
          "CAMPAIGN_OPENAI_MODEL",
          "CAMPAIGN_OPENAI_BASE_URL",
          "CAMPAIGN_PROMPTS_DIR",
          "CAMPAIGN_OPENAI_MAX_CONCURRENCY",
          "CAMPAIGN_OPENAI_BATCH");

  /** As the canonical constructor, with {@link OpenAiConfig#DEFAULT_MAX_CONCURRENCY}. */
  public OpenAiSettings(
      @Nullable Secret apiKey, String model, URI baseUrl, @Nullable Path promptsDir) {
    this(apiKey, model, baseUrl, promptsDir, OpenAiConfig.DEFAULT_MAX_CONCURRENCY);
  }

  /** As the canonical constructor, copy written call by call (no batch). */
  public OpenAiSettings(
      @Nullable Secret apiKey,
      String model,
      URI baseUrl,
      @Nullable Path promptsDir,
      int maxConcurrency) {
    this(apiKey, model, baseUrl, promptsDir, maxConcurrency, false);
  }

  /** Checks the parts are present. */
  public OpenAiSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /**
   * Reads the model's settings alone.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param file a {@code .properties} file with the dotted lower-case keys, or null for none
   * @throws InvalidInputException listing every invalid value, each named by its variable
   */
  public static OpenAiSettings load(Map<String, String> env, @Nullable Path file) {
    SettingsReader in = SettingsReader.load(withPlainNames(env), file);
    OpenAiSettings settings = read(in);
    in.throwIfInvalid("OpenAiSettings");
    return settings;
  }

  /**
   * The environment with the plain OpenAI names accepted: {@code OPENAI_API_KEY}, {@code
   * OPENAI_MODEL} and {@code OPENAI_BASE_URL} stand in for {@code CAMPAIGN_OPENAI_API_KEY}, {@code
   * CAMPAIGN_OPENAI_MODEL} and {@code CAMPAIGN_OPENAI_BASE_URL} when those are not set; the {@code
   * CAMPAIGN_} name wins when both are. Pass the result to {@link SettingsReader#load}.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @return a copy with the aliases filled in, or {@code env} itself when there are none
   */
  public static Map<String, String> withPlainNames(Map<String, String> env) {
    Map<String, String> out = null;
    for (String name : List.of("API_KEY", "MODEL", "BASE_URL")) {
      String plain = env.get("OPENAI_" + name);
      String own = env.get("CAMPAIGN_OPENAI_" + name);
      if (plain != null && !plain.isBlank() && (own == null || own.isBlank())) {
        if (out == null) {
          out = new java.util.HashMap<>(env);
        }
        out.put("CAMPAIGN_OPENAI_" + name, plain);
      }
    }
    return out == null ? env : out;
  }

  /** Reads the model's settings from a shared reader; a problem is recorded in the reader. */
  public static OpenAiSettings read(SettingsReader in) {
    Secret key = in.secret("CAMPAIGN_OPENAI_API_KEY");
    String model = in.text("CAMPAIGN_OPENAI_MODEL", DEFAULT_MODEL);
    URI base = in.url("CAMPAIGN_OPENAI_BASE_URL", DEFAULT_BASE_URL);
    String prompts = in.text("CAMPAIGN_PROMPTS_DIR");
    Path dir = null;
    if (prompts != null) {
      dir = Path.of(prompts);
      if (!Files.isDirectory(dir)) {
        in.error("CAMPAIGN_PROMPTS_DIR", "'" + prompts + "' is not a folder");
      }
    }
    int concurrency =
        in.integer("CAMPAIGN_OPENAI_MAX_CONCURRENCY", OpenAiConfig.DEFAULT_MAX_CONCURRENCY, 1, 64);
    boolean batch = in.bool("CAMPAIGN_OPENAI_BATCH", false);
    return new OpenAiSettings(key, model, Objects.requireNonNull(base), dir, concurrency, batch);
  }

  /** Whether a model is configured (an API key is given). */
  public boolean enabled() {
    return apiKey != null;
  }

  /**
   * The adapter's configuration: the key, model, base URL and most calls in flight, every other
   * value at its default.
   *
   * @throws IllegalStateException when no API key is configured ({@link #enabled()} is false)
   */
  public OpenAiConfig config() {
    if (apiKey == null) {
      throw new IllegalStateException("no OpenAI API key is configured (CAMPAIGN_OPENAI_API_KEY)");
    }
    return OpenAiConfig.builder(apiKey.reveal())
        .model(model)
        .baseUrl(baseUrl.toString())
        .maxConcurrency(maxConcurrency)
        .build();
  }
}
