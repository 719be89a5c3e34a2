package com.fourrunr.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One email for a {@link Sender} to deliver, complete with its identity and threading headers.
 *
 * @param from the sending mailbox
 * @param to the recipient's address
 * @param subject the subject line
 * @param textBody the plain-text body
 * @param htmlBody an HTML alternative, or null
 * @param messageId the Message-ID to send under, with angle brackets; the sender must use it as
 *     given
 * @param inReplyTo the Message-ID this one follows up, or null for a first message
 * @param references the thread's Message-IDs, oldest first (RFC 5322 3.6.4)
 * @param headers further headers to set, by name
 * @param threadSubject the subject of the thread's first message, for a follow-up; null for a first
 *     message. A sender may send follow-ups as {@code Re: <threadSubject>} so mail clients keep the
 *     thread.
 * @param listId what the recipient is subscribed to (the campaign id), for the unsubscribe link; or
 *     null
 */
public record OutgoingEmail(
    Mailbox from,
    String to,
    String subject,
    String textBody,
    @Nullable String htmlBody,
    String messageId,
    @Nullable String inReplyTo,
    List<String> references,
    Map<String, String> headers,
    @Nullable String threadSubject,
    @Nullable String listId) {
  /** Checks the required fields. */
  public OutgoingEmail {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(textBody, "textBody");
    Objects.requireNonNull(messageId, "messageId");
    references = references == null ? List.of() : List.copyOf(references);
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** An email without a thread subject or list id (as before those were added). */
  public OutgoingEmail(
      Mailbox from,
      String to,
      String subject,
      String textBody,
      @Nullable String htmlBody,
      String messageId,
      @Nullable String inReplyTo,
      List<String> references,
      Map<String, String> headers) {
    this(
        from,
        to,
        subject,
        textBody,
        htmlBody,
        messageId,
        inReplyTo,
        references,
        headers,
        null,
        null);
  }
}
