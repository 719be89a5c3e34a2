package com.fourrunr.campaign.service.boot;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * An incoming mail's text as the console shows it: HTML reduced to its text with jsoup (scripts,
 * styles and every tag dropped, so nothing executes or loads), cut to a readable length. The result
 * is plain text for the template to escape.
 */
final class MailText {
  static final int MAX_CHARS = 20_000;
  private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z!][^>]*>");

  private MailText() {}

  /** The text of a mail body, HTML or not. */
  static String of(String body) {
    String text = body == null ? "" : body;
    if (TAG.matcher(text).find()) {
      Document doc = Jsoup.parse(text);
      doc.select("script, style, head, template, noscript, iframe, object, embed").remove();
      text = doc.body().wholeText();
    }
    text = text.strip();
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\n[cut]" : text;
  }
}
