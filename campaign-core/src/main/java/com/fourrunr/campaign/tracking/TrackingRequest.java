package com.fourrunr.campaign.tracking;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to a tracking endpoint, in terms of no HTTP library: what a host's server hands
 * to {@link TrackingHandler}. Immutable; the {@code with...} methods make changed copies.
 *
 * <pre>{@code
 * TrackingRequest request = TrackingRequest.of(exchange.getRequestMethod(), exchange.getRequestURI())
 *     .withHeaders(exchange.getRequestHeaders())
 *     .withRemoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
 *     .withBody(exchange.getRequestBody().readNBytes(TrackingRequest.MAX_BODY_BYTES));
 * }</pre>
 *
 * @param method the HTTP method, upper-cased
 * @param path the decoded path as the client sent it, such as {@code /c/c1.abc.def}
 * @param query the decoded query parameters, each name with its values in order
 * @param headers the headers; names are compared in any case by {@link #header(String)}
 * @param remoteAddress the client's IP address, or null when unknown (behind a proxy, pass the
 *     address the proxy reports, such as the first of {@code X-Forwarded-For}, if the host trusts
 *     it)
 * @param body the request body (empty for none); the handler reads at most {@link #MAX_BODY_BYTES}
 */
public record TrackingRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    @Nullable String remoteAddress,
    byte[] body) {
  /** The most body bytes worth reading: a one-click unsubscribe body is a few dozen bytes. */
  public static final int MAX_BODY_BYTES = 16_384;

  /** Checks the fields and freezes the maps and the body. */
  public TrackingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    method = method.strip().toUpperCase(Locale.ROOT);
    query = freeze(query);
    headers = freeze(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /**
   * A request without headers, remote address or body, for a target such as {@code /c/tok?x=1}.
   *
   * @throws IllegalArgumentException when the target is not a URI reference
   */
  public static TrackingRequest of(String method, String target) {
    return of(method, URI.create(target));
  }

  /**
   * A request without headers, remote address or body, for the request URI (its raw query is
   * decoded).
   */
  public static TrackingRequest of(String method, URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    return new TrackingRequest(
        method, path, parseQuery(uri.getRawQuery()), Map.of(), null, new byte[0]);
  }

  /** The body, copied. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of a header (name in any case), or null. */
  public @Nullable String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** The first value of a query parameter, or null. */
  public @Nullable String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** This request with one more header value. */
  public TrackingRequest withHeader(String name, String value) {
    Map<String, List<String>> h = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
    values.add(value);
    h.put(name, values);
    return new TrackingRequest(method, path, query, h, remoteAddress, body);
  }

  /** This request with these headers (replacing the ones it had). */
  public TrackingRequest withHeaders(Map<String, List<String>> newHeaders) {
    return new TrackingRequest(method, path, query, newHeaders, remoteAddress, body);
  }

  /** This request from this client address. */
  public TrackingRequest withRemoteAddress(@Nullable String address) {
    return new TrackingRequest(method, path, query, headers, address, body);
  }

  /** This request with this body. */
  public TrackingRequest withBody(byte[] newBody) {
    return new TrackingRequest(method, path, query, headers, remoteAddress, newBody);
  }

  /**
   * Decodes an {@code application/x-www-form-urlencoded} query or body; bad escapes keep the raw
   * text.
   */
  static Map<String, List<String>> parseQuery(@Nullable String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static Map<String, List<String>> freeze(@Nullable Map<String, List<String>> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (k != null) {
            copy.put(k, v == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(v)));
          }
        });
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrackingRequest r
        && r.method.equals(method)
        && r.path.equals(path)
        && r.query.equals(query)
        && r.headers.equals(headers)
        && Objects.equals(r.remoteAddress, remoteAddress)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, headers, remoteAddress) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    // The path and query carry tokens: a log line shows neither.
    return "TrackingRequest[" + method + ", " + body.length + " body bytes]";
  }
}
