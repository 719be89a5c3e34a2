package com.fourrunr.campaign.quality;

/**
 * Cheap tests that say when a rule's regular expression cannot match a text, so the rule skips the
 * expression: each returns {@code true} whenever the expression could match (it may also return
 * {@code true} when it does not), so a rule's verdict is the same with or without it. Most copy
 * holds no placeholder, no control character, no broken possessive and no lower-cased name: these
 * one-pass scans then stand in for the expressions.
 */
final class RegexPrefilters {
  private RegexPrefilters() {}

  /**
   * Whether the text holds one of the characters one of which every alternative of {@code
   * QualityGates.PLACEHOLDER} needs: an opening brace or bracket, {@code <}, {@code %} or {@code
   * $}.
   */
  static boolean mayHavePlaceholder(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[' || c == '<' || c == '%' || c == '$') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text holds a character outside printable ASCII: every character {@code
   * QualityGates.SUBJECT_BAD} looks for (control characters, line and paragraph separators,
   * invisible marks) is one.
   */
  static boolean mayHaveBadSubjectCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text holds an ASCII digit followed, after any further digits and commas and any
   * white space, by a hyphen, an en dash or a plus sign: the start every alternative of {@code
   * CopyRules.BUCKET} needs ({@code \d[\d,]*\s*[-–]} or {@code \d[\d,]*\+}). Copy that holds
   * numbers ("in 3 weeks") but no range passes without the expression.
   */
  static boolean mayHaveSizeBucket(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!isAsciiDigit(text.charAt(i))) {
        continue;
      }
      int j = i + 1;
      while (j < n && (isAsciiDigit(text.charAt(j)) || text.charAt(j) == ',')) {
        j++;
      }
      while (j < n && isRegexSpace(text.charAt(j))) {
        j++;
      }
      if (j < n && (text.charAt(j) == '-' || text.charAt(j) == '\u2013' || text.charAt(j) == '+')) {
        return true;
      }
      // the digits up to j can start no range: go on after them
      i = j - 1;
    }
    return false;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code \s} of a regular expression without {@code UNICODE_CHARACTER_CLASS}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * Whether the text holds {@code s's} or {@code 's'} (either apostrophe), one of which each
   * alternative of {@code CopyRules.BROKEN_POSSESSIVE} needs.
   */
  static boolean mayHaveBrokenPossessive(String text) {
    int n = text.length();
    for (int i = 0; i + 1 < n; i++) {
      if (isApostrophe(text.charAt(i)) && text.charAt(i + 1) == 's') {
        if ((i > 0 && text.charAt(i - 1) == 's')
            || (i + 2 < n && isApostrophe(text.charAt(i + 2)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the text holds {@code name}, compared ignoring case (a looser comparison than a {@code
   * CASE_INSENSITIVE | UNICODE_CASE} expression makes), starting with a lower-case character: the
   * only kind of match {@code CopyRules.properNames} reports. Always {@code true} for a name with a
   * character outside the Basic Multilingual Plane (no shortcut is taken there).
   */
  static boolean mayHaveLowerCasedName(String text, String name) {
    int len = name.length();
    for (int k = 0; k < len; k++) {
      if (Character.isSurrogate(name.charAt(k))) {
        return true;
      }
    }
    for (int j = 0; j + len <= text.length(); j++) {
      if (!Character.isLowerCase(text.charAt(j))) {
        continue;
      }
      int k = 0;
      while (k < len && sameIgnoringCase(text.charAt(j + k), name.charAt(k))) {
        k++;
      }
      if (k == len) {
        return true;
      }
    }
    return false;
  }

  /** Any of the ways a case-insensitive comparison may call two characters equal. */
  private static boolean sameIgnoringCase(char c, char p) {
    if (c == p) {
      return true;
    }
    if (c < 128 && p < 128) {
      // two ASCII characters: the case mappings below change only the letters A-Z and a-z
      return isAsciiLetter(c) && (c | 0x20) == (p | 0x20);
    }
    char uc = Character.toUpperCase(c);
    char up = Character.toUpperCase(p);
    if (uc == up) {
      return true;
    }
    char fc = Character.toLowerCase(uc);
    char fp = Character.toLowerCase(up);
    return fc == fp || c == fp || fc == p || Character.toLowerCase(c) == Character.toLowerCase(p);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }
}
