package com.fourrunr.campaign.openai;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the model: base URL, key, model, timeouts and retries. Built by {@link
 * #builder(String)}; {@link #fromEnvironment()} reads {@code OPENAI_API_KEY}, {@code
 * OPENAI_BASE_URL} and {@code OPENAI_MODEL}. {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * OpenAiConfig ollama = OpenAiConfig.builder("unused")
 *     .baseUrl("http://localhost:11434/v1").model("llama3.1").build();
 * }</pre>
 *
 * @param apiKey the bearer token sent as {@code Authorization}; never logged
 * @param baseUrl the API root, ending before {@code /chat/completions}, for example {@code
 *     https://api.openai.com/v1}
 * @param model the model name sent with each request
 * @param connectTimeout time allowed to connect
 * @param readTimeout time allowed between bytes of the answer
 * @param callTimeout time allowed for one whole call
 * @param maxRetries further calls after a rate limit (429 {@code rate_limit_exceeded}), a
 *     500/502/503/504, a timeout or a malformed answer (0 to 10)
 * @param initialBackoff the first wait before a retry; each further one doubles, with full jitter
 * @param maxBackoff the longest wait the backoff chooses by itself
 * @param maxRetryWait the longest wait a server may ask for with {@code retry-after} or {@code
 *     x-ratelimit-reset-*}; a longer one fails at once with a clear error
 * @param temperature sampling temperature sent with each request, or null to leave it to the server
 * @param maxConcurrency the most calls in flight at once when several threads generate (1 to 64);
 *     the account's advertised requests- and tokens-per-minute limits hold in any case
 */
public record OpenAiConfig(
    String apiKey,
    URI baseUrl,
    String model,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryWait,
    @Nullable Double temperature,
    int maxConcurrency) {
  /** The OpenAI API. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** A small, inexpensive model that supports structured output. */
  public static final String DEFAULT_MODEL = "gpt-4o-mini";

  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** Default timeout of a whole call. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(90);

  /** Default retries. */
  public static final int DEFAULT_MAX_RETRIES = 4;

  /** Default first backoff. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

  /** Default longest backoff. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Default longest wait a server may ask for. */
  public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofMinutes(2);

  /** Default most calls in flight at once. */
  public static final int DEFAULT_MAX_CONCURRENCY = 4;

  /** Checks every field, listing each problem. */
  public OpenAiConfig {
    List<FieldError> errors = new ArrayList<>();
    if (apiKey == null || apiKey.isBlank()) {
      errors.add(new FieldError("apiKey", "is required"));
    } else if (apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      errors.add(new FieldError("apiKey", "has spaces or characters not allowed in a header"));
    }
    if (baseUrl == null) {
      errors.add(new FieldError("baseUrl", "is required"));
    } else if (!("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
        || baseUrl.getHost() == null) {
      errors.add(new FieldError("baseUrl", "'" + baseUrl + "' is not an http(s) URL"));
    }
    if (model == null || model.isBlank()) {
      errors.add(new FieldError("model", "is required"));
    }
    positive(errors, "connectTimeout", connectTimeout);
    positive(errors, "readTimeout", readTimeout);
    positive(errors, "callTimeout", callTimeout);
    positive(errors, "initialBackoff", initialBackoff);
    positive(errors, "maxBackoff", maxBackoff);
    positive(errors, "maxRetryWait", maxRetryWait);
    if (maxRetries < 0 || maxRetries > 10) {
      errors.add(new FieldError("maxRetries", maxRetries + " is not between 0 and 10"));
    }
    if (maxConcurrency < 1 || maxConcurrency > 64) {
      errors.add(new FieldError("maxConcurrency", maxConcurrency + " is not between 1 and 64"));
    }
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      errors.add(new FieldError("temperature", temperature + " is not between 0 and 2"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("OpenAiConfig", errors);
    }
  }

  /** As the canonical constructor, with {@link #DEFAULT_MAX_CONCURRENCY}. */
  public OpenAiConfig(
      String apiKey,
      URI baseUrl,
      String model,
      Duration connectTimeout,
      Duration readTimeout,
      Duration callTimeout,
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryWait,
      @Nullable Double temperature) {
    this(
        apiKey,
        baseUrl,
        model,
        connectTimeout,
        readTimeout,
        callTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxRetryWait,
        temperature,
        DEFAULT_MAX_CONCURRENCY);
  }

  private static void positive(List<FieldError> errors, String field, @Nullable Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      errors.add(new FieldError(field, "must be a positive duration"));
    }
  }

  /** Starts a builder with the defaults and the given key. */
  public static Builder builder(String apiKey) {
    return new Builder(apiKey);
  }

  /**
   * The configuration named by the environment: the key (required), base URL and model (optional),
   * or null when no key is set. Each is read from {@code CAMPAIGN_OPENAI_API_KEY}, {@code
   * CAMPAIGN_OPENAI_BASE_URL}, {@code CAMPAIGN_OPENAI_MODEL} (the service's names) and, when that
   * is not set, from {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL}: the
   * {@code CAMPAIGN_} name wins when both are set.
   *
   * @throws InvalidInputException when a variable is set to a bad value
   */
  public static @Nullable OpenAiConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** As {@link #fromEnvironment()}, from the given variables. */
  public static @Nullable OpenAiConfig fromEnvironment(java.util.Map<String, String> env) {
    String key = environmentValue(env, "API_KEY");
    if (key == null) {
      return null;
    }
    Builder b = builder(key);
    String base = environmentValue(env, "BASE_URL");
    if (base != null) {
      b.baseUrl(base);
    }
    String model = environmentValue(env, "MODEL");
    if (model != null) {
      b.model(model);
    }
    return b.build();
  }

  /**
   * {@code CAMPAIGN_OPENAI_<name>} when set (not blank), else {@code OPENAI_<name>}, stripped; null
   * when neither is set.
   */
  static @Nullable String environmentValue(java.util.Map<String, String> env, String name) {
    for (String variable : java.util.List.of("CAMPAIGN_OPENAI_" + name, "OPENAI_" + name)) {
      String v = env.get(variable);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** The key hidden: base URL, model, timeouts and retries only. */
  @Override
  public String toString() {
    return "OpenAiConfig[baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", apiKey=***, connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryWait="
        + maxRetryWait
        + ", temperature="
        + temperature
        + ", maxConcurrency="
        + maxConcurrency
        + "]";
  }

  /**
   * Collects settings over the defaults; {@link #build()} rejects bad values at once. Not
   * thread-safe.
   */
  public static final class Builder {
    private final String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private String model = DEFAULT_MODEL;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryWait = DEFAULT_MAX_RETRY_WAIT;
    private @Nullable Double temperature;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

    private Builder(String apiKey) {
      this.apiKey = apiKey;
    }

    /** The API root, for example {@code http://localhost:11434/v1} for Ollama. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The model name. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Connect, read and whole-call timeouts. */
    public Builder timeouts(Duration connect, Duration read, Duration call) {
      this.connectTimeout = connect;
      this.readTimeout = read;
      this.callTimeout = call;
      return this;
    }

    /** Retries, first backoff and longest backoff. */
    public Builder retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
      this.maxRetries = maxRetries;
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** The longest wait a server may ask for before a retry. */
    public Builder maxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = maxRetryWait;
      return this;
    }

    /** Sampling temperature, or null to leave it to the server. */
    public Builder temperature(@Nullable Double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** The most calls in flight at once (1 to 64). */
    public Builder maxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    /**
     * Checks and builds.
     *
     * @throws InvalidInputException listing every bad setting
     */
    public OpenAiConfig build() {
      URI uri;
      try {
        String b = baseUrl.strip();
        uri = new URI(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
      } catch (URISyntaxException e) {
        throw InvalidInputException.of("OpenAiConfig", "baseUrl", "'" + baseUrl + "' is not a URL");
      }
      return new OpenAiConfig(
          apiKey,
          uri,
          model,
          connectTimeout,
          readTimeout,
          callTimeout,
          maxRetries,
          initialBackoff,
          maxBackoff,
          maxRetryWait,
          temperature,
          maxConcurrency);
    }
  }
}
