package com.fourrunr.campaign.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.config.Redaction;
import com.fourrunr.campaign.config.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chat Completions call with the adapter's failure handling, for {@link OpenAiMessageGenerator}
 * and {@link OpenAiReplyModel}: one client (connection pool), the account's rate limits kept across
 * concurrent callers ({@link RateLimits}), retries (429 {@code rate_limit_exceeded},
 * 500/502/503/504, timeouts, malformed answers, with backoff and full jitter and the server's
 * {@code retry-after}), immediate failures (429 {@code insufficient_quota}, 400, 401, 403, 404) and
 * redaction of the key. Thread-safe.
 */
final class ChatClient {
  private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
  private static final MediaType JSON = MediaType.get("application/json");

  /** Tokens reserved for the answer on top of the prompt's estimate. */
  static final long ANSWER_TOKENS = 500;

  /** Reads the answer's content object; a problem makes the call count as malformed (retried). */
  interface Reader<T> {
    T read(JsonNode content) throws Malformed;
  }

  /** The content does not hold what the caller needs. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String problem) {
      super(problem);
    }
  }

  /** What the model answered, read, and what it cost. */
  record Answer<T>(T value, String model, long promptTokens, long completionTokens, int calls) {}

  private final OpenAiConfig config;
  private final Redaction redaction;
  private final OkHttpClient http;
  private final OpenAiMessageGenerator.Sleeper sleeper;
  private final RateLimits limits;
  private final ObjectMapper json = new ObjectMapper();

