package com.fourrunr.campaign.ops;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A problem an {@link AlertRule} found, handed to the {@link AlertSink}s.
 *
 * @param rule the rule's name, for example {@code bounce-rate}
 * @param subject what it is about: a mailbox address, {@code queue}, {@code generation}, {@code
 *     airtable}
 * @param message a sentence for a person: what was measured against which threshold, and what was
 *     done
 * @param raisedAt when, by the engine's clock
 * @param pausesMailbox whether the {@link AlertMonitor} pauses the mailbox named by {@code subject}
 * @param data the figures behind it, in insertion order
 */
public record Alert(
    String rule,
    String subject,
    String message,
    Instant raisedAt,
    boolean pausesMailbox,
    Map<String, String> data) {
  /** Checks the parts and freezes the data. */
  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(raisedAt, "raisedAt");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** The alert as a JSON object (what {@link WebhookAlertSink} posts). */
  public String toJson() {
    StringBuilder b = new StringBuilder(256).append('{');
    field(b, "rule", rule).append(',');
    field(b, "subject", subject).append(',');
    field(b, "message", message).append(',');
    field(b, "raisedAt", raisedAt.toString()).append(',');
    b.append("\"pausesMailbox\":").append(pausesMailbox).append(",\"data\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : data.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      field(b, e.getKey(), e.getValue());
    }
    return b.append("}}").toString();
  }

  private static StringBuilder field(StringBuilder b, String name, String value) {
    quote(b, name).append(':');
    return quote(b, value);
  }

  private static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }
}
