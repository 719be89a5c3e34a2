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
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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
 * Turns a MIME message (RFC 5322/2045) into an {@link InboundReply}: addresses, threading headers,
 * every header, and the plain text (the text part, or the HTML part reduced to text). A delivery
 * status notification ({@code multipart/report; report-type=delivery-status}, RFC 3464) is parsed
 * with Angus Mail's DSN parser and its first recipient's {@code Action}, {@code Status}, {@code
 * Final-Recipient}, {@code Diagnostic-Code} and the returned message's Message-ID are put into the
 * {@code X-4Runr-DSN-*} headers named in {@link InboundReply} (and appended to the text); a spam
 * complaint ({@code message/feedback-report}, RFC 5965) gets its {@code Feedback-Type} as a header
 * and the reported message's Message-ID and recipient the same way. Headers the incoming mail
 * itself carries under that prefix are dropped, so nobody can forge a bounce.
 *
 * <p>Hostile mail is bounded: a mail nested deeper than {@link #MAX_DEPTH}, with more than {@link
 * #MAX_PARTS} parts or more than {@link #MAX_HEADERS} headers in one header block is refused with a
 * {@link MailLimitException} naming the limit; a text or HTML part is read up to {@link
 * #MAX_BODY_BYTES} (the text then ends with a note naming the limit) and the text is cut at {@link
 * #MAX_TEXT_CHARS}. HTML is reduced to text by jsoup's parser, in time linear in its size, reading
 * at most {@link #MAX_HTML_CHARS} of it. Thread-safe; no state.
 */
public final class MimeReplies {
  /** Text longer than this is cut, so one huge mail cannot fill the memory. */
  public static final int MAX_TEXT_CHARS = 200_000;

  /** The deepest nesting of multiparts read; a deeper mail is refused. */
  public static final int MAX_DEPTH = 10;

  /** The most MIME parts in one mail, all levels together; a mail with more is refused. */
  public static final int MAX_PARTS = 100;

  /** The most headers in the mail's header or in one part's header; a mail with more is refused. */
  public static final int MAX_HEADERS = 500;

  /**
   * The most bytes read of one text or HTML part (after its transfer encoding); the rest is not
   * read.
   */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /**
   * The most characters of HTML parsed (its text comes first; HTML beyond this is layout or
   * quoted).
   */
  public static final int MAX_HTML_CHARS = 1024 * 1024;

  /** Header values longer than this are not searched for addresses (only their start is). */
  private static final int MAX_SEARCHED_HEADER_CHARS = 2_000;

  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>;:\"]+@[^\\s<>;\"]+");
  private static final Pattern STATUS_CODE = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  private MimeReplies() {}

  /**
   * Parses a raw RFC 822 message.
   *
   * @param raw the message as it came over the wire
   * @param receivedAt when it arrived
   * @param source where it came from, for example {@code webhook}
   * @throws MailLimitException when the mail goes over a limit ({@link #MAX_DEPTH}, {@link
   *     #MAX_PARTS}, {@link #MAX_HEADERS})
   * @throws IllegalArgumentException when the bytes are not a MIME message at all (empty, no
   *     header, a header naming none of a mail's fields such as plain text, binary content in the
   *     header)
   */
  public static InboundReply parse(byte[] raw, Instant receivedAt, String source) {
    String problem = notAMail(raw);
    if (problem != null) {
      throw new IllegalArgumentException("not a mail: " + problem);
    }
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
   * @throws MailLimitException when the mail goes over a limit ({@link #MAX_DEPTH}, {@link
   *     #MAX_PARTS}, {@link #MAX_HEADERS})
   */
  public static InboundReply fromMessage(Message message, Instant receivedAt, String source)
      throws MessagingException {
    checkHeaderCount(message, "the mail's header");
    InboundReply.Builder b = InboundReply.builder(from(message), receivedAt).source(source);
    Enumeration<Header> headers = message.getAllHeaders();
    while (headers.hasMoreElements()) {
      Header h = headers.nextElement();
      if (h.getName()
          .regionMatches(
              true,
              0,
              InboundReply.DSN_HEADER_PREFIX,
              0,
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
    } catch (MailLimitException e) {
      throw e;
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
    if (body.cut) {
      text =
          text
              + "\n[text cut: a part is over the limit of "
              + MAX_BODY_BYTES
              + " bytes (MAX_BODY_BYTES)]";
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
    boolean cut;
    int parts = 1;

    void read(Part part, int depth) throws MessagingException, IOException {
      if (depth > MAX_DEPTH) {
        throw new MailLimitException(
            "MAX_DEPTH",
            "the mail's parts are nested deeper than the limit of "
                + MAX_DEPTH
                + " levels (MAX_DEPTH)");
      }
      String type =
          part.getContentType() == null
              ? "text/plain"
              : part.getContentType().toLowerCase(Locale.ROOT);
      if (type.startsWith("message/delivery-status")
          || type.startsWith("message/global-delivery-status")) {
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
        countDelimiters(part);
        Object content = part.getContent();
        if (content instanceof Multipart mp) {
          int count = mp.getCount();
          parts += count;
          if (parts > MAX_PARTS) {
            throw new MailLimitException(
                "MAX_PARTS",
                "the mail has more than the limit of " + MAX_PARTS + " MIME parts (MAX_PARTS)");
          }
          for (int i = 0; i < count; i++) {
            BodyPart child = mp.getBodyPart(i);
            checkHeaderCount(child, "part " + (i + 1) + "'s header");
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

    /**
     * Refuses a multipart with too many parts before Angus Mail parses it (which costs about a
     * millisecond a part): its delimiter lines are counted in one pass over the raw bytes. Mail
     * read over IMAP is skipped, as the server gives its structure and its parts are fetched one by
     * one.
     */
    private void countDelimiters(Part part) throws MessagingException, IOException {
      if (!(part instanceof MimeMessage || part instanceof MimeBodyPart)
          || part.getClass().getName().startsWith("org.eclipse.angus.mail.imap.")) {
        return;
      }
      String boundary;
      try {
        boundary = new ContentType(part.getContentType()).getParameter("boundary");
      } catch (jakarta.mail.internet.ParseException e) {
        return;
      }
      if (boundary == null || boundary.isEmpty()) {
        return;
      }
      byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int lines = 0;
      try (InputStream raw =
          new java.io.BufferedInputStream(
              part instanceof MimeMessage m
                  ? m.getRawInputStream()
                  : ((MimeBodyPart) part).getRawInputStream())) {
        int matched = 0;
        boolean lineStart = true;
        for (int c = raw.read(); c >= 0; c = raw.read()) {
          if (lineStart || matched > 0) {
            if (matched < delimiter.length && c == (delimiter[matched] & 0xff)) {
              matched++;
              lineStart = false;
              if (matched == delimiter.length && parts + ++lines - 1 > MAX_PARTS) {
                throw new MailLimitException(
                    "MAX_PARTS",
                    "the mail has more than the limit of " + MAX_PARTS + " MIME parts (MAX_PARTS)");
              }
              continue;
            }
            matched = 0;
          }
          lineStart = c == '\n';
        }
      }
    }

    /**
     * The part's text in its charset (UTF-8 when it names none or an unknown one), read up to the
     * limit.
     */
    private String string(Part part) throws IOException, MessagingException {
      byte[] bytes;
      try (InputStream in = part.getInputStream()) {
        bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (bytes.length > MAX_BODY_BYTES) {
        cut = true;
        bytes = java.util.Arrays.copyOf(bytes, MAX_BODY_BYTES);
      }
      return new String(bytes, charset(part));
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
          put(
              InboundReply.DSN_FINAL_RECIPIENT,
              address(
                  r.getHeader("Final-Recipient", null), r.getHeader("Original-Recipient", null)));
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
    Matcher m = STATUS_CODE.matcher(cap(status));
    return m.find() ? m.group() : status.strip();
  }

  private static @Nullable String address(@Nullable String field, @Nullable String fallback) {
    for (String f : new String[] {field, fallback}) {
      if (f != null) {
        // Capped: on a long run without '@' the search is quadratic in the length it looks at.
        Matcher m = ADDRESS.matcher(cap(f));
        if (m.find()) {
          return m.group().toLowerCase(Locale.ROOT);
        }
      }
    }
    return null;
  }

  private static Charset charset(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null
          ? StandardCharsets.UTF_8
          : Charset.forName(MimeUtility.javaCharset(name.strip()));
    } catch (MessagingException | IllegalArgumentException e) {
      // no content type, a malformed one, or an unknown charset: read the bytes as UTF-8
      return StandardCharsets.UTF_8;
    }
  }

  private static void checkHeaderCount(Part part, String where) throws MessagingException {
    Enumeration<Header> all = part.getAllHeaders();
    int n = 0;
    while (all.hasMoreElements()) {
      all.nextElement();
      if (++n > MAX_HEADERS) {
        throw new MailLimitException(
            "MAX_HEADERS",
            where + " has more than the limit of " + MAX_HEADERS + " headers (MAX_HEADERS)");
      }
    }
  }

  /**
   * Why the bytes are not a mail, or null when they look like one: a mail starts with a header line
   * ({@code Name: value}, after an mbox {@code From } line) and its header holds no binary bytes.
   */
  static @Nullable String notAMail(byte[] raw) {
    int start = 0;
    while (start < raw.length
        && (raw[start] == ' ' || raw[start] == '\t' || raw[start] == '\r' || raw[start] == '\n')) {
      start++;
    }
    if (start == raw.length) {
      return "the message is empty";
    }
    if (startsWith(raw, start, "From ")) {
      while (start < raw.length && raw[start] != '\n') {
        start++;
      }
      start++;
    }
    int colon = -1;
    for (int i = start; i < raw.length && raw[i] != '\n'; i++) {
      int c = raw[i] & 0xff;
      if (c == ':') {
        colon = i;
        break;
      }
      if (c <= ' ' || c >= 127) {
        break;
      }
    }
    if (colon <= start) {
      return "it does not start with a header line (Name: value)";
    }
    // The header ends at the first empty line.
    boolean mailHeader = false;
    for (int i = start; i < raw.length; i++) {
      if (i == start || raw[i - 1] == '\n') {
        mailHeader |= startsWithMailHeader(raw, i);
      }
      int c = raw[i] & 0xff;
      if (c == '\n'
          && ((i + 1 < raw.length && raw[i + 1] == '\n')
              || (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n'))) {
        break;
      }
      // ESC is allowed: raw ISO-2022-JP headers use it.
      if (c < ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0x1b) {
        return "binary content in its header (byte 0x"
            + String.format("%02x", c)
            + " at offset "
            + i
            + ")";
      }
    }
    if (!mailHeader) {
      return "its header names none of the fields of a mail (From, To, Subject, Date, Message-ID,"
          + " Received, Return-Path, MIME-Version, Content-Type)";
    }
    return null;
  }

  private static final List<String> MAIL_HEADERS =
      List.of(
          "from:",
          "to:",
          "cc:",
          "subject:",
          "date:",
          "message-id:",
          "received:",
          "return-path:",
          "mime-version:",
          "content-type:",
          "sender:",
          "reply-to:",
          "delivered-to:",
          "in-reply-to:",
          "references:");

  /** Whether the line at {@code at} starts with one of {@link #MAIL_HEADERS} (any case). */
  private static boolean startsWithMailHeader(byte[] raw, int at) {
    for (String h : MAIL_HEADERS) {
      if (raw.length - at >= h.length()) {
        boolean match = true;
        for (int k = 0; k < h.length() && match; k++) {
          match = Character.toLowerCase((char) (raw[at + k] & 0xff)) == h.charAt(k);
        }
        if (match) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] raw, int at, String prefix) {
    if (raw.length - at < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String cap(String s) {
    return s.length() > MAX_SEARCHED_HEADER_CHARS ? s.substring(0, MAX_SEARCHED_HEADER_CHARS) : s;
  }

  private static String from(Message message) {
    try {
      Address[] from = message.getFrom();
      if (from != null
          && from.length > 0
          && from[0] instanceof InternetAddress ia
          && ia.getAddress() != null) {
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

  /**
   * The HTML reduced to its text by jsoup's parser (linear in the input; at most {@link
   * #MAX_HTML_CHARS} characters of it are read): line breaks for {@code <br>} and block elements,
   * links' text, entities decoded, quoted blocks as {@code > } lines, no scripts or styles.
   */
  static String htmlToText(String html) {
    return HtmlText.of(html, MAX_HTML_CHARS, MAX_TEXT_CHARS);
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
    Matcher m = MESSAGE_ID.matcher(cap(value));
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
