package com.fourrunr.campaign.reply;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recognises feedback-loop reports (a recipient marked the mail as spam): ARF (RFC 5965, {@code
 * multipart/report; report-type=feedback-report}, a {@code Feedback-Type} field) and the non-ARF
 * formats: Microsoft's JMRP ({@code X-HmXmrOriginalRecipient}, "complaint about message from"), the
 * older AOL and Yahoo notices ("email abuse report"), and Amazon SES complaint notifications
 * ({@code "notificationType":"Complaint"}). Stateless.
 */
final class FeedbackReports {
  private FeedbackReports() {}

  private static final List<String> REPORT_TEXT =
      List.of(
          "feedback-type: abuse",
          "feedback-type: fraud",
          "feedback-type: complaint",
          "\"notificationtype\":\"complaint\"",
          "\"notificationtype\": \"complaint\"",
          "\"eventtype\":\"complaint\"",
          "\"eventtype\": \"complaint\"",
          "\"complainedrecipients\"",
          "this is an email abuse report",
          "this is an abuse report",
          "email abuse report for an email message",
          "junk mail reporting program",
          "a user has reported this message as spam",
          "marked this message as spam",
          "reported this message as spam",
          "has been reported as spam by",
          "was reported as spam by",
          "spam complaint from",
          "complaint feedback loop");

  private static final List<String> REPORT_SUBJECT =
      List.of(
          "complaint about message from",
          "email abuse report",
          "abuse report",
          "spam report",
          "client tos notification",
          "spam complaint",
          "feedback loop report",
          "fbl report");

  /**
   * The complaint verdict, or null when the mail is no feedback report.
   *
   * @param reply the mail
   * @param text its text, lower-cased
   */
  static @Nullable ReplyClassification verdict(InboundReply reply, String text) {
    String contentType = RuleBasedReplyClassifier.lower(reply.header("Content-Type"));
    String feedbackType = RuleBasedReplyClassifier.lower(reply.header("Feedback-Type"));
    String evidence = null;
    if (contentType.contains("feedback-report")) {
      evidence = "feedback report (ARF)";
    } else if (!feedbackType.isEmpty() && !feedbackType.startsWith("not-spam")) {
      evidence = "Feedback-Type: " + feedbackType;
    } else if (reply.header("X-HmXmrOriginalRecipient") != null) {
      evidence = "JMRP report (X-HmXmrOriginalRecipient)";
    } else {
      String head = text.length() > 8_000 ? text.substring(0, 8_000) : text;
      String hit = RuleBasedReplyClassifier.firstHit(head, REPORT_TEXT);
      if (hit != null) {
        evidence = "feedback report text: " + hit;
      } else {
        String subjectHit =
            RuleBasedReplyClassifier.firstHit(
                RuleBasedReplyClassifier.lower(reply.subject()), REPORT_SUBJECT);
        if (subjectHit != null && automatedSender(reply)) {
          evidence = "feedback report subject: " + subjectHit;
        }
      }
    }
    return evidence == null
        ? null
        : new ReplyClassification(ReplyCategory.COMPLAINT, null, evidence, 1.0);
  }

  /** A report subject counts only from a machine: a person may write "abuse report" too. */
  private static boolean automatedSender(InboundReply reply) {
    String from = reply.from();
    return from.startsWith("staff@hotmail.com")
        || from.contains("abuse")
        || from.contains("feedback")
        || from.contains("fbl")
        || from.contains("complaints")
        || from.contains("scomp")
        || reply.header("Auto-Submitted") != null
        || DeliveryReports.fromDaemon(from);
  }
}
