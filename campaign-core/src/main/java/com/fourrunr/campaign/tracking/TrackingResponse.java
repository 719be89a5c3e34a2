package com.fourrunr.campaign.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TrackingHandler} answers, for the host to write to its HTTP response as it is.
 *
 * @param status the HTTP status code
 * @param headers the headers to set, by name (including {@code Content-Type} when there is a body)
 * @param body the body (empty for none, and always empty for a {@code HEAD} request)
 */
public record TrackingResponse(int status, Map<String, String> headers, byte[] body) {
  /** Checks the status and freezes the headers and the body. */
  public TrackingResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status + " is not an HTTP status");
    }
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body.clone();
  }

  /** The body, copied. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A header's value (name in any case), or null. */
  public @Nullable String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrackingResponse r
        && r.status == status
        && r.headers.equals(headers)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    // A redirect's Location is a customer's URL and a click token is in none: still, keep logs
    // short.
    return "TrackingResponse[" + status + ", " + body.length + " body bytes]";
  }
}
