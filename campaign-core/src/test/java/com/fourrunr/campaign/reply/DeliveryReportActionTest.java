package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 3464 delivery status notifications also report success: the actions "delivered", "relayed"
 * and "expanded" say the message reached (or was passed on towards) the recipient, so such a notice
 * is no bounce, while "failed" with the same status line is one.
 */
class DeliveryReportActionTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");

  private final RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();

  private static InboundReply report(String action, String status) {
    return InboundReply.builder("MAILER-DAEMON@mx.example.net", RECEIVED)
        .subject("Delivery Status Notification")
        .header("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"b\"")
        .header(InboundReply.DSN_ACTION, action)
        .header(InboundReply.DSN_STATUS, status)
        .text("Reporting-MTA: dns; mx.example.net\nAction: " + action + "\nStatus: " + status)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"delivered", "relayed", "expanded", "Delivered"})
  void aSuccessfulDeliveryNoticeIsAnAutoReplyNotABounce(String action) {
    ReplyClassification c = classifier.classify(report(action, "2.0.0"));

    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.evidence()).contains("action " + action.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"delivered", "relayed", "expanded"})
  void aSuccessActionWinsOverAPermanentStatusLine(String action) {
    // The action field is what the reporting MTA did; only "failed" and "delayed" are bounces.
    assertThat(classifier.classify(report(action, "5.1.1")).category())
        .isEqualTo(ReplyCategory.AUTO_REPLY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"failed", "delayed"})
  void failedAndDelayedReportsStayBounces(String action) {
    ReplyCategory c = classifier.classify(report(action, "5.1.1")).category();

    // RFC 3464 2.3.3: "failed" is final, so an unknown user is a hard bounce; "delayed" says the
    // MTA is still trying, so whatever its status line it is a bounce, and a transient one.
    assertThat(c)
        .isEqualTo(action.equals("failed") ? ReplyCategory.BOUNCE_HARD : ReplyCategory.BOUNCE_SOFT);
  }
}
