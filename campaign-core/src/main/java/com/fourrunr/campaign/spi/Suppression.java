package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.EmailAddresses;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An address that must never be emailed again, or a whole domain none of whose addresses may be
 * emailed (a domain entry: {@link #ofDomain}, its key written {@code @domain}).
 *
 * @param email the address, normalised by {@link EmailAddresses#normalise} (the same key as a
 *     lead's); for a domain entry {@code @} and the domain
 * @param reason why, for example {@code BOUNCE_HARD} or {@code UNSUBSCRIBE_REQUEST}
 * @param at when it was suppressed
 */
public record Suppression(String email, String reason, Instant at) {
  /** Normalises the address. */
  public Suppression {
    email = EmailAddresses.normalise(Objects.requireNonNull(email, "email"));
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }

  /**
   * A domain entry: no address at {@code domain} (exactly that domain, not its subdomains) may be
   * emailed.
   *
   * @param domain the domain, with or without a leading {@code @}
   * @throws com.fourrunr.campaign.InvalidInputException when it is not a domain name
   */
  public static Suppression ofDomain(String domain, String reason, Instant at) {
    return new Suppression(domainKey(domain), reason, at);
  }

  /** Whether this entry is a whole domain. */
  public boolean isDomain() {
    return email.startsWith("@");
  }

  /**
   * The key of a domain entry for {@code domain} ({@code @} and the normalised domain).
   *
   * @throws com.fourrunr.campaign.InvalidInputException when it is not a domain name
   */
  public static String domainKey(String domain) {
    String d = Objects.requireNonNull(domain, "domain").strip();
    if (d.startsWith("@")) {
      d = d.substring(1);
    }
    String key = EmailAddresses.normalise("@" + d);
    if (d.isEmpty()
        || key.length() < 4
        || key.indexOf('.') < 0
        || key.indexOf('@', 1) >= 0
        || key.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == ';')) {
      throw com.fourrunr.campaign.InvalidInputException.of(
          "suppression", "domain", "'" + domain + "' is not a domain name");
    }
    return key;
  }

  /**
   * The key of the domain entry that covers an address ({@code @} and its domain), or null when it
   * has no domain.
   */
  public static @Nullable String domainKeyOf(String email) {
    String normal = EmailAddresses.normalise(Objects.requireNonNull(email, "email"));
    int at = normal.lastIndexOf('@');
    return at < 0 || at == normal.length() - 1 ? null : normal.substring(at);
  }

  /**
   * An entry as a person writes it: an address ({@code name@domain}) or a whole domain ({@code
   * domain} or {@code @domain}).
   *
   * @throws com.fourrunr.campaign.InvalidInputException when it is neither
   */
  public static Suppression parse(String entry, String reason, Instant at) {
    String e = entry == null ? "" : entry.strip();
    if (e.isEmpty()) {
      throw com.fourrunr.campaign.InvalidInputException.of("suppression", "entry", "is required");
    }
    int at1 = e.lastIndexOf('@');
    if (at1 <= 0) {
      return ofDomain(e, reason, at);
    }
    if (e.indexOf('@') != at1 || e.chars().anyMatch(Character::isWhitespace)) {
      throw com.fourrunr.campaign.InvalidInputException.of(
          "suppression", "entry", "'" + e + "' is not an address");
    }
    domainKey(e.substring(at1 + 1));
    return new Suppression(e, reason, at);
  }
}
