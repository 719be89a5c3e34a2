package com.fourrunr.campaign.esp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.spi.StoredReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Mailgun webhooks: the body's {@code signature} object must carry an HMAC-SHA256, keyed with the
 * webhook signing key, of its {@code timestamp} followed by its {@code token}, in hex; the
 * timestamp must be recent and the token not used before for another event (Mailgun's signature
 * does not cover the event itself, so a token seen once is never accepted with other event data).
 * {@code failed} events of severity {@code permanent} become bounces (hard or soft by their
 * reason), {@code complained} a complaint; other events, temporary failures among them (Mailgun
 * retries those itself), are acknowledged and ignored. The report is stored under its token, so a
 * redelivery is acted on once.
 */
public final class MailgunWebhook implements EspWebhook {
  /** How old a signed delivery may be by default. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROVIDER = "mailgun";

  private final EspIntake intake;
  private final Clock clock;
  private final byte[] signingKey;
  private final Duration maxAge;
  private final Map<String, Seen> tokens = new ConcurrentHashMap<>();

  private record Seen(String eventId, Instant until) {}

  private MailgunWebhook(CampaignEngine engine, Clock clock, byte[] signingKey, Duration maxAge) {
    this.intake = new EspIntake(engine, clock);
    this.clock = clock;
    this.signingKey = signingKey;
    this.maxAge = Freshness.checkMaxAge(maxAge);
  }

  /**
   * A webhook acting on the engine.
   *
   * @param engine the engine the reports go to
   * @param clock the clock deliveries' timestamps are checked against
   * @param signingKey Mailgun's HTTP webhook signing key
   * @param maxAge how old a delivery's timestamp may be
   */
  public static MailgunWebhook create(
      CampaignEngine engine, Clock clock, String signingKey, Duration maxAge) {
    if (signingKey == null || signingKey.isBlank()) {
      throw InvalidInputException.of("MailgunWebhook", "signingKey", "is empty");
    }
    return new MailgunWebhook(
        Objects.requireNonNull(engine, "engine"),
        Objects.requireNonNull(clock, "clock"),
        signingKey.strip().getBytes(StandardCharsets.UTF_8),
        maxAge);
  }

  @Override
  public EspWebhookResponse handle(EspWebhookRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.bodyBytes());
    } catch (IOException e) {
      return EspWebhookResponse.refused(401, "unsigned: body is not Mailgun's signed JSON");
    }
    JsonNode signature = body == null ? null : body.get("signature");
    if (signature == null
        || !signature.hasNonNull("timestamp")
        || !signature.hasNonNull("token")
        || !signature.hasNonNull("signature")) {
      return EspWebhookResponse.refused(401, "unsigned: no signature object");
    }
    String timestamp = signature.get("timestamp").asText();
    String token = signature.get("token").asText();
    if (!verify(timestamp, token, signature.get("signature").asText())) {
      return EspWebhookResponse.refused(403, "signature does not match");
    }
    Instant now = clock.instant();
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return EspWebhookResponse.refused(403, "timestamp is not a time");
    }
    if (!Freshness.fresh(signedAt, now, maxAge)) {
      return EspWebhookResponse.refused(403, "stale: signed at " + signedAt);
    }
    JsonNode data = body.path("event-data");
    String eventId = data.path("id").asText("");
    if (!firstUse(token, eventId, now)) {
      return EspWebhookResponse.refused(403, "token replayed with other event data");
    }
    EspReport report = report(token, eventId, data);
    if (report == null) {
      return EspWebhookResponse.handled(
          "event " + data.path("event").asText("(none)") + " ignored", List.of());
    }
    return EspWebhookResponse.handled("report taken", List.of(intake.deliver(report)));
  }

  private boolean verify(String timestamp, String token, String signature) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      byte[] expected =
          HexFormat.of()
              .formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)))
              .getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(
          expected, signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Whether the token is new, or was seen with this same event (a redelivery). Tokens are kept in
   * memory for twice the accepted age (every event, acted on or not) and in the store for reports.
   */
  private boolean firstUse(String token, String eventId, Instant now) {
    tokens.values().removeIf(s -> s.until().isBefore(now));
    Optional<StoredReply> stored =
        intake.engine().store().findReply(EspIntake.replyId(PROVIDER, token));
    if (stored.isPresent()) {
      String storedEvent = stored.get().reply().header(EspIntake.DETAIL_HEADER);
      if (!Objects.equals(storedEvent == null ? "" : storedEvent, eventId)) {
        return false;
      }
    }
    Seen seen = tokens.putIfAbsent(token, new Seen(eventId, now.plus(maxAge).plus(maxAge)));
    return seen == null || seen.eventId().equals(eventId);
  }

  private static @Nullable EspReport report(String token, String eventId, JsonNode data) {
    String kind = data.path("event").asText("");
    String recipient = data.path("recipient").asText("");
    if (recipient.isBlank()) {
      return null;
    }
    String original = data.path("message").path("headers").path("message-id").asText("");
    String originalId = original.isBlank() ? null : original;
    if (kind.equals("complained")) {
      return EspReport.complaint(PROVIDER, token, recipient, originalId, "complained event")
          .withDetailId(eventId);
    }
    if (!kind.equals("failed")) {
      return null;
    }
    String severity = data.path("severity").asText("");
    if (!severity.equals("permanent")) {
      return null; // Mailgun retries a temporary failure itself, as a delayed DSN says
    }
    JsonNode delivery = data.path("delivery-status");
    String diagnostic =
        (delivery.path("message").asText("") + " " + delivery.path("description").asText(""))
            .strip();
    String status = delivery.path("enhanced-code").asText("");
    if (status.isBlank()) {
      status = StatusReasons.status(diagnostic);
    }
    int code = delivery.path("code").asInt(0);
    String mailgunReason = data.path("reason").asText("");
    BounceReason fallback =
        switch (mailgunReason) {
          case "suppress-bounce" -> BounceReason.USER_UNKNOWN;
          case "old" -> BounceReason.EXPIRED;
          default -> BounceReason.UNDEFINED;
        };
    BounceReason reason = StatusReasons.reason(status, diagnostic, fallback);
    boolean permanent = code < 400 || code >= 500;
    return EspReport.bounce(
            PROVIDER,
            token,
            recipient,
            originalId,
            reason,
            permanent,
            status == null || status.isBlank() ? null : status,
            diagnostic,
            "failed event (severity "
                + severity
                + (mailgunReason.isEmpty() ? "" : ", reason " + mailgunReason)
                + (code == 0 ? "" : ", code " + code)
                + ")")
        .withDetailId(eventId);
  }
}
