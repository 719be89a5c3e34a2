package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.InboundReply;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.jspecify.annotations.Nullable;

/**
 * Turns a MIME message (RFC 5322/2045) into an {@link InboundReply}: addresses, threading headers, every
 * header, and the plain text (the text part, or the HTML part reduced to text). A delivery status
 * notification ({@code multipart/report; report-type=delivery-status}, RFC 3464) is parsed with Angus
 * Mail's DSN parser and its first recipient's {@code Action}, {@code Status}, {@code Final-Recipient},
 * {@code Diagnostic-Code} and the returned message's Message-ID are put into the {@code X-4Runr-DSN-*}
 * headers named in {@link InboundReply} (and appended to the text); a spam complaint ({@code
 * message/feedback-report}, RFC 5965) gets its {@code Feedback-Type} as a header and the reported
 * message's Message-ID and recipient the same way. Headers the incoming mail itself carries under that
 * prefix are dropped, so nobody can forge a bounce. Thread-safe; no state.
 */
public final class MimeReplies {
  /** Text longer than this is cut, so one huge mail cannot fill the memory. */
  public static final int MAX_TEXT_CHARS = 200_000;

  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>;:\"]+@[^\\s<>;\"]+");
  private static final Pattern TAG = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>|<br\\s*/?>|</p>|<[^>]+>");

  private MimeReplies() {}

  /**
   * Parses a raw RFC 822 message.
   *
   * @param raw the message as it came over the wire
   * @param receivedAt when it arrived
   * @param source where it came from, for example {@code webhook}
   * @throws IllegalArgumentException when the bytes are not a MIME message at all
   */
  public static InboundReply parse(byte[] raw, Instant receivedAt, String source) {
    try (InputStream in = new ByteArrayInputStream(raw)) {
      return fromMessage(new MimeMessage(SESSION, in), receivedAt, source);
    } catch (MessagingException | IOException e) {
      throw new IllegalArgumentException("not a readable MIME message: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a message fetched from a store (IMAP) or parsed from bytes.
   *
   * @throws MessagingException when the server fails while the message is read
   */
  public static InboundReply fromMessage(Message message, Instant receivedAt, String source)
      throws MessagingException {
    InboundReply.Builder b = InboundReply.builder(from(message), receivedAt).source(source);
    Enumeration<Header> headers = message.getAllHeaders();
    while (headers.hasMoreElements()) {
      Header h = headers.nextElement();
      if (h.getName().regionMatches(true, 0, InboundReply.DSN_HEADER_PREFIX, 0,
          InboundReply.DSN_HEADER_PREFIX.length())) {
        continue;
      }
      b.header(h.getName(), decode(h.getValue()));
    }
    String messageId = first(message.getHeader("Message-ID"));
    b.messageId(messageId == null ? null : firstId(messageId));
    String inReplyTo = first(message.getHeader("In-Reply-To"));
    b.inReplyTo(inReplyTo == null ? null : firstId(inReplyTo));
    String references = first(message.getHeader("References"));
    b.references(references == null ? List.of() : ids(references));
    List<String> to = new ArrayList<>();
    for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
      try {
        Address[] addresses = message.getRecipients(type);
        if (addresses != null) {
          for (Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null) {
              to.add(ia.getAddress());
            }
          }
        }
      } catch (MessagingException e) {
        // a malformed recipient header does not make the mail unreadable
      }
    }
    b.to(to.toArray(String[]::new));
    String subject;
    try {
      subject = message.getSubject();
    } catch (MessagingException e) {
      subject = first(message.getHeader("Subject"));
    }
    b.subject(subject == null ? "" : subject);
    Body body = new Body();
    try {
      body.read(message, 0);
    } catch (IOException | MessagingException | RuntimeException e) {
      body.text.append("\n[part not readable: ").append(e.getClass().getSimpleName()).append("]\n");
    }
    String text = body.text.length() > 0 ? body.text.toString() : htmlToText(body.html.toString());
    if (body.report.length() > 0) {
      text = text + "\n\n" + body.report;
    }
    if (text.length() > MAX_TEXT_CHARS) {
      text = text.substring(0, MAX_TEXT_CHARS);
    }
    b.text(text);
    body.extra.forEach(b::header);
    return b.build();
  }

  /** What the walk over the parts collected. */
  private static final class Body {
    final StringBuilder text = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final StringBuilder report = new StringBuilder();
    final Map<String, String> extra = new LinkedHashMap<>();
    boolean reportSeen;

    void read(Part part, int depth) throws MessagingException, IOException {
      if (depth > 10) {
        return;
      }
      String type = part.getContentType() == null ? "text/plain" : part.getContentType().toLowerCase(Locale.ROOT);
      if (type.startsWith("message/delivery-status") || type.startsWith("message/global-delivery-status")) {
        deliveryStatus(part);
      } else if (type.startsWith("message/feedback-report")) {
        feedbackReport(part);
      } else if (type.startsWith("text/rfc822-headers") || type.startsWith("text/rfc822-header")) {
        original(new InternetHeaders(part.getInputStream()));
      } else if (type.startsWith("message/rfc822") || type.startsWith("message/global")) {
        // The returned or reported original: only its identity matters, not its text.
        InternetHeaders h = new InternetHeaders(part.getInputStream());
        original(h);
      } else if (type.startsWith("multipart/")) {
        Object content = part.getContent();
        if (content instanceof Multipart mp) {
          for (int i = 0; i < mp.getCount(); i++) {
            BodyPart child = mp.getBodyPart(i);
            if (!Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())
                || child.getContentType().toLowerCase(Locale.ROOT).startsWith("message/")
                || child.getContentType().toLowerCase(Locale.ROOT).startsWith("text/rfc822")) {
              read(child, depth + 1);
            }
          }
        }
      } else if (type.startsWith("text/plain") && text.length() == 0) {
        text.append(string(part));
      } else if (type.startsWith("text/html") && html.length() == 0) {
        html.append(string(part));
      }
    }

    private void deliveryStatus(Part part) throws MessagingException, IOException {
      DeliveryStatus dsn;
      try (InputStream in = part.getInputStream()) {
        dsn = new DeliveryStatus(in);
      }
      report.append("--- delivery status ---\n");
      InternetHeaders perMessage = dsn.getMessageDSN();
      appendAll(perMessage);
      for (int i = 0; i < dsn.getRecipientDSNCount(); i++) {
        InternetHeaders r = dsn.getRecipientDSN(i);
        report.append('\n');
        appendAll(r);
        if (!reportSeen) {
          reportSeen = true;
          put(InboundReply.DSN_ACTION, r.getHeader("Action", null));
          put(InboundReply.DSN_STATUS, statusCode(r.getHeader("Status", null)));
          put(InboundReply.DSN_FINAL_RECIPIENT, address(r.getHeader("Final-Recipient", null),
              r.getHeader("Original-Recipient", null)));
          put(InboundReply.DSN_DIAGNOSTIC, r.getHeader("Diagnostic-Code", null));
        }
      }
    }

    private void feedbackReport(Part part) throws MessagingException, IOException {
      InternetHeaders h;
      try (InputStream in = part.getInputStream()) {
        h = new InternetHeaders(in);
      }
      report.append("--- feedback report ---\n");
      appendAll(h);
      put("Feedback-Type", h.getHeader("Feedback-Type", null));
      put(InboundReply.DSN_FINAL_RECIPIENT, address(h.getHeader("Original-Rcpt-To", null), null));
    }

    private void original(InternetHeaders h) {
      String id = h.getHeader("Message-ID", null);
      if (id != null) {
        put(InboundReply.DSN_ORIGINAL_MESSAGE_ID, firstId(id));
        report.append("Original-Message-ID: ").append(firstId(id)).append('\n');
      }
      if (!extra.containsKey(InboundReply.DSN_FINAL_RECIPIENT)) {
        put(InboundReply.DSN_FINAL_RECIPIENT, address(h.getHeader("To", null), null));
      }
    }

    private void appendAll(InternetHeaders h) {
      Enumeration<Header> all = h.getAllHeaders();
      while (all.hasMoreElements()) {
        Header header = all.nextElement();
        report.append(header.getName()).append(": ").append(header.getValue().strip()).append('\n');
      }
    }

    private void put(String name, @Nullable String value) {
      if (value != null && !value.isBlank() && !extra.containsKey(name)) {
        extra.put(name, value.strip().replaceAll("\\s+", " "));
      }
    }
  }

  private static @Nullable String statusCode(@Nullable String status) {
    if (status == null) {
      return null;
    }
    Matcher m = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}").matcher(status);
    return m.find() ? m.group() : status.strip();
  }

  private static @Nullable String address(@Nullable String field, @Nullable String fallback) {
    for (String f : new String[] {field, fallback}) {
      if (f != null) {
        Matcher m = ADDRESS.matcher(f);
        if (m.find()) {
          return m.group().toLowerCase(Locale.ROOT);
        }
      }
    }
    return null;
  }

  private static String string(Part part) throws IOException, MessagingException {
    try {
      Object content = part.getContent();
      if (content instanceof String s) {
        return s;
      }
    } catch (IOException e) {
      // an unknown charset: read the bytes as UTF-8 below
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readNBytes(MAX_TEXT_CHARS * 4), StandardCharsets.UTF_8);
    }
  }

  private static String from(Message message) {
    try {
      Address[] from = message.getFrom();
      if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia && ia.getAddress() != null) {
        return ia.getAddress();
      }
    } catch (MessagingException e) {
      // fall back to the raw header
    }
    try {
      String raw = first(message.getHeader("From"));
      String a = address(raw, null);
      return a == null ? "" : a;
    } catch (MessagingException e) {
      return "";
    }
  }

  /** The HTML reduced to its text: tags out, breaks kept, entities for the common characters. */
  static String htmlToText(String html) {
    String t = TAG.matcher(html).replaceAll(m -> {
      String g = m.group().toLowerCase(Locale.ROOT);
      return g.startsWith("<br") || g.equals("</p>") ? "\n" : g.startsWith("<blockquote") ? "\n> " : "";
    });
    return t.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replaceAll("[ \\t]+\\n", "\n").strip();
  }

  private static String decode(String value) {
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(value));
    } catch (java.io.UnsupportedEncodingException e) {
      return value;
    }
  }

  private static @Nullable String first(String @Nullable [] values) {
    return values == null || values.length == 0 ? null : values[0];
  }

  private static String firstId(String value) {
    Matcher m = MESSAGE_ID.matcher(value);
    return m.find() ? m.group() : value.strip();
  }

  private static List<String> ids(String value) {
    List<String> ids = new ArrayList<>();
    Matcher m = MESSAGE_ID.matcher(value);
    while (m.find() && ids.size() < 100) {
      ids.add(m.group());
    }
    return ids;
  }
}
