package com.fourrunr.campaign;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mail that came in: a person's answer, an auto-reply, a bounce or anything else. {@link
 * ReplySource}s produce these from IMAP, webhooks or scripts; the engine stores each before acting
 * on it.
 *
 * @param messageId the mail's own Message-ID with angle brackets, or null when it had none
 * @param from the sender's address, lower-cased; may be empty for a null return path
 * @param to the recipients' addresses
 * @param subject the subject
 * @param text the plain-text body (the text part, or the HTML part reduced to text)
 * @param inReplyTo the {@code In-Reply-To} Message-ID, or null
 * @param references the {@code References} Message-IDs, oldest first
 * @param headers every header by lower-cased name, each with its values in order
 * @param receivedAt when the mail arrived
 * @param source where it came from, for example {@code imap:INBOX} or {@code webhook}
 */
public record InboundReply(
    @Nullable String messageId,
    String from,
    List<String> to,
    String subject,
    String text,
    @Nullable String inReplyTo,
    List<String> references,
    Map<String, List<String>> headers,
    Instant receivedAt,
    String source) {

  /**
   * Reply sources that parse a delivery status notification (RFC 3464) put its first recipient's
   * fields into headers with these names, so classifiers and matching need no mail library; a
   * source drops any header of the incoming mail that starts with {@link #DSN_HEADER_PREFIX} first,
   * so a sender cannot forge them.
   */
  public static final String DSN_HEADER_PREFIX = "X-4Runr-DSN-";

  /** The DSN {@code Action} (failed, delayed, delivered, relayed, expanded). */
  public static final String DSN_ACTION = DSN_HEADER_PREFIX + "Action";

  /** The DSN {@code Status}, for example {@code 5.1.1}. */
  public static final String DSN_STATUS = DSN_HEADER_PREFIX + "Status";

  /** The DSN {@code Final-Recipient} address, without its {@code rfc822;} type. */
  public static final String DSN_FINAL_RECIPIENT = DSN_HEADER_PREFIX + "Final-Recipient";

  /** The DSN {@code Diagnostic-Code}. */
  public static final String DSN_DIAGNOSTIC = DSN_HEADER_PREFIX + "Diagnostic-Code";

  /** The Message-ID of the returned original message, when the report includes its headers. */
  public static final String DSN_ORIGINAL_MESSAGE_ID = DSN_HEADER_PREFIX + "Original-Message-ID";

  /** Normalises addresses and header names. */
  public InboundReply {
    from = from == null ? "" : from.strip().toLowerCase(Locale.ROOT);
    to = to == null ? List.of() : to.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
    subject = subject == null ? "" : subject;
    text = text == null ? "" : text;
    references = references == null ? List.of() : List.copyOf(references);
    Map<String, List<String>> h = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, values) ->
              h.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                  .addAll(values));
    }
    h.replaceAll((k, v) -> List.copyOf(v));
    headers = Collections.unmodifiableMap(h);
    Objects.requireNonNull(receivedAt, "receivedAt");
    source = source == null ? "" : source;
  }

  /** The first value of a header (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Starts a reply from the sender, received at the given time. */
  public static Builder builder(String from, Instant receivedAt) {
    return new Builder(from, receivedAt);
  }

  /** Builds an {@link InboundReply}; not thread-safe. */
  public static final class Builder {
    private final String from;
    private final Instant receivedAt;
    private @Nullable String messageId;
    private List<String> to = List.of();
    private String subject = "";
    private String text = "";
    private @Nullable String inReplyTo;
    private List<String> references = List.of();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String source = "";

    private Builder(String from, Instant receivedAt) {
      this.from = Objects.requireNonNull(from, "from");
      this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The mail's own Message-ID. */
    public Builder messageId(@Nullable String messageId) {
      this.messageId = messageId;
      return this;
    }

    /** The recipients. */
    public Builder to(String... to) {
      this.to = List.of(to);
      return this;
    }

    /** The subject. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The plain-text body. */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /** The Message-ID answered. */
    public Builder inReplyTo(@Nullable String inReplyTo) {
      this.inReplyTo = inReplyTo;
      return this;
    }

    /** The thread's Message-IDs. */
    public Builder references(List<String> references) {
      this.references = List.copyOf(references);
      return this;
    }

    /** Adds a header value. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
      return this;
    }

    /** Where the mail came from. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /** The reply. */
    public InboundReply build() {
      return new InboundReply(
          messageId, from, to, subject, text, inReplyTo, references, headers, receivedAt, source);
    }
  }
}
