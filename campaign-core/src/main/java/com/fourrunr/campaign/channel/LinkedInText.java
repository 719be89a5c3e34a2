package com.fourrunr.campaign.channel;

import java.util.regex.Pattern;

/**
 * Fits text to LinkedIn: the hard cut that always keeps a text within its limit, whatever the
 * generator wrote. A connection note becomes one paragraph without links (URLs, bare domains and
 * addresses are removed: a note carries none); a follow-up keeps its paragraphs. Too long a text is
 * cut at the last sentence end that keeps at least half of it, else at the last space, else hard; a
 * surrogate pair is never split (unpaired surrogates are dropped). Length is counted in UTF-16
 * units, which is never less than the characters LinkedIn counts. Stateless and thread-safe.
 */
public final class LinkedInText {
  private static final Pattern LINK =
      Pattern.compile(
          "(?i)(?:https?://|www\\.)\\S*|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,24}(?:/\\S*)?\\b");

  private static final Pattern ANY_SPACE = Pattern.compile("(?U)\\s+");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([,.;:!?])");
  private static final Pattern INLINE_SPACE =
      Pattern.compile("(?U)[\\t\\x0B\\f\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000 ]+");
  private static final Pattern LINE_BREAK = Pattern.compile(" ?\\R ?");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private LinkedInText() {}

  /**
   * {@code text} made fit for a task of {@code kind} within {@code limit} characters (at least 1).
   */
  public static String fit(String text, TaskKind kind, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " is less than 1");
    }
    String t = wholeCharacters(text == null ? "" : text);
    if (kind == TaskKind.CONNECTION_NOTE) {
      // Taking a link out, closing up the spaces or cutting can make a new one ("a@b .c" becomes
      // "a@b.c",
      // "acme.com2" cut short becomes "acme.com"): clean again until none is left. Each round with
      // a link
      // removes at least one character, so this ends.
      t = cut(withoutLinks(t), limit);
      while (hasLink(t)) {
        t = cut(withoutLinks(t), limit);
      }
      return t;
    }
    t = INLINE_SPACE.matcher(t).replaceAll(" ");
    t = BLANK_LINES.matcher(LINE_BREAK.matcher(t).replaceAll("\n")).replaceAll("\n\n");
    return cut(t.strip(), limit);
  }

  private static String withoutLinks(String text) {
    String t = LINK.matcher(text).replaceAll("");
    t = SPACE_BEFORE_PUNCTUATION.matcher(ANY_SPACE.matcher(t).replaceAll(" ")).replaceAll("$1");
    return t.strip();
  }

  /** Whether a text carries a link (a URL, a bare domain or an address). */
  public static boolean hasLink(String text) {
    return LINK.matcher(text).find();
  }

  /** The text without unpaired surrogates (broken characters that no platform displays). */
  private static String wholeCharacters(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        b.append(c).append(text.charAt(++i));
      } else if (!Character.isSurrogate(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String cut(String t, int limit) {
    if (t.length() <= limit) {
      return t;
    }
    int end = limit;
    if (Character.isLowSurrogate(t.charAt(end))
        && end > 0
        && Character.isHighSurrogate(t.charAt(end - 1))) {
      end--;
    }
    String head = t.substring(0, end);
    int sentence =
        Math.max(head.lastIndexOf(". "), Math.max(head.lastIndexOf("? "), head.lastIndexOf("! ")));
    if (head.endsWith(".") || head.endsWith("?") || head.endsWith("!")) {
      sentence = head.length() - 1;
    }
    if (sentence >= limit / 2) {
      return head.substring(0, sentence + 1).strip();
    }
    int space = head.lastIndexOf(' ');
    if (space >= limit / 2) {
      return head.substring(0, space).strip();
    }
    return head.strip();
  }
}
