package com.fourrunr.campaign.template;

import com.fourrunr.campaign.Lead;

/** Chooses one of several phrasings, stably per lead and slot: no randomness, no state. */
final class Wording {
  private Wording() {}

  /**
   * Which of {@code count} options to use (0 to {@code count - 1}), chosen by a hash of the lead's
   * id and the slot, so a lead always gets the same text and the slots' choices are independent of
   * each other. The caller builds only the chosen option.
   */
  static int choice(Lead lead, int slot, int count) {
    // SplitMix64 over the id's hash and the slot.
    long z = lead.id().hashCode() * 0x9E3779B97F4A7C15L + (slot + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (int) Long.remainderUnsigned(z, count);
  }

  /** The text with its first letter upper-cased when it starts with a lower-case letter. */
  static String cap(String s) {
    if (!s.isEmpty() && Character.isLowerCase(s.charAt(0))) {
      return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
