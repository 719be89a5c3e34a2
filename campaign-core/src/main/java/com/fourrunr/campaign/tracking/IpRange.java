package com.fourrunr.campaign.tracking;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 CIDR block, such as {@code 17.0.0.0/8}. Parses literals only: never a DNS lookup.
 */
record IpRange(byte[] network, int prefix, String text) {

  /** The block, or null when the text is no CIDR block. */
  static @Nullable IpRange parse(String cidr) {
    if (cidr == null) {
      return null;
    }
    String s = cidr.strip();
    int slash = s.indexOf('/');
    byte[] address = address(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      return null;
    }
    int prefix = address.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (prefix < 0 || prefix > address.length * 8) {
        return null;
      }
    }
    return new IpRange(address, prefix, s);
  }

  /** Whether the address (a literal) lies in this block. */
  boolean contains(@Nullable String remoteAddress) {
    byte[] a = remoteAddress == null ? null : address(remoteAddress.strip());
    if (a == null || a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  /** The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address gives 4 bytes), or null. */
  static byte @Nullable [] address(String text) {
    String s =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (s.isEmpty()) {
      return null;
    }
    if (s.indexOf(':') >= 0) {
      // With a colon InetAddress only parses an IPv6 literal; it never looks a name up.
      if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return null;
      }
      try {
        return InetAddress.getByName(s).getAddress();
      } catch (UnknownHostException | SecurityException e) {
        return null;
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      bytes[i] = (byte) v;
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r && r.prefix == prefix && Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
