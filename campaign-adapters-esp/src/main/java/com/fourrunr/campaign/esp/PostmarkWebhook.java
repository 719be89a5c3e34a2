package com.fourrunr.campaign.esp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyCategory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Postmark's bounce and spam-complaint webhooks, protected by HTTP basic authentication with the
 * credentials put in the webhook URL in Postmark. A {@code Bounce} record is mapped by its {@code
 * Type}: {@code HardBounce} and {@code BadEmailAddress} are unknown users (hard), {@code
 * SoftBounce}, {@code Transient} and {@code Unknown} are soft (reason from the details), {@code
 * DnsError} a network failure, {@code Blocked} a block of the sender, {@code SpamNotification} and
 * {@code VirusNotification} a content filter, {@code DMARCPolicy} a policy refusal, {@code
 * SpamComplaint} a complaint, {@code AutoResponder} and {@code ChallengeVerification} automatic
 * replies, {@code Unsubscribe} an opt-out; the others ({@code Subscribe}, {@code AddressChange},
 * {@code ManuallyDeactivated}, {@code Unconfirmed}, {@code OpenRelayTest}, {@code SMTPApiError},
 * {@code InboundError}, {@code TemplateRenderingFailed}) say nothing about the lead and are
 * ignored. A {@code SpamComplaint} record is a complaint. Each record is acted on once, keyed by
 * its record type and {@code ID}. Postmark signs nothing and its retries keep the original time, so
 * there is no freshness check: keep the credentials secret and the URL on HTTPS.
 */
public final class PostmarkWebhook implements EspWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROVIDER = "postmark";

  private final EspIntake intake;
  private final byte[] expected;

  private PostmarkWebhook(CampaignEngine engine, Clock clock, String user, String password) {
    this.intake = new EspIntake(engine, clock);
    this.expected =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A webhook acting on the engine.
   *
   * @param engine the engine the reports go to
   * @param clock the clock
   * @param user the basic-auth user set in the webhook URL
   * @param password the basic-auth password set in the webhook URL
   */
  public static PostmarkWebhook create(
      CampaignEngine engine, Clock clock, String user, String password) {
    if (user == null || user.isBlank() || user.contains(":")) {
      throw InvalidInputException.of("PostmarkWebhook", "user", "is empty or contains ':'");
    }
    if (password == null || password.isEmpty()) {
      throw InvalidInputException.of("PostmarkWebhook", "password", "is empty");
    }
    return new PostmarkWebhook(
        Objects.requireNonNull(engine, "engine"),
        Objects.requireNonNull(clock, "clock"),
        user,
        password);
  }

  @Override
  public EspWebhookResponse handle(EspWebhookRequest request) {
    String auth = request.header("Authorization");
    if (auth == null) {
      return EspWebhookResponse.refused(401, "no credentials");
    }
    if (!MessageDigest.isEqual(expected, auth.strip().getBytes(StandardCharsets.UTF_8))) {
      return EspWebhookResponse.refused(403, "wrong credentials");
    }
    JsonNode record;
    try {
      record = JSON.readTree(request.bodyBytes());
    } catch (IOException e) {
      return EspWebhookResponse.refused(400, "body is not JSON");
    }
    if (record == null || !record.isObject()) {
      return EspWebhookResponse.refused(400, "body is not a JSON object");
    }
    EspReport report = report(record);
    if (report == null) {
      return EspWebhookResponse.handled(
          "record "
              + record.path("RecordType").asText("(none)")
              + " "
              + record.path("Type").asText("")
              + " ignored",
          List.of());
    }
    return EspWebhookResponse.handled("report taken", List.of(intake.deliver(report)));
  }

  private static @Nullable EspReport report(JsonNode record) {
    String recordType = record.path("RecordType").asText("Bounce");
    String type = record.path("Type").asText("");
    String email = record.path("Email").asText("");
    String id = record.path("ID").asText("");
    if (email.isBlank() || id.isBlank()) {
      return null;
    }
    String eventId = recordType + "-" + id;
    String details = record.path("Details").asText("");
    String evidence = recordType + " record (Type " + type + ")";
    if (recordType.equals("SpamComplaint") || type.equals("SpamComplaint")) {
      return EspReport.complaint(PROVIDER, eventId, email, null, evidence);
    }
    if (!recordType.equals("Bounce")) {
      return null;
    }
    String status = StatusReasons.status(details);
    return switch (type) {
      case "HardBounce", "BadEmailAddress" ->
          bounce(
              eventId,
              email,
              StatusReasons.reason(status, details, BounceReason.USER_UNKNOWN),
              true,
              status,
              details,
              evidence);
      case "SoftBounce", "Transient", "Unknown" ->
          bounce(
              eventId,
              email,
              StatusReasons.reason(status, details, BounceReason.UNDEFINED),
              false,
              status,
              details,
              evidence);
      case "DnsError" ->
          bounce(eventId, email, BounceReason.NETWORK, false, status, details, evidence);
      case "Blocked" ->
          bounce(eventId, email, BounceReason.BLOCKED, false, status, details, evidence);
      case "SpamNotification", "VirusNotification" ->
          bounce(eventId, email, BounceReason.SPAM_FILTERED, false, status, details, evidence);
      case "DMARCPolicy" ->
          bounce(eventId, email, BounceReason.POLICY, false, status, details, evidence);
      case "AutoResponder", "ChallengeVerification" ->
          other(eventId, email, ReplyCategory.AUTO_REPLY, details, evidence);
      case "Unsubscribe" ->
          other(eventId, email, ReplyCategory.UNSUBSCRIBE_REQUEST, details, evidence);
      default -> null;
    };
  }

  private static EspReport bounce(
      String eventId,
      String email,
      BounceReason reason,
      boolean permanent,
      @Nullable String status,
      String details,
      String evidence) {
    return EspReport.bounce(
        PROVIDER, eventId, email, null, reason, permanent, status, details, evidence);
  }

  private static EspReport other(
      String eventId, String email, ReplyCategory category, String details, String evidence) {
    return new EspReport(
        PROVIDER, eventId, email, null, category, null, null, details, evidence, null);
  }
}
