package com.fourrunr.campaign.smtp;

import com.fourrunr.campaign.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates a webhook post, with no web framework: an HMAC-SHA256 signature over {@code
 * timestamp + "." + body} with a shared secret, or a bearer token whose SHA-256 the host holds.
 *
 * <p>The sender puts the Unix time in seconds in {@value #TIMESTAMP_HEADER} and {@code
 * sha256=<hex>} in {@value #SIGNATURE_HEADER}. A post is accepted when the signature matches
 * (compared in constant time), the timestamp is within {@link #WINDOW} of the clock, and the same
 * signature was not accepted before within the window (replays are refused; the memory of seen
 * signatures is bounded). Thread-safe.
 *
 * <pre>{@code
 * WebhookSignature signature = WebhookSignature.withSecret(secret, Clock.systemUTC());
 * WebhookSignature.Verdict v = signature.verify(timestamp, signatureHeader, authorization, body);
 * if (!v.accepted()) { respond(401, v.reason()); return; }
 * }</pre>
 */
public final class WebhookSignature {
  /** The header with the Unix time in seconds at which the post was signed. */
  public static final String TIMESTAMP_HEADER = "X-Campaign-Timestamp";

  /** The header with {@code sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>}. */
  public static final String SIGNATURE_HEADER = "X-Campaign-Signature";

  /** How far the timestamp may be from the clock, either way. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private static final int MAX_REMEMBERED = 100_000;
  private static final String PREFIX = "sha256=";

  private final byte @Nullable [] secret;
  private final byte @Nullable [] tokenSha256;
  private final Clock clock;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  /**
   * Whether a post is accepted, and why not.
   *
   * @param accepted true when the post is authentic, fresh and not a replay
   * @param reason why it was refused (empty when accepted); names no secret
   */
  public record Verdict(boolean accepted, String reason) {
    static final Verdict OK = new Verdict(true, "");

    static Verdict refused(String reason) {
      return new Verdict(false, reason);
    }
  }

  private WebhookSignature(byte @Nullable [] secret, byte @Nullable [] tokenSha256, Clock clock) {
    this.secret = secret == null ? null : secret.clone();
    this.tokenSha256 = tokenSha256 == null ? null : tokenSha256.clone();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies signatures made with the shared secret.
   *
   * @param secret the shared secret, at least 32 bytes
   * @param clock the clock the timestamps are compared with
   */
  public static WebhookSignature withSecret(byte[] secret, Clock clock) {
    return create(secret, null, clock);
  }

  /**
   * Verifies a signature with the shared secret, or a bearer token, whichever is given.
   *
   * @param secret the shared secret (at least 32 bytes), or null for bearer tokens only
   * @param tokenSha256Hex the hex SHA-256 of the bearer token, or null for signatures only
   * @param clock the clock the timestamps are compared with
   */
  public static WebhookSignature create(
      byte @Nullable [] secret, @Nullable String tokenSha256Hex, Clock clock) {
    if (secret == null && tokenSha256Hex == null) {
      throw InvalidInputException.of(
          "WebhookSignature", "secret", "a secret or a bearer token hash is required");
    }
    if (secret != null && secret.length < 32) {
      throw InvalidInputException.of("WebhookSignature", "secret", "is shorter than 32 bytes");
    }
    byte[] token = null;
    if (tokenSha256Hex != null) {
      try {
        token = HexFormat.of().parseHex(tokenSha256Hex.trim());
      } catch (IllegalArgumentException e) {
        token = new byte[0];
      }
      if (token.length != 32) {
        throw InvalidInputException.of(
            "WebhookSignature", "tokenSha256", "is not 64 hex digits (a SHA-256)");
      }
    }
    return new WebhookSignature(secret, token, clock);
  }

  /**
   * Checks one post.
   *
   * @param timestamp the {@value #TIMESTAMP_HEADER} header, or null
   * @param signature the {@value #SIGNATURE_HEADER} header, or null
   * @param authorization the {@code Authorization} header, or null
   * @param body the raw request body as received (null is taken as empty)
   */
  public Verdict verify(
      @Nullable String timestamp,
      @Nullable String signature,
      @Nullable String authorization,
      byte @Nullable [] body) {
    if (tokenSha256 != null && authorization != null) {
      return bearerMatches(authorization)
          ? Verdict.OK
          : Verdict.refused("Authorization: the bearer token is not valid");
    }
    byte[] key = secret;
    if (key == null) {
      return Verdict.refused("Authorization: a bearer token is required");
    }
    if (timestamp == null || signature == null) {
      return Verdict.refused(TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + ": both are required");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Verdict.refused(TIMESTAMP_HEADER + ": is not a Unix time in seconds");
    }
    Instant now = clock.instant();
    Instant at = Instant.ofEpochSecond(Math.max(Math.min(seconds, 1L << 40), -(1L << 40)));
    if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
      return Verdict.refused(TIMESTAMP_HEADER + ": outside the 5-minute window");
    }
    String given = signature.trim();
    if (!given.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Verdict.refused(SIGNATURE_HEADER + ": is not sha256=<hex>");
    }
    byte[] expected = hmac(key, timestamp.trim(), body == null ? new byte[0] : body);
    byte[] actual;
    try {
      actual = HexFormat.of().parseHex(given.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Verdict.refused(SIGNATURE_HEADER + ": is not sha256=<hex>");
    }
    if (!MessageDigest.isEqual(expected, actual)) {
      return Verdict.refused(SIGNATURE_HEADER + ": does not match the body");
    }
    return firstTime(HexFormat.of().formatHex(expected), now)
        ? Verdict.OK
        : Verdict.refused(SIGNATURE_HEADER + ": this post was already received (a replay)");
  }

  /** The {@value #SIGNATURE_HEADER} value for a body signed at {@code timestamp}. */
  public static String sign(byte[] secret, String timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  /** The hex SHA-256 of a token, as the settings hold it. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  private boolean bearerMatches(String authorization) {
    byte[] expected = Objects.requireNonNull(tokenSha256);
    String value = authorization.trim();
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = sha256(value.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, given);
  }

  private synchronized boolean firstTime(String signature, Instant now) {
    Instant cutoff = now.minus(WINDOW.multipliedBy(2));
    Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<String, Instant> e = oldest.next();
      if (e.getValue().isAfter(cutoff) && seen.size() < MAX_REMEMBERED) {
        break;
      }
      oldest.remove();
    }
    return seen.putIfAbsent(signature, now) == null;
  }

  private static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
