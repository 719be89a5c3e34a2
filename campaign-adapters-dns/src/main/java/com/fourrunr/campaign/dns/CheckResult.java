package com.fourrunr.campaign.dns;

import java.util.Objects;

/**
 * The outcome of one preflight check, printed by {@code ./campaign doctor} as one JSON line.
 *
 * @param check what was checked, for example {@code spf} or {@code dkim}
 * @param result PASS, WARN or FAIL
 * @param detail what was found, in one sentence
 */
public record CheckResult(String check, Result result, String detail) {
  /** How a check came out. */
  public enum Result {
    /** As it should be. */
    PASS,
    /** Works, but weaker than it should be, or could not be checked. */
    WARN,
    /** Mail from this domain is likely to be rejected or filed as spam. */
    FAIL
  }

  /** Checks the parts are present. */
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(detail, "detail");
  }

  static CheckResult pass(String check, String detail) {
    return new CheckResult(check, Result.PASS, detail);
  }

  static CheckResult warn(String check, String detail) {
    return new CheckResult(check, Result.WARN, detail);
  }

  static CheckResult fail(String check, String detail) {
    return new CheckResult(check, Result.FAIL, detail);
  }

  /** One JSON object: {@code {"check":"spf","result":"PASS","detail":"..."}}. */
  public String toJson() {
    return "{\"check\":"
        + quote(check)
        + ",\"result\":"
        + quote(result.name())
        + ",\"detail\":"
        + quote(detail)
        + "}";
  }

  /** A JSON string literal of {@code s}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
