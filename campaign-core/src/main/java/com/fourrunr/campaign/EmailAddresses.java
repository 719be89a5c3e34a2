package com.fourrunr.campaign;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * The one form of an email address under which the library knows a person: the key of "already in a
 * campaign" and of the suppression list.
 *
 * <p>{@link #normalise(String)} removes surrounding whitespace, puts the address in Unicode NFC (so
 * {@code é} typed as one code point or as {@code e} plus a combining accent is the same),
 * lower-cases it, and writes an internationalised domain in its ASCII form ({@code bücher.example}
 * becomes {@code xn--bcher-kva.example}, with {@link IDN#toASCII}). Dots and {@code +tags} in the
 * local part are kept: many providers deliver {@code a.b@} and {@code ab@}, or {@code a+x@} and
 * {@code a@}, to different mailboxes, so they are different people here.
 */
public final class EmailAddresses {
  private EmailAddresses() {}

  /**
   * The normalised form of {@code address}: trimmed, NFC, lower-cased, the domain in ASCII. Total:
   * text that is not a valid address is still trimmed, composed and lower-cased (a domain IDN
   * refuses is kept as it is), so any two spellings of one address give the same key.
   */
  public static String normalise(String address) {
    Objects.requireNonNull(address, "address");
    String s = nfc(nfc(address.strip()).toLowerCase(Locale.ROOT));
    int at = s.lastIndexOf('@');
    if (at < 0 || at == s.length() - 1) {
      return s;
    }
    String domain = s.substring(at + 1);
    if (isAscii(domain)) {
      return s;
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return s;
    }
    return s.substring(0, at + 1) + ascii;
  }

  private static String nfc(String s) {
    return Normalizer.isNormalized(s, Normalizer.Form.NFC)
        ? s
        : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
