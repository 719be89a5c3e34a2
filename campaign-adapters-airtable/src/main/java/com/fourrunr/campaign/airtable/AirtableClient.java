package com.fourrunr.campaign.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
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
 * Talks to one Airtable base within its documented limits. Every request through one client shares
 * one budget of {@link AirtableConfig#requestsPerSecond()} (Airtable allows 5 a second per base),
 * so give the {@link AirtableLeadSource} and the {@link AirtableSync} of a base the same client. A
 * 429 waits {@link AirtableConfig#rateLimitPause()} (30 seconds) before the request is tried again;
 * a 5xx or a network failure is tried again after a doubling backoff; any other 4xx fails at once
 * with an {@link AirtableException} carrying Airtable's error type and message. Lists are read page
 * by page with {@code offset}, starting again (without repeating records) when Airtable says the
 * offset has expired. Writes carry at most 10 records.
 *
 * <p>All waiting goes through the {@link Clock} and {@link Sleeper} given to the {@link Builder},
 * so tests run on a settable clock without waiting. Thread-safe. The token is sent as a bearer
 * token and never logged.
 *
 * <pre>{@code
 * AirtableClient client = AirtableClient.create(config);
 * LeadSource leads = AirtableLeadSource.create(client);
 * }</pre>
 */
public final class AirtableClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AirtableClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String ITERATOR_EXPIRED = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE";
  private static final int MAX_LIST_RESTARTS = 5;

  private final AirtableConfig config;
  private final com.fourrunr.campaign.config.Redaction redaction;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final Sleeper sleeper;
  private final RateLimiter limiter;
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpUrl tableUrl;
  private final com.fourrunr.campaign.ops.ExternalCallListener calls;
  private final Clock clock;

  private AirtableClient(Builder b) {
    this.config = b.config;
    this.redaction =
        com.fourrunr.campaign.config.Redaction.of(
            java.util.List.of(com.fourrunr.campaign.config.Secret.of(b.config.token())));
    this.ownsHttp = b.http == null;
    this.http = b.http == null ? new OkHttpClient() : b.http;
    this.sleeper = b.sleeper;
    this.calls = b.calls;
    this.clock = b.clock;
    this.limiter = new RateLimiter(config.requestsPerSecond(), b.clock, b.sleeper);
    HttpUrl base = HttpUrl.get(config.baseUrl().toString());
    this.tableUrl =
        base.newBuilder().addPathSegment(config.baseId()).addPathSegment(config.table()).build();
  }

  /** A client with the system clock, real waiting and its own OkHttp client. */
  public static AirtableClient create(AirtableConfig config) {
    return builder(config).build();
  }

  /** Starts a client for {@code config}, to set the clock, the sleeper or the OkHttp client. */
  public static Builder builder(AirtableConfig config) {
    return new Builder(config);
  }

  /** The configuration this client was made with. */
  public AirtableConfig config() {
    return config;
  }

  /** Releases the OkHttp client's threads and connections if this client made it. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "AirtableClient[" + config + "]";
  }

  // ------------------------------------------------------------------------------------------------

  /**
   * The table's records that pass {@code formula}, read lazily page by page. When Airtable says the
   * offset expired, the list starts again from the first page and skips the records already given.
   */
  Stream<AirtableRecord> listRecords(
      @Nullable String formula, @Nullable List<String> fields, boolean inView) {
    Iterator<AirtableRecord> it =
        new Iterator<>() {
          private final ArrayDeque<AirtableRecord> page = new ArrayDeque<>();
          private final Set<String> given = new HashSet<>();
          private @Nullable String offset;
          private boolean last;
          private int restarts;

          @Override
          public boolean hasNext() {
            while (page.isEmpty() && !last) {
              fetch();
            }
            return !page.isEmpty();
          }

          @Override
          public AirtableRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            AirtableRecord r = page.poll();
            given.add(r.id());
            return r;
          }

          private void fetch() {
            HttpUrl.Builder url =
                tableUrl
                    .newBuilder()
                    .addQueryParameter("pageSize", String.valueOf(config.pageSize()));
            if (inView && config.view() != null) {
              url.addQueryParameter("view", config.view());
            }
            if (formula != null) {
              url.addQueryParameter("filterByFormula", formula);
            }
            if (fields != null) {
              for (String f : fields) {
                url.addQueryParameter("fields[]", f);
              }
            }
            if (offset != null) {
              url.addQueryParameter("offset", offset);
            }
            JsonNode answer;
            try {
              answer = execute("GET", url.build(), null);
            } catch (AirtableException e) {
              if (e.status() == 422
                  && ITERATOR_EXPIRED.equals(e.type())
                  && restarts < MAX_LIST_RESTARTS) {
                restarts++;
                log.info(
                    "Airtable list offset expired; reading {} again from the first page",
                    config.table());
                offset = null;
                return;
              }
              throw e;
            }
            for (JsonNode r : answer.path("records")) {
              String id = r.path("id").asText("");
              if (!id.isEmpty() && !given.contains(id)) {
                page.add(new AirtableRecord(id, r.path("fields")));
              }
            }
            JsonNode next = answer.get("offset");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
              last = true;
            } else {
              offset = next.asText();
            }
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * Writes changed fields of at most 10 records in one PATCH (other fields are kept): by record id,
   * or with {@code performUpsert} on {@link AirtableConfig#leadIdField()} when one is configured.
   */
  JsonNode write(List<RecordWrite> writes) {
    if (writes.isEmpty() || writes.size() > AirtableConfig.MAX_RECORDS_PER_WRITE) {
      throw new IllegalArgumentException(
          writes.size()
              + " records in one write; Airtable takes 1 to "
              + AirtableConfig.MAX_RECORDS_PER_WRITE);
    }
    ObjectNode body = mapper.createObjectNode();
    String mergeOn = config.leadIdField();
    if (mergeOn != null) {
      body.putObject("performUpsert").putArray("fieldsToMergeOn").add(mergeOn);
    }
    ArrayNode records = body.putArray("records");
    for (RecordWrite w : writes) {
      ObjectNode record = records.addObject();
      ObjectNode fields;
      if (mergeOn == null) {
        record.put("id", w.key());
        fields = record.putObject("fields");
      } else {
        fields = record.putObject("fields");
        fields.put(mergeOn, w.key());
      }
      for (Map.Entry<String, Object> f : w.fields().entrySet()) {
        fields.set(f.getKey(), mapper.valueToTree(f.getValue()));
      }
    }
    body.put("typecast", true);
    return execute("PATCH", tableUrl, body);
  }

  /**
   * Creates or updates at most 10 records of the client's table in one PATCH with {@code
   * performUpsert} merged on {@code mergeOn} (a field holding a unique key, such as a task id).
   */
  JsonNode upsert(String mergeOn, List<Map<String, Object>> fieldsPerRecord) {
    if (fieldsPerRecord.isEmpty()
        || fieldsPerRecord.size() > AirtableConfig.MAX_RECORDS_PER_WRITE) {
      throw new IllegalArgumentException(
          fieldsPerRecord.size()
              + " records in one write; Airtable takes 1 to "
              + AirtableConfig.MAX_RECORDS_PER_WRITE);
    }
    ObjectNode body = mapper.createObjectNode();
    body.putObject("performUpsert").putArray("fieldsToMergeOn").add(mergeOn);
    ArrayNode records = body.putArray("records");
    for (Map<String, Object> fields : fieldsPerRecord) {
      ObjectNode f = records.addObject().putObject("fields");
      fields.forEach((k, v) -> f.set(k, mapper.valueToTree(v)));
    }
    body.put("typecast", true);
    return execute("PATCH", tableUrl, body);
  }

  private JsonNode execute(String method, HttpUrl url, @Nullable JsonNode body) {
    RequestBody requestBody = body == null ? null : RequestBody.create(body.toString(), JSON);
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + config.token())
            .method(method, requestBody)
            .build();
    int retries = 0;
    while (true) {
      AirtableException failure;
      Duration wait;
      try {
        limiter.acquire();
        long started = clock.millis();
        int status = 0;
        try (Response response = http.newCall(request).execute()) {
          status = response.code();
          ResponseBody rb = response.body();
          String text = rb == null ? "" : rb.string();
          if (response.isSuccessful()) {
            return text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
          }
          // Redacted: a server echoing the token in its error text must not get it into a message
          // or a log.
          failure = error(response.code(), redaction.redact(text));
        } finally {
          report(method, status, started);
        }
        if (!failure.isTransient() || retries >= config.maxRetries()) {
          throw failure;
        }
        wait =
            failure.status() == 429
                ? config.rateLimitPause()
                : config.retryBackoff().multipliedBy(1L << Math.min(retries, 20));
      } catch (IOException e) {
        failure =
            new AirtableException(0, "NETWORK_ERROR", redaction.redact(e.toString()), true, e);
        if (retries >= config.maxRetries()) {
          throw failure;
        }
        wait = config.retryBackoff().multipliedBy(1L << Math.min(retries, 20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AirtableException(0, "INTERRUPTED", "interrupted while waiting", true, e);
      }
      retries++;
      log.debug(
          "Airtable {} {}: {}; trying again in {}",
          method,
          url.encodedPath(),
          failure.getMessage(),
          wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AirtableException(0, "INTERRUPTED", "interrupted while waiting", true, e);
      }
    }
  }

  /** Tells the call listener of one exchange: its status, or 0 when no answer came. */
  private void report(String method, int status, long started) {
    try {
      calls.onCall(
          "airtable",
          method,
          status,
          java.time.Duration.ofMillis(Math.max(0, clock.millis() - started)));
    } catch (RuntimeException e) {
      log.debug("call listener failed", e);
    }
  }

  private AirtableException error(int status, String text) {
    String type = "HTTP_" + status;
    String message = "";
    try {
      JsonNode error = mapper.readTree(text).path("error");
      if (error.isTextual()) {
        type = error.asText();
      } else if (error.isObject()) {
        type = error.path("type").asText(type);
        message = error.path("message").asText("");
      }
    } catch (IOException | RuntimeException e) {
      message = text.length() > 200 ? text.substring(0, 200) : text;
    }
    boolean transientFailure = status == 429 || status >= 500;
    return new AirtableException(status, type, message, transientFailure, null);
  }

  /** Collects an {@link AirtableClient}'s parts. Not thread-safe. */
  public static final class Builder {
    private final AirtableConfig config;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private @Nullable OkHttpClient http;
    private com.fourrunr.campaign.ops.ExternalCallListener calls =
        com.fourrunr.campaign.ops.ExternalCallListener.NONE;

    private Builder(AirtableConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock the rate limit is judged on; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How the client waits; {@link Sleeper#SYSTEM} by default. Tests pass one that advances their
     * clock.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * An OkHttp client of the host's (timeouts, proxy); the client is not closed by {@link
     * #close()}.
     */
    public Builder httpClient(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Told of every HTTP exchange with Airtable (service {@code airtable}, the method, the status
     * or 0 on a network error), retries and 429s included: for example {@code
     * CampaignMetrics#externalCalls()}.
     */
    public Builder callListener(com.fourrunr.campaign.ops.ExternalCallListener calls) {
      this.calls = Objects.requireNonNull(calls, "calls");
      return this;
    }

    /** Makes the client. */
    public AirtableClient build() {
      return new AirtableClient(this);
    }
  }
}