  ChatClient(OpenAiConfig config, OpenAiMessageGenerator.Sleeper sleeper, Clock clock) {
    this.config = config;
    this.sleeper = sleeper;
    this.redaction = Redaction.of(List.of(Secret.of(config.apiKey())));
    this.limits = new RateLimits(clock, sleeper, config.maxConcurrency(), config.maxRetryWait());
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Math.max(64, config.maxConcurrency()));
    dispatcher.setMaxRequestsPerHost(Math.max(64, config.maxConcurrency()));
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.callTimeout())
            .retryOnConnectionFailure(false)
            .build();
  }

  /**
   * The tokens a request is expected to use: its text at about four characters a token, plus the
   * answer.
   */
  static long estimateTokens(String body) {
    return body.length() / 4 + ANSWER_TOKENS;
  }

  /** The limiter, for tests. */
  RateLimits limits() {
    return limits;
  }

  /**
   * Posts {@code body} within the rate limits and reads the answer's content object.
   *
   * @param prompt the prompt version, for the spent calls in an error
   * @param what what is asked, for log lines (never the mail text)
   * @throws OpenAiException when the API refuses or every attempt failed
   */
  <T> Answer<T> call(String body, String prompt, String what, Reader<T> reader) {
    long promptTokens = 0;
    long completionTokens = 0;
    String lastProblem = "";
    int lastStatus = 0;
    String lastCode = "";
    Exception lastCause = null;
    long estimate = estimateTokens(body);
    for (int attempt = 1; attempt <= config.maxRetries() + 1; attempt++) {
      Duration serverWait = null;
      RateLimits.Permit permit;
      try {
        permit = limits.acquire(estimate);
      } catch (RateLimits.WaitTooLong e) {
        throw failure(
            "OpenAI API: the account's rate limit resets in "
                + e.waitTime()
                + ", longer than maxRetryWait "
                + config.maxRetryWait(),
            429,
            "rate_limit_exceeded",
            attempt - 1,
            prompt,
            promptTokens,
            completionTokens,
            null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(
            "OpenAI API: interrupted while waiting for the rate limit",
            lastStatus,
            lastCode,
            attempt - 1,
            prompt,
            promptTokens,
            completionTokens,
            e);
      }
      Headers answered = null;
      Duration asked = null;
      Request httpRequest =
          new Request.Builder()
              .url(config.baseUrl() + "/chat/completions")
              .header("Authorization", "Bearer " + config.apiKey())
              .post(RequestBody.create(body, JSON))
              .build();
      try (Response response = http.newCall(httpRequest).execute()) {
        answered = response.headers();
        ResponseBody rb = response.body();
        int status = response.code();
        String raw = rb == null ? "" : rb.string();
        // An error text is redacted at once: a server that echoes the key in it must not get it
        // into the exception (a preview's fallbackReason, a campaign event) or a log line. A 200
        // answer is the copy itself and is parsed as it came.
        String text = status == 200 ? raw : redaction.redact(raw);
        lastStatus = status;
        if (status == 200) {
          JsonNode answer = readTree(text);
          if (answer != null) {
            JsonNode usage = answer.path("usage");
            promptTokens += usage.path("prompt_tokens").asLong(0);
            completionTokens += usage.path("completion_tokens").asLong(0);
          }
          String problem = problem(answer);
          if (problem == null && answer != null) {
            JsonNode content =
                readTree(answer.path("choices").path(0).path("message").path("content").asText());
            if (content == null) {
              problem = "content is not JSON";
            } else if (!content.isObject()) {
              problem = "content is not a JSON object";
            } else {
              try {
                T value = reader.read(content);
                return new Answer<>(
                    value,
                    answer.path("model").asText(config.model()),
                    promptTokens,
                    completionTokens,
                    attempt);
              } catch (Malformed e) {
                problem = e.getMessage();
              }
            }
          }
          lastProblem = redaction.redact("malformed answer: " + problem);
          lastCode = "malformed_output";
        } else {
          JsonNode e = readTree(text);
          JsonNode err = e == null ? null : e.path("error");
          String type = err == null ? "" : err.path("type").asText("");
          String code = err == null ? "" : err.path("code").asText("");
          String message =
              err == null
                  ? ""
                  : err.isTextual()
                      ? shorten(err.asText())
                      : shorten(err.path("message").asText(""));
          lastCode = code;
          if (status == 429
              && (code.equals("insufficient_quota") || type.equals("insufficient_quota"))) {
            throw failure(
                "OpenAI API: 429 insufficient_quota: the account has no quota left"
                    + (message.isEmpty() ? "" : " (" + message + ")")
                    + "; retrying cannot help: check the plan and billing of the key's project",
                status,
                "insufficient_quota",
                attempt,
                prompt,
                promptTokens,
                completionTokens,
                null);
          }
          if (!(status == 429
              || status == 500
              || status == 502
              || status == 503
              || status == 504)) {
            throw failure(
                "OpenAI API: "
                    + status
                    + " "
                    + code
                    + ": "
                    + explain(status)
                    + (message.isEmpty() ? "" : " (" + message + ")"),
                status,
                code,
                attempt,
                prompt,
                promptTokens,
                completionTokens,
                null);
          }
          lastProblem =
              status
                  + (code.isEmpty() ? "" : " " + code)
                  + (message.isEmpty() ? "" : ": " + message);
          serverWait = OpenAiMessageGenerator.serverWait(response);
          if (status == 429) {
            asked = serverWait;
          }
        }
      } catch (InterruptedIOException e) {
        lastProblem = redaction.redact("timed out (" + e.getMessage() + ")");
        lastStatus = 0;
        lastCode = "timeout";
        lastCause = e;
      } catch (IOException e) {
        lastProblem = redaction.redact("no answer: " + e);
        lastStatus = 0;
        lastCode = "io_error";
        lastCause = e;
      } finally {
        limits.release(permit, answered, asked);
      }
      if (attempt > config.maxRetries()) {
        break;
      }
      Duration wait = backoff(attempt);
      if (serverWait != null) {
        if (serverWait.compareTo(config.maxRetryWait()) > 0) {
          throw failure(
              "OpenAI API: "
                  + lastProblem
                  + "; the server asks to wait "
                  + serverWait
                  + ", longer than maxRetryWait "
                  + config.maxRetryWait(),
              lastStatus,
              lastCode,
              attempt,
              prompt,
              promptTokens,
              completionTokens,
              null);
        }
        wait = wait.compareTo(serverWait) > 0 ? wait : serverWait;
      }
      log.info(
          "OpenAI {} for {}: {}; retry {} of {} in {} ms",
          config.model(),
          what,
          lastProblem,
          attempt,
          config.maxRetries(),
          wait.toMillis());
      Instant from = limits.now();
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(
            "OpenAI API: interrupted while waiting to retry",
            lastStatus,
            lastCode,
            attempt,
            prompt,
            promptTokens,
            completionTokens,
            e);
      }
      limits.elapsed(from, wait);
    }
    int calls = config.maxRetries() + 1;
    throw failure(
        "OpenAI API: gave up after " + calls + " calls: " + lastProblem,
        lastStatus,
        lastCode,
        calls,
        prompt,
        promptTokens,
        completionTokens,
        lastCause);
  }

  private static String explain(int status) {
    return switch (status) {
      case 400 ->
          "the request was refused as invalid (check the model name and that it supports json_schema"
              + " structured output)";
      case 401 -> "the API key was refused (check OPENAI_API_KEY or OpenAiConfig.apiKey)";
      case 403 -> "the key may not use this model or region";
      case 404 -> "no such endpoint or model (check baseUrl and model)";
      default -> "the request was refused";
    };
  }

  /**
   * One call outside the chat path (the Batch API's files and batches), once: a caller that polls
   * tries again later. Returns the 200 answer's text.
   *
   * @param path the path under the base URL, such as {@code /batches}
   * @param body the body to post, or null to get
   * @throws OpenAiException when the API refuses or does not answer
   */
  String send(String path, @Nullable RequestBody body) {
    Request.Builder request =
        new Request.Builder()
            .url(config.baseUrl() + path)
            .header("Authorization", "Bearer " + config.apiKey());
    request = body == null ? request.get() : request.post(body);
    try (Response response = http.newCall(request.build()).execute()) {
      ResponseBody rb = response.body();
      String raw = rb == null ? "" : rb.string();
      if (response.code() == 200) {
        return raw;
      }
      JsonNode e = readTree(redaction.redact(raw));
      JsonNode err = e == null ? null : e.path("error");
      String code = err == null ? "" : err.path("code").asText("");
      String message =
          err == null
              ? ""
              : err.isTextual() ? shorten(err.asText()) : shorten(err.path("message").asText(""));
      throw failure(
          "OpenAI API: "
              + response.code()
              + " "
              + code
              + " on "
              + path.replaceAll("/[^/]+/content$", "/{id}/content")
              + ": "
              + explain(response.code())
              + (message.isEmpty() ? "" : " (" + message + ")"),
          response.code(),
          code,
          1,
          "batch",
          0,
          0,
          null);
    } catch (IOException e) {
      throw failure(
          "OpenAI API: no answer on " + path + ": " + e, 0, "io_error", 1, "batch", 0, 0, e);
    }
  }

  private OpenAiException failure(
      String message,
      int status,
      String code,
      int calls,
      String prompt,
      long promptTokens,
      long completionTokens,
      @Nullable Throwable cause) {
    return new OpenAiException(
        redaction.redact(message),
        status,
        code,
        calls,
        new GenerationInfo("openai", prompt, config.model(), promptTokens, completionTokens, calls),
        cause);
  }

  private static @Nullable String problem(@Nullable JsonNode answer) {
    if (answer == null) {
      return "not JSON";
    }
    JsonNode choice = answer.path("choices").path(0);
    JsonNode msg = choice.path("message");
    if (msg.hasNonNull("refusal") && !msg.path("refusal").asText().isBlank()) {
      return "the model refused: " + shorten(msg.path("refusal").asText());
    }
    if ("length".equals(choice.path("finish_reason").asText())) {
      return "cut off at the token limit";
    }
    if (!msg.path("content").isTextual()) {
      return "no choices[0].message.content";
    }
    return null;
  }

  private @Nullable JsonNode readTree(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Pretty JSON with {@code <}, {@code >} and {@code &} escaped: no value can open or close a
   * fenced block.
   */
  String data(JsonNode node) {
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

  ObjectMapper json() {
    return json;
  }

  private static String shorten(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  private Duration backoff(int attempt) {
    long cap =
        Math.min(
            config.maxBackoff().toMillis(),
            config.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20)));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
  }
}
