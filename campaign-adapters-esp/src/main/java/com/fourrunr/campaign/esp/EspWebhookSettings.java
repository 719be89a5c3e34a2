package com.fourrunr.campaign.esp;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.config.SettingsReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which ESP webhooks a host serves, from {@code CAMPAIGN_ESP_*} settings: each is enabled only when
 * its key or credentials are given.
 *
 * <pre>{@code
 * EspWebhookSettings esp = EspWebhookSettings.read(reader);
 * Map<String, EspWebhook> hooks = esp.webhooks(engine, clock); // "ses", "sendgrid", ...
 * }</pre>
 *
 * @param sesTopicArns the SNS topics whose SES notifications are accepted ({@code
 *     CAMPAIGN_ESP_SES_TOPIC_ARNS}, comma-separated); empty: SES off
 * @param sendgridVerificationKey SendGrid's signed-webhook verification key ({@code
 *     CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY}); null: SendGrid off
 * @param mailgunSigningKey Mailgun's webhook signing key ({@code
 *     CAMPAIGN_ESP_MAILGUN_SIGNING_KEY}); null: Mailgun off
 * @param postmarkUser the basic-auth user of the Postmark webhook URL ({@code
 *     CAMPAIGN_ESP_POSTMARK_USER}); null: Postmark off
 * @param postmarkPassword its password ({@code CAMPAIGN_ESP_POSTMARK_PASSWORD})
 * @param maxAge how old a signed delivery may be ({@code CAMPAIGN_ESP_MAX_AGE}); null: each
 *     provider's default (SES one hour, SendGrid and Mailgun 15 minutes)
 */
public record EspWebhookSettings(
    List<String> sesTopicArns,
    @Nullable Secret sendgridVerificationKey,
    @Nullable Secret mailgunSigningKey,
    @Nullable String postmarkUser,
    @Nullable Secret postmarkPassword,
    @Nullable Duration maxAge) {

  /** Every environment variable read. */
  public static final List<String> KEYS =
      List.of(
          "CAMPAIGN_ESP_SES_TOPIC_ARNS",
          "CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY",
          "CAMPAIGN_ESP_MAILGUN_SIGNING_KEY",
          "CAMPAIGN_ESP_POSTMARK_USER",
          "CAMPAIGN_ESP_POSTMARK_PASSWORD",
          "CAMPAIGN_ESP_MAX_AGE");

  /** Freezes the topic list. */
  public EspWebhookSettings {
    sesTopicArns = List.copyOf(sesTopicArns);
    if ((postmarkUser == null) != (postmarkPassword == null)) {
      throw InvalidInputException.of(
          "EspWebhookSettings", "postmarkPassword", "Postmark needs both a user and a password");
    }
  }

  /** No webhook enabled. */
  public static EspWebhookSettings none() {
    return new EspWebhookSettings(List.of(), null, null, null, null, null);
  }

  /**
   * Reads the settings from a shared reader; a problem is recorded in the reader.
   *
   * @return the settings; {@link #none()} when none is given or one is invalid
   */
  public static EspWebhookSettings read(SettingsReader in) {
    String arns = in.text("CAMPAIGN_ESP_SES_TOPIC_ARNS");
    List<String> topics =
        arns == null
            ? List.of()
            : Arrays.stream(arns.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    boolean ok = true;
    for (String t : topics) {
      if (!t.startsWith("arn:aws") || t.split(":").length < 6) {
        in.error("CAMPAIGN_ESP_SES_TOPIC_ARNS", "'" + t + "' is not an SNS topic ARN");
        ok = false;
      }
    }
    Secret sendgrid = in.secret("CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY");
    if (sendgrid != null) {
      try {
        SendGridWebhook.parseKey(sendgrid.reveal());
      } catch (InvalidInputException e) {
        in.error("CAMPAIGN_ESP_SENDGRID_VERIFICATION_KEY", "is not a base64 EC public key");
        ok = false;
      }
    }
    Secret mailgun = in.secret("CAMPAIGN_ESP_MAILGUN_SIGNING_KEY");
    String user = in.text("CAMPAIGN_ESP_POSTMARK_USER");
    Secret password = in.secret("CAMPAIGN_ESP_POSTMARK_PASSWORD");
    if ((user == null) != (password == null)) {
      in.error(
          user == null ? "CAMPAIGN_ESP_POSTMARK_USER" : "CAMPAIGN_ESP_POSTMARK_PASSWORD",
          "is required when the other Postmark setting is given");
      ok = false;
    } else if (user != null && user.contains(":")) {
      in.error("CAMPAIGN_ESP_POSTMARK_USER", "must not contain ':'");
      ok = false;
    }
    Duration maxAge =
        in.has("CAMPAIGN_ESP_MAX_AGE") ? in.duration("CAMPAIGN_ESP_MAX_AGE", Duration.ZERO) : null;
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      in.error("CAMPAIGN_ESP_MAX_AGE", "must be positive");
      ok = false;
    }
    return ok ? new EspWebhookSettings(topics, sendgrid, mailgun, user, password, maxAge) : none();
  }

  /** The secrets among these settings, for log redaction. */
  public List<Secret> secrets() {
    List<Secret> secrets = new java.util.ArrayList<>();
    for (Secret s : new Secret[] {sendgridVerificationKey, mailgunSigningKey, postmarkPassword}) {
      if (s != null) {
        secrets.add(s);
      }
    }
    return secrets;
  }

  /**
   * The enabled webhooks by name ({@code ses}, {@code sendgrid}, {@code mailgun}, {@code
   * postmark}), in that order.
   *
   * @param engine the engine the reports go to
   * @param clock the clock
   */
  public Map<String, EspWebhook> webhooks(CampaignEngine engine, Clock clock) {
    Map<String, EspWebhook> hooks = new LinkedHashMap<>();
    if (!sesTopicArns.isEmpty()) {
      hooks.put(
          "ses",
          SesWebhook.builder(engine, clock, sesTopicArns)
              .maxAge(maxAge == null ? SesWebhook.DEFAULT_MAX_AGE : maxAge)
              .build());
    }
    if (sendgridVerificationKey != null) {
      hooks.put(
          "sendgrid",
          SendGridWebhook.create(
              engine,
              clock,
              sendgridVerificationKey.reveal(),
              maxAge == null ? SendGridWebhook.DEFAULT_MAX_AGE : maxAge));
    }
    if (mailgunSigningKey != null) {
      hooks.put(
          "mailgun",
          MailgunWebhook.create(
              engine,
              clock,
              mailgunSigningKey.reveal(),
              maxAge == null ? MailgunWebhook.DEFAULT_MAX_AGE : maxAge));
    }
    if (postmarkUser != null && postmarkPassword != null) {
      hooks.put(
          "postmark",
          PostmarkWebhook.create(engine, clock, postmarkUser, postmarkPassword.reveal()));
    }
    return hooks;
  }
}
