package com.fourrunr.campaign.esp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.ReplyOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link EspWebhook} answers.
 *
 * @param status the HTTP status: 200 when handled (acted on, already received, or nothing to do),
 *     400 for a malformed body, 401 for a missing signature or credentials, 403 for a wrong, stale
 *     or replayed one, 502 when a needed peer (the SNS certificate host) could not be reached
 * @param message a short description of what was done or why it was refused (never a secret)
 * @param outcomes the engine's outcome for each report acted on or found already received
 */
public record EspWebhookResponse(int status, String message, List<ReplyOutcome> outcomes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Freezes the outcomes. */
  public EspWebhookResponse {
    Objects.requireNonNull(message, "message");
    outcomes = List.copyOf(outcomes);
  }

  static EspWebhookResponse refused(int status, String why) {
    return new EspWebhookResponse(status, why, List.of());
  }

  static EspWebhookResponse handled(String message, List<ReplyOutcome> outcomes) {
    return new EspWebhookResponse(200, message, outcomes);
  }

  /** Whether the delivery was accepted (status 200). */
  public boolean accepted() {
    return status == 200;
  }

  /** The answer as a JSON body: {@code {"status", "message", "outcomes": [...]}}. */
  public String json() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put(status == 200 ? "message" : "error", message);
    List<Map<String, Object>> list = new ArrayList<>();
    for (ReplyOutcome o : outcomes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("replyId", o.replyId());
      m.put("duplicate", o.duplicate());
      m.put("campaignId", o.campaignId());
      m.put("category", o.category() == null ? null : o.category().name());
      m.put("action", o.action());
      list.add(m);
    }
    body.put("outcomes", list);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response could not be written as JSON", e);
    }
  }
}
