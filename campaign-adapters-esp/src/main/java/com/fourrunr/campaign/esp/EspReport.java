package com.fourrunr.campaign.esp;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.ReplyCategory;
import org.jspecify.annotations.Nullable;

/**
 * One bounce or complaint an ESP reported, before it is handed to the engine.
 *
 * @param provider the provider ({@code ses}, {@code sendgrid}, {@code mailgun}, {@code postmark})
 * @param eventId the provider's id of the event, unique per event (the key that makes a redelivery
 *     idempotent)
 * @param recipient the address the report is about
 * @param originalMessageId the Message-ID of the mail the report is about, when the provider echoes
 *     it
 * @param category the category
 * @param reason for a bounce, its reason
 * @param status the RFC 3463 status, when given
 * @param diagnostic the provider's or remote server's text
 * @param evidence what decided the category, for people checking
 * @param detailId a second provider id kept with the report (Mailgun's event id, whose key is the
 *     signature token), or null
 */
record EspReport(
    String provider,
    String eventId,
    String recipient,
    @Nullable String originalMessageId,
    ReplyCategory category,
    @Nullable BounceReason reason,
    @Nullable String status,
    String diagnostic,
    String evidence,
    @Nullable String detailId) {

  EspReport withDetailId(@Nullable String id) {
    return new EspReport(
        provider,
        eventId,
        recipient,
        originalMessageId,
        category,
        reason,
        status,
        diagnostic,
        evidence,
        id);
  }

  static EspReport bounce(
      String provider,
      String eventId,
      String recipient,
      @Nullable String originalMessageId,
      BounceReason reason,
      boolean permanentClass,
      @Nullable String status,
      String diagnostic,
      String evidence) {
    return new EspReport(
        provider,
        eventId,
        recipient,
        originalMessageId,
        reason.isHard(permanentClass) ? ReplyCategory.BOUNCE_HARD : ReplyCategory.BOUNCE_SOFT,
        reason,
        status,
        diagnostic,
        evidence,
        null);
  }

  static EspReport complaint(
      String provider,
      String eventId,
      String recipient,
      @Nullable String originalMessageId,
      String evidence) {
    return new EspReport(
        provider,
        eventId,
        recipient,
        originalMessageId,
        ReplyCategory.COMPLAINT,
        null,
        null,
        "",
        evidence,
        null);
  }
}
