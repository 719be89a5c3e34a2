package com.fourrunr.campaign;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a campaign: one step written for one lead, and how its delivery went. Immutable;
 * the {@code with...} methods make changed copies.
 *
 * @param id the message's id in the store
 * @param campaignId its campaign
 * @param leadId the lead it is written to
 * @param stepIndex its place in the sequence, from 0
 * @param type the step's job
 * @param subject the subject line
 * @param textBody the plain-text body
 * @param htmlBody an HTML body, or null for text only
 * @param status where its delivery stands
 * @param scheduledAt when it is (or was) due, or null while it waits for the previous step
 * @param sentAt when the mail server accepted it, or null
 * @param messageId the RFC 5322 Message-ID (with angle brackets), assigned and stored before the
 *     send
 * @param attempts how many sends were tried
 * @param lastError the last failure, or null
 * @param providerResponse what the mail server answered on acceptance, or null
 */
public record CampaignMessage(
    String id,
    String campaignId,
    String leadId,
    int stepIndex,
    MessageType type,
    String subject,
    String textBody,
    @Nullable String htmlBody,
    DeliveryStatus status,
    @Nullable Instant scheduledAt,
    @Nullable Instant sentAt,
    @Nullable String messageId,
    int attempts,
    @Nullable String lastError,
    @Nullable String providerResponse) {

  /** Checks the required fields. */
  public CampaignMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(textBody, "textBody");
    Objects.requireNonNull(status, "status");
    if (stepIndex < 0) {
      throw new IllegalArgumentException("stepIndex must not be negative");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    if (status == DeliveryStatus.SCHEDULED && scheduledAt == null) {
      throw new IllegalArgumentException("a SCHEDULED message needs scheduledAt");
    }
  }

  /** A written message waiting for its turn. */
  public static CampaignMessage pending(
      String id,
      String campaignId,
      String leadId,
      int stepIndex,
      MessageType type,
      String subject,
      String textBody,
      @Nullable String htmlBody) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        DeliveryStatus.PENDING,
        null,
        null,
        null,
        0,
        null,
        null);
  }

  /** This message due at {@code at}. */
  public CampaignMessage withScheduled(Instant at) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        DeliveryStatus.SCHEDULED,
        at,
        sentAt,
        messageId,
        attempts,
        lastError,
        providerResponse);
  }

  /** This message handed to the sender with its Message-ID, one more attempt counted. */
  public CampaignMessage withSending(String assignedMessageId) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        DeliveryStatus.SENDING,
        scheduledAt,
        sentAt,
        assignedMessageId,
        attempts + 1,
        lastError,
        providerResponse);
  }

  /** This message accepted by the server. */
  public CampaignMessage withSent(Instant at, @Nullable String response) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        DeliveryStatus.SENT,
        scheduledAt,
        at,
        messageId,
        attempts,
        lastError,
        response);
  }

  /** This message to be tried again at {@code at} after {@code error}. */
  public CampaignMessage withRetry(Instant at, String error) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        DeliveryStatus.SCHEDULED,
        at,
        sentAt,
        messageId,
        attempts,
        error,
        providerResponse);
  }

  /** This message given up after {@code error}. */
  public CampaignMessage withFailed(String error) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        DeliveryStatus.FAILED,
        scheduledAt,
        sentAt,
        messageId,
        attempts,
        error,
        providerResponse);
  }

  /**
   * This message in another status, its other fields kept (PENDING on pause, CANCELLED on an end).
   */
  public CampaignMessage withStatus(DeliveryStatus newStatus) {
    return new CampaignMessage(
        id,
        campaignId,
        leadId,
        stepIndex,
        type,
        subject,
        textBody,
        htmlBody,
        newStatus,
        scheduledAt,
        sentAt,
        messageId,
        attempts,
        lastError,
        providerResponse);
  }
}
