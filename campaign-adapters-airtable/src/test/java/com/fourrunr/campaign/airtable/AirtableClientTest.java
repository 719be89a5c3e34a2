package com.fourrunr.campaign.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirtableClientTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final FakeAirtable airtable = new FakeAirtable(clock);
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(airtable);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private AirtableConfig.Builder config() {
    return AirtableConfig.builder(FakeAirtable.TOKEN, FakeAirtable.BASE, FakeAirtable.TABLE)
        .baseUrl(server.url("/v0/").uri());
  }

  private AirtableClient client(AirtableConfig config) {
    return AirtableClient.builder(config)
        .clock(clock)
        .sleeper(clock::advance)
        .httpClient(http)
        .build();
  }

  private void addRecords(int n) {
    for (int i = 0; i < n; i++) {
      airtable.add(Map.of("Email", "lead" + i + "@example.com"));
    }
  }

  private int raw(String method, String json) throws IOException {
    RequestBody body =
        json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
    Request request =
        new Request.Builder()
            .url(server.url("/v0/" + FakeAirtable.BASE + "/" + FakeAirtable.TABLE))
            .header("Authorization", "Bearer " + FakeAirtable.TOKEN)
            .method(method, body)
            .build();
    try (Response r = http.newCall(request).execute()) {
      return r.code();
    }
  }

  @Test
  void fakeRefusesElevenRecordsInOneWriteAndTheClientNeverSendsThem() throws IOException {
    addRecords(11);
    StringBuilder body = new StringBuilder("{\"records\":[");
    for (String id : airtable.ids()) {
      body.append(body.length() > 12 ? "," : "")
          .append("{\"id\":\"")
          .append(id)
          .append("\",\"fields\":{}}");
    }
    assertThat(raw("PATCH", body + "]}")).isEqualTo(422);

    AirtableClient client = client(config().build());
    List<RecordWrite> eleven =
        airtable.ids().stream().map(id -> new RecordWrite(id, Map.of("Tone", "warm"))).toList();
    assertThatThrownBy(() -> client.write(eleven))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 10");
    client.write(eleven.subList(0, 10));
    assertThat(airtable.text(airtable.ids().get(9), "Tone")).isEqualTo("warm");
    assertThat(airtable.maxRecordsInOneWrite()).isEqualTo(11);
    assertThat(airtable.calls().get(1).status()).isEqualTo(200);
  }

  @Test
  void fakeAnswers429ToASixthRequestWithinOneSecond() throws IOException {
    for (int i = 0; i < 5; i++) {
      assertThat(raw("GET", null)).isEqualTo(200);
    }
    assertThat(raw("GET", null)).isEqualTo(429);
    clock.advance(Duration.ofSeconds(29));
    assertThat(raw("GET", null)).as("Airtable wants 30 s of quiet after a 429").isEqualTo(429);
    clock.advance(Duration.ofSeconds(31));
    assertThat(raw("GET", null)).isEqualTo(200);
  }

  @Test
  void readingPageByPageStaysWithinFiveRequestsASecond() {
    addRecords(40);
    AirtableClient client = client(config().pageSize(1).build());
    Instant start = clock.instant();

    List<String> ids;
    try (Stream<AirtableRecord> records = client.listRecords(null, null, true)) {
      ids = records.map(AirtableRecord::id).toList();
    }

    assertThat(ids).containsExactlyElementsOf(airtable.ids());
    assertThat(airtable.count(429)).isZero();
    assertThat(airtable.calls()).hasSize(40);
    // 40 requests at 5 a second take at least 7 seconds of the clock
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void afterA429TheClientWaitsThirtySecondsAndTheUpdateIsWritten() {
    addRecords(1);
    String id = airtable.ids().get(0);
    AirtableClient client = client(config().build());
    airtable.rateLimitNext();
    Instant start = clock.instant();

    client.write(List.of(new RecordWrite(id, Map.of("Campaign_Status", "Active"))));

    assertThat(airtable.text(id, "Campaign_Status")).isEqualTo("Active");
    List<FakeAirtable.Call> calls = airtable.calls();
    assertThat(calls).extracting(FakeAirtable.Call::status).containsExactly(429, 200);
    assertThat(Duration.between(start, calls.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theCallListenerIsToldOfEveryExchangeTheRateLimitedOneIncluded() {
    addRecords(1);
    String id = airtable.ids().get(0);
    List<String> told = new java.util.ArrayList<>();
    AirtableClient client =
        AirtableClient.builder(config().build())
            .clock(clock)
            .sleeper(clock::advance)
            .httpClient(http)
            .callListener(
                (service, operation, status, elapsed) ->
                    told.add(service + " " + operation + " " + status))
            .build();
    airtable.rateLimitNext();

    client.write(List.of(new RecordWrite(id, Map.of("Campaign_Status", "Active"))));

    assertThat(told).containsExactly("airtable PATCH 429", "airtable PATCH 200");
  }

  @Test
  void pagesWithOffsetAndStartsOverWithoutRepeatsWhenTheOffsetExpires() {
    addRecords(250);
    AirtableClient client = client(config().build());
    airtable.expireNextOffsets(1);

    List<String> ids;
    try (Stream<AirtableRecord> records = client.listRecords(null, null, true)) {
      ids = records.map(AirtableRecord::id).toList();
    }

    assertThat(ids).containsExactlyElementsOf(airtable.ids());
    List<FakeAirtable.Call> calls = airtable.calls();
    assertThat(calls)
        .extracting(FakeAirtable.Call::status)
        .containsExactly(200, 422, 200, 200, 200);
    assertThat(calls.get(0).query()).doesNotContain("offset");
    assertThat(calls.get(2).query()).as("started over").doesNotContain("offset");
    assertThat(calls.get(3).query()).contains("offset=");
  }

  @Test
  void serverErrorsAreTriedAgainWithADoublingBackoff() {
    addRecords(1);
    AirtableClient client = client(config().build());
    airtable.failNext(3);
    Instant start = clock.instant();

    List<AirtableRecord> records = client.listRecords(null, null, true).toList();

    assertThat(records).hasSize(1);
    List<FakeAirtable.Call> calls = airtable.calls();
    assertThat(calls).extracting(FakeAirtable.Call::status).containsExactly(502, 502, 502, 200);
    assertThat(Duration.between(start, calls.get(3).at())).isEqualTo(Duration.ofSeconds(1 + 2 + 4));
  }

  @Test
  void serverErrorsGiveUpAfterMaxRetriesWithAirtablesErrorType() {
    AirtableClient client = client(config().maxRetries(2).build());
    airtable.failNext(10);

    assertThatThrownBy(() -> client.listRecords(null, null, true).toList())
        .isInstanceOfSatisfying(
            AirtableException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.type()).isEqualTo("BAD_GATEWAY");
              assertThat(e.isTransient()).isTrue();
            });
    assertThat(airtable.calls()).hasSize(3);
  }

  @Test
  void clientErrorsFailAtOnceWithAirtablesTypeAndMessageAndNeverTheToken() {
    AirtableClient wrongBase =
        client(
            AirtableConfig.builder(FakeAirtable.TOKEN, "appZZZZZZZZZZZZZZ", "Leads")
                .baseUrl(server.url("/v0/").uri())
                .build());
    assertThatThrownBy(() -> wrongBase.listRecords(null, null, true).toList())
        .isInstanceOfSatisfying(
            AirtableException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.type()).isEqualTo("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
              assertThat(e.getMessage())
                  .contains("Invalid permissions")
                  .doesNotContain(FakeAirtable.TOKEN);
              assertThat(e.isTransient()).isFalse();
            });

    AirtableClient wrongToken =
        client(
            AirtableConfig.builder("patWRONG", FakeAirtable.BASE, "Leads")
                .baseUrl(server.url("/v0/").uri())
                .build());
    assertThatThrownBy(() -> wrongToken.listRecords(null, null, true).toList())
        .isInstanceOfSatisfying(
            AirtableException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.type()).isEqualTo("AUTHENTICATION_REQUIRED");
              assertThat(e.getMessage()).doesNotContain("patWRONG");
            });

    AirtableClient client = client(config().build());
    assertThatThrownBy(
            () -> client.write(List.of(new RecordWrite("recDOESNOTEXIST00", Map.of("Tone", "x")))))
        .isInstanceOfSatisfying(
            AirtableException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.type()).isEqualTo("ROW_DOES_NOT_EXIST");
            });
    assertThat(airtable.calls()).hasSize(3);
  }

  @Test
  void writesByLeadIdUsePerformUpsert() {
    airtable.add(Map.of("Lead_ID", "L-1", "Email", "a@example.com"));
    AirtableClient client = client(config().leadIdField("Lead_ID").build());

    client.write(
        List.of(
            new RecordWrite("L-1", Map.of("Campaign_Status", "Active")),
            new RecordWrite("L-2", Map.of("Campaign_Status", "Active"))));

    assertThat(airtable.text(airtable.ids().get(0), "Campaign_Status")).isEqualTo("Active");
    assertThat(airtable.ids()).hasSize(2);
    assertThat(airtable.text(airtable.ids().get(1), "Lead_ID")).isEqualTo("L-2");
  }

  @Test
  void configNamesEachBadValueAndHidesTheToken() {
    assertThatThrownBy(
            () ->
                AirtableConfig.builder("", "base", " ")
                    .requestsPerSecond(6)
                    .pageSize(101)
                    .baseUrl(URI.create("ftp://x"))
                    .build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly(
                        "token", "baseId", "table", "baseUrl", "requestsPerSecond", "pageSize"));
    AirtableConfig config = config().build();
    assertThat(config.toString()).doesNotContain(FakeAirtable.TOKEN).contains("token=***");
    assertThat(client(config).toString()).doesNotContain(FakeAirtable.TOKEN);
  }

  @Test
  void outboxCoalescesTenChangesToOneRecordIntoOneUpdate() {
    InMemorySyncOutbox outbox = new InMemorySyncOutbox();
    for (int i = 0; i < 10; i++) {
      outbox.put("rec1", Map.of("Last_Campaign_Event", "event " + i, "Field" + (i % 3), (long) i));
    }
    assertThat(outbox.size()).isEqualTo(1);
    PendingUpdate u = outbox.peek(10).get(0);
    assertThat(u.fields())
        .containsEntry("Last_Campaign_Event", "event 9")
        .containsEntry("Field0", 9L)
        .containsEntry("Field1", 7L)
        .containsEntry("Field2", 8L)
        .hasSize(4);

    outbox.put("rec1", Map.of("Last_Campaign_Event", "event 10"));
    outbox.acknowledge(u);
    assertThat(outbox.pending("rec1"))
        .hasValueSatisfying(
            p ->
                assertThat(p.fields())
                    .as("a field changed while being written stays queued")
                    .containsOnlyKeys("Last_Campaign_Event"));
    outbox.acknowledge(outbox.peek(1).get(0));
    assertThat(outbox.size()).isZero();
    assertThat(outbox.peek(10)).isEmpty();
  }
}
