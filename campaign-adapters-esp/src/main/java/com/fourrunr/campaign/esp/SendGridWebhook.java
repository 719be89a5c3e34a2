package com.fourrunr.campaign.esp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SendGrid Event Webhook, signed: the body must carry an ECDSA (P-256, SHA-256) signature over
 * the {@code X-Twilio-Email-Event-Webhook-Timestamp} value followed by the raw body, given base64
 * in {@code X-Twilio-Email-Event-Webhook-Signature}, checked with the verification key from
 * SendGrid's mail settings. {@code bounce} events (types {@code bounce} and {@code blocked}) become
 * bounces with their reason, {@code spamreport} a complaint; other events are acknowledged and
 * ignored. Each event is acted on once, keyed by its {@code sg_event_id}.
 */
public final class SendGridWebhook implements EspWebhook {
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";

  /** The timestamp header (seconds since the epoch). */
  public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

  /** How old a signed delivery may be by default. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EspIntake intake;
  private final Clock clock;
  private final PublicKey publicKey;
  private final Duration maxAge;

  private SendGridWebhook(
      CampaignEngine engine, Clock clock, PublicKey publicKey, Duration maxAge) {
    this.intake = new EspIntake(engine, clock);
    this.clock = clock;
    this.publicKey = publicKey;
    this.maxAge = Freshness.checkMaxAge(maxAge);
  }

  /**
   * A webhook acting on the engine.
   *
   * @param engine the engine the reports go to
   * @param clock the clock deliveries' timestamps are checked against
   * @param verificationKey the base64 public key SendGrid shows for the signed webhook (DER
   *     SubjectPublicKeyInfo, with or without PEM armour)
   * @param maxAge how old a delivery's timestamp may be
   * @throws InvalidInputException when the key is not an EC public key
   */
  public static SendGridWebhook create(
      CampaignEngine engine, Clock clock, String verificationKey, Duration maxAge) {
    return new SendGridWebhook(
        Objects.requireNonNull(engine, "engine"),
        Objects.requireNonNull(clock, "clock"),
        parseKey(verificationKey),
        maxAge);
  }

  /** Parses a SendGrid verification key, or throws naming the problem (never quoting the key). */
  static PublicKey parseKey(String key) {
    String b64 =
        key.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw InvalidInputException.of(
          "SendGridWebhook", "verificationKey", "is not a base64 EC public key");
    }
  }

  @Override
  public EspWebhookResponse handle(EspWebhookRequest request) {
    String signature = request.header(SIGNATURE_HEADER);
    String timestamp = request.header(TIMESTAMP_HEADER);
    if (signature == null || timestamp == null) {
      return EspWebhookResponse.refused(401, "unsigned: " + SIGNATURE_HEADER + " missing");
    }
    if (!verify(timestamp.strip(), signature.strip(), request.bodyBytes())) {
      return EspWebhookResponse.refused(403, "signature does not match");
    }
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return EspWebhookResponse.refused(403, TIMESTAMP_HEADER + " is not a time");
    }
    if (!Freshness.fresh(signedAt, clock.instant(), maxAge)) {
      return EspWebhookResponse.refused(403, "stale: signed at " + signedAt);
    }
    JsonNode events;
    try {
      events = JSON.readTree(request.bodyBytes());
    } catch (IOException e) {
      return EspWebhookResponse.refused(400, "body is not JSON");
    }
    if (events == null || !events.isArray()) {
      return EspWebhookResponse.refused(400, "body is not a JSON array of events");
    }
    List<EspReport> reports = new ArrayList<>();
    int ignored = 0;
    for (JsonNode event : events) {
      EspReport report = report(event);
      if (report == null) {
        ignored++;
      } else {
        reports.add(report);
      }
    }
    return EspWebhookResponse.handled(
        reports.size() + " report(s) taken, " + ignored + " event(s) ignored",
        intake.deliver(reports));
  }

  private boolean verify(String timestamp, String signature, byte[] body) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
      verifier.update(body);
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static @Nullable EspReport report(JsonNode event) {
    String kind = event.path("event").asText("");
    String email = event.path("email").asText("");
    if (email.isBlank() || !(kind.equals("bounce") || kind.equals("spamreport"))) {
      return null;
    }
    String id = event.path("sg_event_id").asText("");
    if (id.isEmpty()) {
      try {
        id = JSON.writeValueAsString(event);
      } catch (JsonProcessingException e) {
        return null;
      }
    }
    String original = text(event, "smtp-id");
    if (kind.equals("spamreport")) {
      return EspReport.complaint("sendgrid", id, email, original, "spamreport event");
    }
    String type = event.path("type").asText("bounce");
    String status = text(event, "status");
    String diagnostic = event.path("reason").asText("");
    BounceReason fallback = type.equals("blocked") ? BounceReason.BLOCKED : BounceReason.UNDEFINED;
    BounceReason reason = StatusReasons.reason(status, diagnostic, fallback);
    boolean permanent = status != null ? status.startsWith("5") : type.equals("bounce");
    return EspReport.bounce(
        "sendgrid",
        id,
        email,
        original,
        reason,
        permanent,
        status,
        diagnostic,
        "bounce event (type " + type + (status == null ? "" : ", status " + status) + ")");
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
