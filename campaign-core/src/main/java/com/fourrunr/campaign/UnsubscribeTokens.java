package com.fourrunr.campaign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the opaque per-recipient token carried by the one-click unsubscribe link (RFC
 * 8058). The token names the recipient and the list (the campaign) and is signed with HMAC-SHA256
 * under a key only the host knows, so it cannot be forged or altered to unsubscribe someone else.
 *
 * <pre>{@code
 * UnsubscribeTokens tokens = UnsubscribeTokens.withKey(secretKeyBytes); // at least 32 bytes
 * String token = tokens.issue("ada@example.com", "C-17");
 * Optional<UnsubscribeTokens.Unsubscribe> who = tokens.verify(token);   // empty when forged
 * }</pre>
 *
 * <p>The token is URL-safe Base64 ({@code [A-Za-z0-9_-]} and one dot), so it can go into a URL or a
 * {@code mailto:} subject as it is. Thread-safe. {@link #toString()} never shows the key.
 */
public final class UnsubscribeTokens {
  /** The shortest key accepted, in bytes (the HMAC-SHA256 block security level). */
  public static final int MIN_KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "u1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** Longer tokens are refused unread. */
  private static final int MAX_TOKEN_LENGTH = 2_048;

  private final SecretKeySpec key;

  private UnsubscribeTokens(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * Tokens signed with {@code key}; the bytes are copied.
   *
   * @throws InvalidInputException when the key is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public static UnsubscribeTokens withKey(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw InvalidInputException.of(
          "UnsubscribeTokens",
          "key",
          "must be at least " + MIN_KEY_BYTES + " bytes of secret, random data");
    }
    return new UnsubscribeTokens(Arrays.copyOf(key, key.length));
  }

  /**
   * What a valid token says.
   *
   * @param recipient the address to unsubscribe, lower-cased
   * @param listId the list (campaign) it was sent for
   */
  public record Unsubscribe(String recipient, String listId) {
    /** Checks both are present. */
    public Unsubscribe {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(listId, "listId");
    }
  }

  /**
   * The token for a recipient on a list.
   *
   * @throws InvalidInputException when the recipient or list id is blank or holds a control
   *     character
   */
  public String issue(String recipient, String listId) {
    String r = recipient == null ? "" : recipient.strip().toLowerCase(Locale.ROOT);
    String l = listId == null ? "" : listId.strip();
    checkPart("recipient", r);
    checkPart("listId", l);
    byte[] payload = (r + "\n" + l).getBytes(StandardCharsets.UTF_8);
    String body = VERSION + "." + ENCODER.encodeToString(payload);
    return body + "." + ENCODER.encodeToString(mac(body));
  }

  /**
   * What the token names, when it was issued with this key and not altered; empty otherwise (never
   * an exception for a malformed token, so an endpoint can answer every request the same way).
   */
  public Optional<Unsubscribe> verify(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    int lastDot = token.lastIndexOf('.');
    if (lastDot <= VERSION.length() + 1 || !token.startsWith(VERSION + ".")) {
      return Optional.empty();
    }
    String body = token.substring(0, lastDot);
    byte[] given;
    byte[] payload;
    try {
      given = DECODER.decode(token.substring(lastDot + 1));
      payload = DECODER.decode(body.substring(VERSION.length() + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(body), given)) {
      return Optional.empty();
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    if (nl <= 0 || nl == text.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new Unsubscribe(text.substring(0, nl), text.substring(nl + 1)));
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static void checkPart(String field, String value) {
    if (value.isEmpty()) {
      throw InvalidInputException.of("UnsubscribeTokens", field, "is required");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw InvalidInputException.of(
            "UnsubscribeTokens", field, "must not contain control characters");
      }
    }
  }

  @Override
  public String toString() {
    return "UnsubscribeTokens[HmacSHA256, key=****]";
  }
}
