package com.fourrunr.campaign.esp;

import com.fourrunr.campaign.BounceReason;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BounceReason} of an ESP's bounce from its RFC 3463 status (subject.detail), else its
 * diagnostic text, else the provider's own hint.
 */
final class StatusReasons {
  private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  private StatusReasons() {}

  /** The first RFC 3463 status in the text, or null. */
  static @Nullable String status(@Nullable String text) {
    if (text == null) {
      return null;
    }
    Matcher m = STATUS.matcher(text);
    return m.find() ? m.group() : null;
  }

  static BounceReason reason(
      @Nullable String status, @Nullable String diagnostic, BounceReason fallback) {
    String text = diagnostic == null ? "" : diagnostic.toLowerCase(Locale.ROOT);
    BounceReason byText = byText(text);
    if (byText == BounceReason.BLOCKED || byText == BounceReason.SPAM_FILTERED) {
      return byText; // "5.7.1 ... listed at Spamhaus": the text says more than x.7.1
    }
    BounceReason byStatus = byStatus(status);
    if (byStatus != null) {
      return byStatus;
    }
    return byText != null ? byText : fallback;
  }

  private static @Nullable BounceReason byStatus(@Nullable String status) {
    if (status == null) {
      return null;
    }
    Matcher m = STATUS.matcher(status);
    if (!m.find()) {
      return null;
    }
    String detail = m.group(2) + "." + m.group(3);
    return switch (detail) {
      case "1.1", "1.3", "1.6" -> BounceReason.USER_UNKNOWN;
      case "1.2" -> BounceReason.HOST_UNKNOWN;
      case "2.1" -> BounceReason.SUSPENDED;
      case "2.2", "3.1" -> BounceReason.MAILBOX_FULL;
      case "2.3", "3.4" -> BounceReason.MESSAGE_TOO_BIG;
      case "4.7" -> BounceReason.EXPIRED;
      case "4.5", "5.3" -> BounceReason.RATE_LIMITED;
      case "4.1", "4.2", "4.3", "4.4" -> BounceReason.NETWORK;
      default -> m.group(2).equals("7") || m.group(2).equals("6") ? BounceReason.POLICY : null;
    };
  }

  private static @Nullable BounceReason byText(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (containsAny(text, "blocklist", "blacklist", "block list", "spamhaus", "reputation")
        || text.contains("blocked")) {
      return BounceReason.BLOCKED;
    }
    if (containsAny(text, "spam", "content rejected", "virus")) {
      return BounceReason.SPAM_FILTERED;
    }
    if (containsAny(
        text, "user unknown", "no such user", "does not exist", "unknown user", "not found")) {
      return BounceReason.USER_UNKNOWN;
    }
    if (containsAny(text, "quota", "mailbox full", "mailbox is full", "insufficient storage")) {
      return BounceReason.MAILBOX_FULL;
    }
    if (containsAny(text, "too large", "too big", "size limit")) {
      return BounceReason.MESSAGE_TOO_BIG;
    }
    if (containsAny(text, "rate limit", "too many", "try again later", "greylist")) {
      return BounceReason.RATE_LIMITED;
    }
    if (containsAny(text, "disabled", "suspended", "inactive")) {
      return BounceReason.SUSPENDED;
    }
    return null;
  }

  private static boolean containsAny(String text, String... needles) {
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
