package com.fourrunr.campaign.template;

import com.fourrunr.campaign.Lead;

/**
 * The wording choices of one message for one lead: every call is a slot of its own, chosen by a
 * hash of the lead's id, the message's part and the slot's number, so the choices are independent
 * of each other and the same lead always gets the same ones. No randomness, cheap (a few multiplies
 * per choice); one instance per message written, not shared between threads.
 */
final class Phrasing {
  private final long seed;
  private int slot;

  /**
   * @param part which message the choices are for (each part gets its own, independent choices)
   */
  Phrasing(Lead lead, int part) {
    this.seed = lead.id().hashCode() * 0x9E3779B97F4A7C15L + (part + 1) * 0xD6E8FEB86659FD93L;
  }

  /** One of the options. */
  String one(String... options) {
    return options[index(options.length)];
  }

  /**
   * One of the alternatives of a literal, separated by {@code |} ({@code "a while|some months"}).
   * Only for our own wording: the lead's data never goes through it.
   */
  String any(String alternatives) {
    int count = 1;
    for (int i = 0; i < alternatives.length(); i++) {
      if (alternatives.charAt(i) == '|') {
        count++;
      }
    }
    int k = index(count);
    int start = 0;
    for (int i = 0; i < k; i++) {
      start = alternatives.indexOf('|', start) + 1;
    }
    int end = alternatives.indexOf('|', start);
    return alternatives.substring(start, end < 0 ? alternatives.length() : end);
  }

  private int index(int n) {
    slot++;
    long z = seed + slot * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (int) Long.remainderUnsigned(z, n);
  }
}
