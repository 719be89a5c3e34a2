package com.fourrunr.campaign.esp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Amazon SES notifications delivered by an SNS HTTP(S) subscription. Every message's SNS signature
 * is checked (SignatureVersion 1, SHA1withRSA, or 2, SHA256withRSA, over the canonical string of
 * the documented fields) with the certificate at its {@code SigningCertURL}, fetched only over
 * HTTPS from an {@code sns.<region>.amazonaws.com} host; the topic must be one of the configured
 * topics and the message no older than the maximum age. A {@code SubscriptionConfirmation} is
 * confirmed by visiting its {@code SubscribeURL} (same host rule). {@code Bounce} notifications
 * become a bounce per bounced recipient (hard or soft by SES's bounce type and sub-type, the reason
 * from the sub-type, else the recipient's status and diagnostic), {@code Complaint} notifications a
 * complaint per complained recipient; {@code Delivery} notifications are acknowledged and ignored.
 * Each report is acted on once, keyed by the SNS {@code MessageId}.
 */
public final class SesWebhook implements EspWebhook {
  /** How old a signed message may be by default (SNS retries for up to an hour by default). */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROVIDER = "ses";

  private final EspIntake intake;
  private final Clock clock;
  private final Set<String> topics;
  private final Duration maxAge;
  private final SnsSignature signatures;

  private SesWebhook(Builder b) {
    this.intake = new EspIntake(b.engine, b.clock);
    this.clock = b.clock;
    this.topics = Set.copyOf(b.topics);
    this.maxAge = Freshness.checkMaxAge(b.maxAge);
    this.signatures = new SnsSignature(b.http, b.urlRule);
  }

  /**
   * Starts a webhook acting on the engine.
   *
   * @param engine the engine the reports go to
   * @param clock the clock messages' timestamps and certificates are checked against
   * @param topicArns the SNS topics accepted (others are refused)
   */
  public static Builder builder(CampaignEngine engine, Clock clock, Collection<String> topicArns) {
    return new Builder(engine, clock, topicArns);
  }

  /** Builds a {@link SesWebhook}. */
  public static final class Builder {
    private final CampaignEngine engine;
    private final Clock clock;
    private final Set<String> topics;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Predicate<URI> urlRule = SnsSignature.DEFAULT_URL_RULE;
    private OkHttpClient http =
        new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).build();

    private Builder(CampaignEngine engine, Clock clock, Collection<String> topicArns) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.topics = Set.copyOf(topicArns);
      if (topics.isEmpty()) {
        throw InvalidInputException.of("SesWebhook", "topicArns", "is empty");
      }
    }

    /** How old a message's {@code Timestamp} may be (default one hour). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    /**
     * Which {@code SigningCertURL} and {@code SubscribeURL} may be fetched; by default HTTPS from
     * an {@code sns.<region>.amazonaws.com} host. Relax it only for tests.
     */
    public Builder urlRule(Predicate<URI> urlRule) {
      this.urlRule = Objects.requireNonNull(urlRule, "urlRule");
      return this;
    }

    /**
     * The HTTP client certificates are fetched and subscriptions confirmed with (by default one
     * that follows no redirect, so the host rule holds for the URL actually read).
     */
    public Builder httpClient(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The webhook. */
    public SesWebhook build() {
      return new SesWebhook(this);
    }
  }

  @Override
  public EspWebhookResponse handle(EspWebhookRequest request) {
    JsonNode message;
    try {
      message = JSON.readTree(request.bodyBytes());
    } catch (IOException e) {
      return EspWebhookResponse.refused(401, "unsigned: body is not an SNS message");
    }
    if (message == null
        || !message.hasNonNull("Signature")
        || !message.hasNonNull("SigningCertURL")
        || !message.hasNonNull("Type")) {
      return EspWebhookResponse.refused(401, "unsigned: not a signed SNS message");
    }
    String type = message.path("Type").asText();
    if (!topics.contains(message.path("TopicArn").asText(""))) {
      return EspWebhookResponse.refused(403, "TopicArn is not an accepted topic");
    }
    Instant now = clock.instant();
    try {
      signatures.verify(message, now);
      Instant sent = Instant.parse(message.path("Timestamp").asText(""));
      if (!Freshness.fresh(sent, now, maxAge)) {
        return EspWebhookResponse.refused(403, "stale: sent at " + sent);
      }
      switch (type) {
        case "SubscriptionConfirmation" -> {
          signatures.visit(
              signatures.allowed(message.path("SubscribeURL").asText(""), "SubscribeURL"));
          return EspWebhookResponse.handled("subscription confirmed", List.of());
        }
        case "UnsubscribeConfirmation" -> {
          return EspWebhookResponse.handled("unsubscribe confirmation noted", List.of());
        }
        case "Notification" -> {
          return notification(message);
        }
        default -> {
          return EspWebhookResponse.refused(400, "Type '" + type + "' is not an SNS message type");
        }
      }
    } catch (SnsSignature.Failure f) {
      return EspWebhookResponse.refused(f.status(), f.why());
    } catch (DateTimeParseException e) {
      return EspWebhookResponse.refused(403, "Timestamp is not a time");
    }
  }

  private EspWebhookResponse notification(JsonNode message) {
    JsonNode ses;
    try {
      ses = JSON.readTree(message.path("Message").asText(""));
    } catch (IOException e) {
      return EspWebhookResponse.refused(400, "Message is not an SES notification");
    }
    if (ses == null || !ses.isObject()) {
      return EspWebhookResponse.refused(400, "Message is not an SES notification");
    }
    String kind = ses.path("notificationType").asText(ses.path("eventType").asText(""));
    String snsId = message.path("MessageId").asText("");
    String original = originalMessageId(ses.path("mail"));
    List<EspReport> reports = new ArrayList<>();
    if (kind.equals("Bounce")) {
      JsonNode bounce = ses.path("bounce");
      int i = 0;
      for (JsonNode r : bounce.path("bouncedRecipients")) {
        String email = r.path("emailAddress").asText("");
        if (!email.isBlank()) {
          reports.add(bounce(snsId + "." + i, email, original, bounce, r));
        }
        i++;
      }
    } else if (kind.equals("Complaint")) {
      JsonNode complaint = ses.path("complaint");
      String feedback = complaint.path("complaintFeedbackType").asText("");
      int i = 0;
      for (JsonNode r : complaint.path("complainedRecipients")) {
        String email = r.path("emailAddress").asText("");
        if (!email.isBlank()) {
          reports.add(
              EspReport.complaint(
                  PROVIDER,
                  snsId + "." + i,
                  email,
                  original,
                  "Complaint notification" + (feedback.isEmpty() ? "" : " (" + feedback + ")")));
        }
        i++;
      }
    } else {
      return EspWebhookResponse.handled(
          (kind.isEmpty() ? "notification" : kind) + " ignored", List.of());
    }
    return EspWebhookResponse.handled(reports.size() + " report(s) taken", intake.deliver(reports));
  }

  private static EspReport bounce(
      String eventId, String email, @Nullable String original, JsonNode bounce, JsonNode r) {
    String type = bounce.path("bounceType").asText("Undetermined");
    String subType = bounce.path("bounceSubType").asText("General");
    String diagnostic = r.path("diagnosticCode").asText("");
    String status = r.path("status").asText("");
    if (status.isBlank()) {
      status = StatusReasons.status(diagnostic);
    }
    BounceReason reason =
        switch (subType) {
          case "NoEmail", "Suppressed" -> BounceReason.USER_UNKNOWN;
          case "MailboxFull" -> BounceReason.MAILBOX_FULL;
          case "MessageTooLarge" -> BounceReason.MESSAGE_TOO_BIG;
          case "ContentRejected", "AttachmentRejected" -> BounceReason.SPAM_FILTERED;
          default -> StatusReasons.reason(status, diagnostic, BounceReason.UNDEFINED);
        };
    return EspReport.bounce(
        PROVIDER,
        eventId,
        email,
        original,
        reason,
        type.equals("Permanent"),
        status == null || status.isBlank() ? null : status,
        diagnostic,
        "Bounce notification (" + type + "/" + subType + ")");
  }

  private static @Nullable String originalMessageId(JsonNode mail) {
    String common = mail.path("commonHeaders").path("messageId").asText("");
    if (!common.isBlank()) {
      return common;
    }
    for (JsonNode h : mail.path("headers")) {
      if (h.path("name").asText("").equalsIgnoreCase("Message-ID")) {
        return h.path("value").asText("");
      }
    }
    return null;
  }
}
