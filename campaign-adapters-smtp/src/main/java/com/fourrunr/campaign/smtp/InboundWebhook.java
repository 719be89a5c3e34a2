package com.fourrunr.campaign.smtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes inbound mail that a provider posts to a webhook, with no web framework: the host's HTTP
 * endpoint passes the body and its content type to {@link #handle(byte[], String)} and writes back
 * the {@link Response}. Two forms are accepted:
 *
 * <ul>
 *   <li>a raw RFC 822 message ({@code message/rfc822}, {@code text/plain} or {@code
 *       application/octet-stream}), parsed like IMAP mail, delivery reports included;
 *   <li>JSON ({@code application/json}): {@code {"from", "to", "subject", "text", "html",
 *       "headers", "message-id", "in-reply-to", "references"}}; {@code to} and {@code references}
 *       may be a string or a list, {@code headers} an object of strings or lists of strings, and
 *       {@code messageId}/{@code inReplyTo} are accepted too. {@code from} is required.
 * </ul>
 *
 * Each mail goes to {@link CampaignEngine#receive(InboundReply)}, which stores it before acting.
 * Answers: 200 with {@code {"replyId", "duplicate", "category", "action"}}; 400 naming the bad
 * field; 413 for a body over the limit or a mail over a limit of {@link MimeReplies} (nesting,
 * parts, headers: the message names it); 415 for another content type; 500 when the engine failed
 * (the provider should post again: a repeated mail is recognised by its Message-ID and not acted on
 * twice). Thread-safe.
 *
 * <pre>{@code
 * InboundWebhook webhook = InboundWebhook.create(engine, Clock.systemUTC());
 * // in the endpoint:
 * InboundWebhook.Response r = webhook.handle(requestBody, request.getContentType());
 * response.setStatus(r.status()); response.setContentType(r.contentType()); write(r.body());
 * }</pre>
 */
public final class InboundWebhook {
  /** Default largest body accepted: 25 MB. */
  public static final int DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(InboundWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<InboundReply, ReplyOutcome> receiver;
  private final Clock clock;
  private final int maxBytes;

  /**
   * What to answer the provider.
   *
   * @param status the HTTP status
   * @param contentType the body's content type
   * @param body the body
   */
  public record Response(int status, String contentType, String body) {}

  private InboundWebhook(Function<InboundReply, ReplyOutcome> receiver, Clock clock, int maxBytes) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxBytes < 1) {
      throw InvalidInputException.of("InboundWebhook", "maxBytes", maxBytes + " is less than 1");
    }
    this.maxBytes = maxBytes;
  }

  /** A webhook that hands each mail to {@code engine.receive}. */
  public static InboundWebhook create(CampaignEngine engine, Clock clock) {
    return new InboundWebhook(engine::receive, clock, DEFAULT_MAX_BYTES);
  }

  /** A webhook that hands each mail to {@code receiver}, refusing bodies over {@code maxBytes}. */
  public static InboundWebhook create(
      Function<InboundReply, ReplyOutcome> receiver, Clock clock, int maxBytes) {
    return new InboundWebhook(receiver, clock, maxBytes);
  }

  /** Handles one post. Never throws: every failure is an answer. */
  public Response handle(byte @Nullable [] body, @Nullable String contentType) {
    if (body == null || body.length == 0) {
      return error(400, "body", "is empty");
    }
    if (body.length > maxBytes) {
      return error(413, "body", body.length + " bytes is over the limit of " + maxBytes);
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    InboundReply reply;
    try {
      if (type.startsWith("application/json") || type.endsWith("+json")) {
        reply = fromJson(body);
      } else if (type.startsWith("message/rfc822")
          || type.startsWith("text/plain")
          || type.startsWith("application/octet-stream")) {
        reply = MimeReplies.parse(body, clock.instant(), "webhook");
      } else {
        return error(
            415, "content-type", "'" + contentType + "' is not application/json or message/rfc822");
      }
    } catch (InvalidInputException e) {
      return error(400, e.errors().get(0).field(), e.errors().get(0).problem());
    } catch (MailLimitException e) {
      return error(413, "body", e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(400, "body", e.getMessage());
    }
    try {
      ReplyOutcome outcome = receiver.apply(reply);
      ObjectNode answer = JSON.createObjectNode();
      answer.put("replyId", outcome.replyId());
      answer.put("duplicate", outcome.duplicate());
      answer.put("category", outcome.category() == null ? null : outcome.category().name());
      answer.put("action", outcome.action());
      return new Response(200, "application/json", answer.toString());
    } catch (RuntimeException e) {
      log.error("webhook mail from {} could not be handled", reply.from(), e);
      return error(500, "engine", "the mail could not be handled; post it again");
    }
  }

  private InboundReply fromJson(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw InvalidInputException.of("webhook", "body", "must be a JSON object");
    }
    String from = text(root, "from");
    if (from == null || from.isBlank()) {
      throw InvalidInputException.of("webhook", "from", "is required");
    }
    String address =
        from.contains("<") && from.contains(">")
            ? from.substring(from.indexOf('<') + 1, from.indexOf('>', from.indexOf('<')))
            : from;
    if (!address.contains("@")) {
      throw InvalidInputException.of("webhook", "from", "'" + from + "' is not an email address");
    }
    InboundReply.Builder b =
        InboundReply.builder(address.strip(), clock.instant()).source("webhook");
    b.to(list(root.get("to")).toArray(String[]::new));
    String subject = text(root, "subject");
    b.subject(subject == null ? "" : subject);
    String text = text(root, "text");
    String html = text(root, "html");
    String own =
        text != null && !text.isBlank() ? text : html == null ? "" : MimeReplies.htmlToText(html);
    b.text(
        own.length() > MimeReplies.MAX_TEXT_CHARS
            ? own.substring(0, MimeReplies.MAX_TEXT_CHARS)
            : own);
    String messageId = firstNonNull(text(root, "message-id"), text(root, "messageId"));
    b.messageId(messageId == null || messageId.isBlank() ? null : messageId.strip());
    String inReplyTo = firstNonNull(text(root, "in-reply-to"), text(root, "inReplyTo"));
    b.inReplyTo(inReplyTo == null || inReplyTo.isBlank() ? null : inReplyTo.strip());
    JsonNode refs = root.has("references") ? root.get("references") : null;
    List<String> references = new ArrayList<>();
    for (String r : list(refs)) {
      for (String id : r.trim().split("\\s+")) {
        if (!id.isBlank()) {
          references.add(id);
        }
      }
    }
    b.references(references);
    JsonNode headers = root.get("headers");
    if (headers != null && headers.isObject()) {
      int count = 0;
      for (Map.Entry<String, JsonNode> h : headers.properties()) {
        List<String> values = list(h.getValue());
        count += Math.max(1, values.size());
        if (count > MimeReplies.MAX_HEADERS) {
          throw new MailLimitException(
              "MAX_HEADERS",
              "headers has more than the limit of "
                  + MimeReplies.MAX_HEADERS
                  + " headers (MAX_HEADERS)");
        }
        if (h.getKey()
            .regionMatches(
                true,
                0,
                InboundReply.DSN_HEADER_PREFIX,
                0,
                InboundReply.DSN_HEADER_PREFIX.length())) {
          continue;
        }
        for (String v : values) {
          b.header(h.getKey(), v);
        }
      }
    } else if (headers != null && !headers.isNull()) {
      throw InvalidInputException.of(
          "webhook", "headers", "must be an object of header names to values");
    }
    return b.build();
  }

  private static @Nullable String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw InvalidInputException.of("webhook", field, "must be a string");
    }
    return n.asText();
  }

  private static List<String> list(@Nullable JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    } else {
      for (String part : n.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
    return a != null ? a : b;
  }

  private static Response error(int status, String field, @Nullable String message) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("error", field + ": " + (message == null ? "invalid" : message));
    answer.put("field", field);
    return new Response(status, "application/json", answer.toString());
  }

  private static String firstLine(@Nullable String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
