package com.fourrunr.campaign.tracking;

import com.fourrunr.campaign.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the signed tokens carried by open-pixel and click URLs. A token names the
 * campaign and the message; a click token also binds the link's place in the message, the number of
 * tracked links in it and the exact destination URL. All of it is signed with HMAC-SHA256 under a
 * key only the host knows, so a click URL redirects only to a URL that was in that message (no open
 * redirect), and a token cannot be moved to another message, URL or kind (an open token is no click
 * token).
 *
 * <pre>{@code
 * TrackingTokens tokens = TrackingTokens.withKey(secretKeyBytes); // at least 32 bytes
 * String t = tokens.click("C-17", "M-3", 0, 2, "https://4runr.com/case-study");
 * Optional<TrackingTokens.Click> click = tokens.verifyClick(t);   // empty when altered or forged
 * }</pre>
 *
 * <p>Tokens are URL-safe Base64 ({@code [A-Za-z0-9_-]} and two dots), so they go into a URL path as
 * they are. The signature is compared in constant time. Thread-safe. {@link #toString()} never
 * shows the key. Use a key of its own, not the one of {@link
 * com.fourrunr.campaign.UnsubscribeTokens}.
 */
public final class TrackingTokens {
  /** The shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  /** The longest destination URL a click token takes. */
  public static final int MAX_URL_LENGTH = 4_096;

  private static final String ALGORITHM = "HmacSHA256";
  private static final String OPEN = "o1";
  private static final String CLICK = "c1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** Longer tokens are refused unread. */
  private static final int MAX_TOKEN_LENGTH = 8_192;

  private final SecretKeySpec key;

  private TrackingTokens(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * Tokens signed with {@code key}; the bytes are copied.
   *
   * @throws InvalidInputException when the key is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public static TrackingTokens withKey(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw InvalidInputException.of(
          "TrackingTokens",
          "key",
          "must be at least " + MIN_KEY_BYTES + " bytes of secret, random data");
    }
    return new TrackingTokens(Arrays.copyOf(key, key.length));
  }

  /**
   * What a valid open token says.
   *
   * @param campaignId the campaign of the message
   * @param messageId the message's id in the store ({@link
   *     com.fourrunr.campaign.CampaignMessage#id()})
   */
  public record Open(String campaignId, String messageId) {
    /** Checks both are present. */
    public Open {
      Objects.requireNonNull(campaignId, "campaignId");
      Objects.requireNonNull(messageId, "messageId");
    }
  }

  /**
   * What a valid click token says.
   *
   * @param campaignId the campaign of the message
   * @param messageId the message's id in the store
   * @param linkIndex the link's place among the message's tracked links, from 0
   * @param linkCount how many distinct links of the message are tracked
   * @param url the destination, exactly as it was in the message
   */
  public record Click(
      String campaignId, String messageId, int linkIndex, int linkCount, String url) {
    /** Checks the fields. */
    public Click {
      Objects.requireNonNull(campaignId, "campaignId");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(url, "url");
      if (linkIndex < 0 || linkCount < 1 || linkIndex >= linkCount) {
        throw new IllegalArgumentException(
            "linkIndex " + linkIndex + " is not within " + linkCount + " links");
      }
    }
  }

  /**
   * The token of a message's open pixel.
   *
   * @throws InvalidInputException when an id is blank or holds a control character
   */
  public String open(String campaignId, String messageId) {
    checkPart("campaignId", campaignId);
    checkPart("messageId", messageId);
    return sign(OPEN, campaignId + "\n" + messageId);
  }

  /**
   * The token of one link of a message.
   *
   * @throws InvalidInputException when an id is blank or holds a control character, the index is
   *     not within the count, or the URL is not an http(s) URL of at most {@value #MAX_URL_LENGTH}
   *     characters
   */
  public String click(
      String campaignId, String messageId, int linkIndex, int linkCount, String url) {
    checkPart("campaignId", campaignId);
    checkPart("messageId", messageId);
    checkPart("url", url);
    if (linkIndex < 0 || linkCount < 1 || linkIndex >= linkCount) {
      throw InvalidInputException.of(
          "TrackingTokens", "linkIndex", linkIndex + " is not within " + linkCount + " links");
    }
    if (url.length() > MAX_URL_LENGTH || !isHttpUrl(url)) {
      throw InvalidInputException.of(
          "TrackingTokens",
          "url",
          "must be an http(s) URL of at most " + MAX_URL_LENGTH + " characters");
    }
    return sign(
        CLICK, campaignId + "\n" + messageId + "\n" + linkIndex + "\n" + linkCount + "\n" + url);
  }

  /**
   * What an open token names, when it was issued with this key and not altered; empty otherwise.
   */
  public Optional<Open> verifyOpen(String token) {
    String[] parts = payload(OPEN, token, 2);
    return parts == null ? Optional.empty() : Optional.of(new Open(parts[0], parts[1]));
  }

  /**
   * What a click token names, when it was issued with this key and not altered; empty otherwise
   * (never an exception for a malformed token, so an endpoint answers every bad request the same
   * way).
   */
  public Optional<Click> verifyClick(String token) {
    String[] parts = payload(CLICK, token, 5);
    if (parts == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Click(
              parts[0],
              parts[1],
              Integer.parseInt(parts[2]),
              Integer.parseInt(parts[3]),
              parts[4]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String sign(String version, String payload) {
    String body = version + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + ENCODER.encodeToString(mac(body));
  }

  /** The payload's parts when the token is of this version, signed with this key and unaltered. */
  private String @org.jspecify.annotations.Nullable [] payload(
      String version, String token, int parts) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(version + ".")) {
      return null;
    }
    int lastDot = token.lastIndexOf('.');
    if (lastDot <= version.length()) {
      return null;
    }
    String body = token.substring(0, lastDot);
    // The signature is compared as text, so no two spellings of one signature are accepted.
    byte[] expected = ENCODER.encodeToString(mac(body)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return null;
    }
    String text;
    try {
      text =
          new String(DECODER.decode(body.substring(version.length() + 1)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String[] split = text.split("\n", parts);
    if (split.length != parts) {
      return null;
    }
    for (String part : split) {
      if (part.isEmpty()) {
        return null;
      }
    }
    return split;
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  static boolean isHttpUrl(String url) {
    return (url.regionMatches(true, 0, "http://", 0, 7) && url.length() > 7)
        || (url.regionMatches(true, 0, "https://", 0, 8) && url.length() > 8);
  }

  private static void checkPart(String field, String value) {
    if (value == null || value.isBlank()) {
      throw InvalidInputException.of("TrackingTokens", field, "is required");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw InvalidInputException.of(
            "TrackingTokens", field, "must not contain control characters");
      }
    }
  }

  @Override
  public String toString() {
    return "TrackingTokens[HmacSHA256, key=****]";
  }
}
