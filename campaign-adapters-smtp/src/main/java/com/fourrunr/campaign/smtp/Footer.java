package com.fourrunr.campaign.smtp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The footer of every message: the sender's postal address (CAN-SPAM) and a visible unsubscribe
 * link.
 */
final class Footer {
  private Footer() {}

  /**
   * The plain-text footer, starting with the signature separator; empty when there is nothing to
   * show.
   */
  static String text(@Nullable String postalAddress, SmtpSender.@Nullable Unsubscribe unsubscribe) {
    String link = link(unsubscribe);
    if (postalAddress == null && link == null) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n\n-- \n");
    if (postalAddress != null) {
      b.append(postalAddress).append('\n');
    }
    if (link != null) {
      b.append("Unsubscribe: ").append(link).append('\n');
    }
    return b.toString();
  }

  /** The HTML body with the footer put before {@code </body>}, or at the end. */
  static String html(
      String html, @Nullable String postalAddress, SmtpSender.@Nullable Unsubscribe unsubscribe) {
    String link = link(unsubscribe);
    if (postalAddress == null && link == null) {
      return html;
    }
    StringBuilder b =
        new StringBuilder("<div style=\"margin-top:24px;font-size:12px;color:#666\">");
    if (postalAddress != null) {
      b.append("<p>").append(escape(postalAddress).replace("\n", "<br>")).append("</p>");
    }
    if (link != null) {
      b.append("<p><a href=\"").append(escape(link)).append("\">Unsubscribe</a></p>");
    }
    b.append("</div>");
    int end = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
    return end < 0 ? html + b : html.substring(0, end) + b + html.substring(end);
  }

  private static @Nullable String link(SmtpSender.@Nullable Unsubscribe unsubscribe) {
    if (unsubscribe == null) {
      return null;
    }
    return unsubscribe.url() != null ? unsubscribe.url() : unsubscribe.mailto();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
