package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.config.Secret;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The ESP event webhooks ({@code CAMPAIGN_ESP_*}): bounces, complaints and unsubscribes reported by
 * the sending provider, served with {@code campaign.web.enabled=true} at {@code
 * <base-path>/webhooks/ses}, {@code /sendgrid}, {@code /mailgun} and {@code /postmark}, each only
 * when its key or credentials are given. Each delivery is checked with the provider's own signature
 * (SNS certificate, SendGrid ECDSA, Mailgun HMAC, Postmark basic auth).
 *
 * @param sesTopicArns the SNS topics whose Amazon SES notifications are accepted; none: SES off
 * @param sendgridVerificationKey SendGrid's signed Event Webhook verification key, a base64 EC
 *     public key (secret); absent: SendGrid off
 * @param mailgunSigningKey Mailgun's HTTP webhook signing key (secret); absent: Mailgun off
 * @param postmarkUser the basic-auth user put in the Postmark webhook URL, without {@code :};
 *     absent: Postmark off
 * @param postmarkPassword its password (secret); required with the user
 * @param maxAge how old a signed delivery may be; absent: each provider's default (SES one hour,
 *     SendGrid and Mailgun 15 minutes)
 */
public record EspProperties(
    @Nullable List<String> sesTopicArns,
    @Nullable String sendgridVerificationKey,
    @Nullable String mailgunSigningKey,
    @Nullable String postmarkUser,
    @Nullable String postmarkPassword,
    @Nullable Duration maxAge) {

  /** Never null: an empty list when no SES topic is configured. */
  public EspProperties {
    sesTopicArns = sesTopicArns == null ? List.of() : List.copyOf(sesTopicArns);
  }

  /** The SES topics, never null. */
  public List<String> sesTopicList() {
    return sesTopicArns == null ? List.of() : sesTopicArns;
  }

  @Override
  public String toString() {
    return "EspProperties[sesTopicArns="
        + sesTopicArns
        + ", sendgridVerificationKey="
        + mask(sendgridVerificationKey)
        + ", mailgunSigningKey="
        + mask(mailgunSigningKey)
        + ", postmarkUser="
        + postmarkUser
        + ", postmarkPassword="
        + mask(postmarkPassword)
        + ", maxAge="
        + maxAge
        + "]";
  }

  private static @Nullable String mask(@Nullable String secret) {
    return secret == null ? null : Secret.REDACTED;
  }
}
