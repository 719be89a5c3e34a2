package com.fourrunr.campaign.esp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP delivery to an {@link EspWebhook}: its headers and its raw body (signatures cover the
 * bytes as sent, so the body must not be re-encoded).
 */
public final class EspWebhookRequest {
  private final Map<String, List<String>> headers;
  private final byte[] body;

  /**
   * A request.
   *
   * @param headers the request headers by name (any case), each with its values
   * @param body the raw body
   */
  public EspWebhookRequest(Map<String, List<String>> headers, byte[] body) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    Objects.requireNonNull(headers, "headers")
        .forEach(
            (name, values) ->
                h.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .addAll(values));
    h.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Map.copyOf(h);
    this.body = Objects.requireNonNull(body, "body").clone();
  }

  /** The first value of a header (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The raw body (a copy). */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyBytes() {
    return body;
  }
}
