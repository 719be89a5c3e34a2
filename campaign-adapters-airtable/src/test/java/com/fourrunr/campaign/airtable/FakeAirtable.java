package com.fourrunr.campaign.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Plays Airtable's REST API for one base and table by its documented rules, judged on the test's
 * clock: a bearer token, 5 requests a second per base (a 429 beyond, then 30 seconds of 429s), at
 * most 10 records per write (422), pages of at most 100 with an offset that expires, PATCH changing
 * only given fields, performUpsert, and Airtable's error bodies. It can also be taken down to play
 * an outage.
 */
final class FakeAirtable extends Dispatcher {
  static final String TOKEN = "patSECRETtoken.0123456789";
  static final String BASE = "appABCDEFGHIJKLMN";
  static final String TABLE = "Leads";

  /** One request as the fake saw it. */
  record Call(String method, Instant at, int status, int records, String query) {}

  // the formulas the fake understands: {A}!='' and OR({A}!='',{B}!='',...); others pass every
  // record
  private static final Pattern NOT_EMPTY = Pattern.compile("\\{([^{}]+)\\}!=''");
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;
  private final LinkedHashMap<String, ObjectNode> records = new LinkedHashMap<>();
  private final ArrayDeque<Instant> window = new ArrayDeque<>();
  private final Map<String, Integer> offsets = new HashMap<>();
  private final Map<String, Instant> offsetIssued = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<String> formulas = new ArrayList<>();
  private Instant penaltyUntil = Instant.MIN;
  private Duration offsetLifetime = Duration.ofMinutes(5);
  private int expireNextOffsets;
  private int failNext;
  private int rateLimitNext;
  private boolean down;
  private int nextId = 1;

  private final String table;

  FakeAirtable(Clock clock) {
    this(clock, TABLE);
  }

  /** A fake base whose one table has another name. */
  FakeAirtable(Clock clock, String table) {
    this.clock = clock;
    this.table = table;
  }

  // --- the test's side
  // ----------------------------------------------------------------------------

  synchronized String add(Map<String, Object> fields) {
    String id = String.format("rec%014d", nextId++);
    records.put(id, json.valueToTree(fields));
    return id;
  }

  /** A person edits a field in the table. */
  synchronized void set(String id, String field, String value) {
    records.get(id).put(field, value);
  }

  synchronized String text(String id, String field) {
    JsonNode v = records.get(id).get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  synchronized ObjectNode fields(String id) {
    return records.get(id).deepCopy();
  }

  synchronized List<String> ids() {
    return new ArrayList<>(records.keySet());
  }

  synchronized List<Call> calls() {
    return new ArrayList<>(calls);
  }

  synchronized List<String> formulas() {
    return new ArrayList<>(formulas);
  }

  synchronized long count(int status) {
    return calls.stream().filter(c -> c.status() == status).count();
  }

  synchronized int maxRecordsInOneWrite() {
    return calls.stream()
        .filter(c -> !c.method().equals("GET"))
        .mapToInt(Call::records)
        .max()
        .orElse(0);
  }

  /** The next {@code n} offsets handed out are already expired when they come back. */
  synchronized void expireNextOffsets(int n) {
    expireNextOffsets = n;
  }

  synchronized void failNext(int n) {
    failNext = n;
  }

  /** Answers the next request with 429 as though the base were over its limit. */
  synchronized void rateLimitNext() {
    rateLimitNext = 1;
  }

  synchronized void down(boolean down) {
    this.down = down;
  }

  // --- Airtable's side
  // ----------------------------------------------------------------------------

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    Instant now = clock.instant();
    HttpUrl url = request.getUrl();
    String query = url.encodedQuery() == null ? "" : url.encodedQuery();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    int recordCount = 0;
    if (!body.isEmpty()) {
      try {
        recordCount = json.readTree(body).path("records").size();
      } catch (Exception e) {
        recordCount = -1;
      }
    }
    Answer a =
        answer(request.getMethod(), url, body, now, request.getHeaders().get("Authorization"));
    calls.add(new Call(request.getMethod(), now, a.status, recordCount, query));
    return new MockResponse.Builder()
        .code(a.status)
        .addHeader("Content-Type", "application/json")
        .body(a.body)
        .build();
  }

  private record Answer(int status, String body) {}

  private Answer error(int status, String type, String message) {
    ObjectNode root = json.createObjectNode();
    root.putObject("error").put("type", type).put("message", message);
    return new Answer(status, root.toString());
  }

  private Answer answer(String method, HttpUrl url, String body, Instant now, String auth) {
    if (down) {
      return error(503, "SERVICE_UNAVAILABLE", "Airtable is temporarily unavailable");
    }
    if (!("Bearer " + TOKEN).equals(auth)) {
      return error(401, "AUTHENTICATION_REQUIRED", "Authentication required");
    }
    // 5 requests a second per base; past that, 429 and 30 seconds before requests succeed again
    while (!window.isEmpty() && !window.peekFirst().plus(Duration.ofSeconds(1)).isAfter(now)) {
      window.pollFirst();
    }
    window.addLast(now);
    if (rateLimitNext > 0) {
      rateLimitNext--;
      penaltyUntil = now.plusSeconds(30);
    }
    if (window.size() > 5) {
      penaltyUntil = now.plusSeconds(30);
    }
    if (now.isBefore(penaltyUntil)) {
      return error(
          429, "TOO_MANY_REQUESTS", "You have made too many requests in a short period of time.");
    }
    if (failNext > 0) {
      failNext--;
      return error(502, "BAD_GATEWAY", "upstream failed");
    }
    List<String> path = url.pathSegments();
    if (path.size() != 3 || !path.get(0).equals("v0")) {
      return new Answer(404, "{\"error\":\"NOT_FOUND\"}");
    }
    if (!path.get(1).equals(BASE) || !path.get(2).equals(table)) {
      return error(
          403,
          "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND",
          "Invalid permissions, or the requested model was not found. Check that both your user and your"
              + " token have the required permissions, and that the model names and/or ids are correct.");
    }
    try {
      return switch (method) {
        case "GET" -> list(url, now);
        case "PATCH" -> patch(json.readTree(body));
        default -> error(404, "NOT_FOUND", "method " + method);
      };
    } catch (Exception e) {
      return error(422, "INVALID_REQUEST_BODY", "Could not parse request body");
    }
  }

