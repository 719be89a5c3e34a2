package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.OutgoingEmail;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks that make header injection impossible: no header value the sender writes may hold CR,
 * LF or another control character, header names must be RFC 5322 field names and may not replace
 * the headers the sender sets itself, Message-IDs must look like {@code <left@right>}, and
 * addresses must be plain ASCII after converting an internationalised domain to punycode.
 */
final class SafeHeaders {
  private static final Pattern MESSAGE_ID = Pattern.compile("^<[^<>\\s@]+@[^<>\\s@]+>$");
  private static final Pattern LOCAL_PART =
      Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$");

  /**
   * Headers the sender writes itself; a caller's header of the same name would replace or double
   * them.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "from",
          "to",
          "cc",
          "bcc",
          "subject",
          "date",
          "message-id",
          "in-reply-to",
          "references",
          "list-unsubscribe",
          "list-unsubscribe-post",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "sender",
          "return-path");

  private SafeHeaders() {}

  /** Checks every value that becomes (part of) a header. */
  static void check(OutgoingEmail email, String subject) throws UnsafeMessageException {
    if (email.threadSubject() != null) {
      text("threadSubject", email.threadSubject());
    }
    text("subject", subject);
    text("from.displayName", email.from().displayName());
    if (email.listId() != null) {
      text("listId", email.listId());
    }
    messageId("messageId", email.messageId());
    if (email.inReplyTo() != null) {
      messageId("inReplyTo", email.inReplyTo());
    }
    for (int i = 0; i < email.references().size(); i++) {
      messageId("references[" + i + "]", email.references().get(i));
    }
    for (Map.Entry<String, String> h : email.headers().entrySet()) {
      String name = h.getKey();
      if (name == null
          || name.isEmpty()
          || !name.chars().allMatch(c -> c >= 33 && c <= 126 && c != ':')) {
        throw new UnsafeMessageException(
            "headers",
            "has a name that is not an RFC 5322 field name: '"
                + printable(String.valueOf(name))
                + "'");
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new UnsafeMessageException(
            "headers", "may not set " + name + ", which the sender sets itself");
      }
      text("headers[" + name + "]", h.getValue());
    }
  }

  /**
   * The address as it goes on the wire: an internationalised domain converted to ASCII (punycode),
   * the local part plain ASCII.
   */
  static String address(String field, String address) throws UnsafeMessageException {
    String a = address == null ? "" : address.strip();
    text(field, a);
    int at = a.lastIndexOf('@');
    if (at <= 0 || at == a.length() - 1 || a.indexOf('@') != at) {
      throw new UnsafeMessageException(field, "'" + a + "' is not an email address");
    }
    String local = a.substring(0, at);
    String domain = a.substring(at + 1);
    if (!LOCAL_PART.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      throw new UnsafeMessageException(
          field,
          "'"
              + a
              + "' has a local part that is not plain ASCII"
              + " (internationalised local parts need SMTPUTF8, which is not supported)");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new UnsafeMessageException(
          field,
          "'"
              + a
              + "' has a domain that is not a valid"
              + " (internationalised) domain name: "
              + e.getMessage());
    }
    if (!ascii.contains(".") || ascii.startsWith(".") || ascii.endsWith(".")) {
      throw new UnsafeMessageException(field, "'" + a + "' has no valid domain");
    }
    return local + "@" + ascii;
  }

  private static void text(String field, @Nullable String value) throws UnsafeMessageException {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        throw new UnsafeMessageException(
            field,
            "contains a control character (U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + "); CR/LF in a header would allow header injection");
      }
    }
  }

  private static void messageId(String field, String value) throws UnsafeMessageException {
    text(field, value);
    if (!MESSAGE_ID.matcher(value).matches()) {
      throw new UnsafeMessageException(
          field, "'" + value + "' is not a Message-ID of the form <left@right>");
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(
          c < 0x20 || c == 0x7f
              ? String.format(Locale.ROOT, "\\u%04X", (int) c)
              : String.valueOf(c));
    }
    return b.toString();
  }
}