  private Answer list(HttpUrl url, Instant now) {
    int pageSize =
        url.queryParameter("pageSize") == null
            ? 100
            : Integer.parseInt(url.queryParameter("pageSize"));
    if (pageSize < 1 || pageSize > 100) {
      return error(422, "INVALID_PAGE_SIZE", "pageSize must be between 1 and 100");
    }
    String formula = url.queryParameter("filterByFormula");
    if (formula != null) {
      formulas.add(formula);
    }
    int start = 0;
    String offset = url.queryParameter("offset");
    if (offset != null) {
      Integer at = offsets.get(offset);
      Instant issued = offsetIssued.get(offset);
      if (at == null || issued.plus(offsetLifetime).isBefore(now)) {
        return error(
            422, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE", "The iterator is no longer available");
      }
      start = at;
    }
    List<String> only =
        url.queryParameterValues("fields[]").stream().filter(s -> s != null).toList();
    List<String> anyOf = new ArrayList<>();
    if (formula != null) {
      Matcher m = NOT_EMPTY.matcher(formula);
      while (m.find()) {
        anyOf.add(m.group(1));
      }
    }
    List<Map.Entry<String, ObjectNode>> matching = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
      boolean pass = anyOf.isEmpty();
      for (String field : anyOf) {
        JsonNode v = e.getValue().get(field);
        pass |= v != null && !v.asText().isEmpty();
      }
      if (pass) {
        matching.add(e);
      }
    }
    ObjectNode root = json.createObjectNode();
    ArrayNode out = root.putArray("records");
    int end = Math.min(matching.size(), start + pageSize);
    for (int i = start; i < end; i++) {
      Map.Entry<String, ObjectNode> e = matching.get(i);
      ObjectNode r = out.addObject();
      r.put("id", e.getKey());
      r.put("createdTime", "2026-01-01T00:00:00.000Z");
      ObjectNode fields = r.putObject("fields");
      e.getValue()
          .properties()
          .forEach(
              f -> {
                JsonNode v = f.getValue();
                boolean empty =
                    v.isNull()
                        || (v.isTextual() && v.asText().isEmpty())
                        || (v.isArray() && v.isEmpty());
                if ((only.isEmpty() || only.contains(f.getKey())) && !empty) {
                  fields.set(f.getKey(), f.getValue());
                }
              });
    }
    if (end < matching.size()) {
      String next = "itr" + offsets.size() + "/rec" + end;
      offsets.put(next, end);
      offsetIssued.put(next, expireNextOffsets > 0 ? Instant.MIN.plusSeconds(1) : now);
      if (expireNextOffsets > 0) {
        expireNextOffsets--;
      }
      root.put("offset", next);
    }
    return new Answer(200, root.toString());
  }

  private Answer patch(JsonNode body) {
    JsonNode list = body.path("records");
    if (!list.isArray() || list.isEmpty()) {
      return error(
          422,
          "INVALID_REQUEST_MISSING_FIELDS",
          "Could not find field \"records\" in the request body");
    }
    if (list.size() > 10) {
      return error(422, "INVALID_RECORDS", "You can only update up to 10 records at a time");
    }
    JsonNode upsert = body.get("performUpsert");
    List<String> mergeOn = new ArrayList<>();
    if (upsert != null) {
      upsert.path("fieldsToMergeOn").forEach(f -> mergeOn.add(f.asText()));
      if (mergeOn.isEmpty() || mergeOn.size() > 3) {
        return error(422, "INVALID_REQUEST_UNKNOWN", "fieldsToMergeOn must list 1 to 3 fields");
      }
    }
    // all or nothing, as Airtable does: check first, then apply
    List<String> targets = new ArrayList<>();
    for (JsonNode r : list) {
      if (upsert == null) {
        String id = r.path("id").asText("");
        if (!records.containsKey(id)) {
          return error(
              404, "ROW_DOES_NOT_EXIST", "Record ID " + id + " does not exist in this table");
        }
        targets.add(id);
      } else {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
          boolean all = true;
          for (String f : mergeOn) {
            all &= e.getValue().path(f).asText("").equals(r.path("fields").path(f).asText(""));
          }
          if (all) {
            found.add(e.getKey());
          }
        }
        if (found.size() > 1) {
          return error(
              422,
              "INVALID_VALUE_FOR_COLUMN",
              "more than one record matches the fields to merge on");
        }
        targets.add(found.isEmpty() ? null : found.get(0));
      }
    }
    ObjectNode root = json.createObjectNode();
    ArrayNode out = root.putArray("records");
    ArrayNode created = root.putArray("createdRecords");
    ArrayNode updated = root.putArray("updatedRecords");
    for (int i = 0; i < targets.size(); i++) {
      String id = targets.get(i);
      ObjectNode fields = (ObjectNode) list.get(i).path("fields");
      if (id == null) {
        id = String.format("rec%014d", nextId++);
        records.put(id, json.createObjectNode());
        created.add(id);
      } else {
        updated.add(id);
      }
      records.get(id).setAll(fields);
      out.addObject().put("id", id).set("fields", records.get(id).deepCopy());
    }
    return new Answer(200, root.toString());
  }
}
