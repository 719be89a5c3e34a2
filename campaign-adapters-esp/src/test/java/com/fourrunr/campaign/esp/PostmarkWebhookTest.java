package com.fourrunr.campaign.esp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.ReplyCategory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostmarkWebhookTest {
  private final EngineFixture f = new EngineFixture();
  private final PostmarkWebhook webhook =
      PostmarkWebhook.create(f.engine, f.clock, "postmark", "s3cret-pass");

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String bounce(long id, String type, String details) {
    return """
        {"RecordType": "Bounce", "ID": %d, "Type": "%s", "TypeCode": 1, "Name": "Bounce",
         "Tag": "outreach", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
         "ServerID": 23, "MessageStream": "outbound",
         "Description": "The server was unable to deliver your message.",
         "Details": "%s", "Email": "%s", "From": "hello@4runr.example",
         "BouncedAt": "2026-12-01T08:59:00Z", "DumpAvailable": false, "Inactive": true,
         "CanActivate": true, "Subject": "Hello", "Metadata": {}}
        """
        .formatted(id, type, details, EngineFixture.ADA.email());
  }

  private EspWebhookResponse post(String auth, String body) {
    return webhook.handle(EngineFixture.request(Map.of("Authorization", auth), body));
  }

  @Test
  void hardBounceWithTheRightCredentialsIsActedOnOnce() {
    String body = bounce(42, "HardBounce", "smtp;550 5.1.1 The email account does not exist");

    EspWebhookResponse first = post(basic("postmark", "s3cret-pass"), body);
    EspWebhookResponse again = post(basic("postmark", "s3cret-pass"), body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(f.reason(0)).isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isTrue();
    assertThat(again.outcomes().get(0).duplicate()).isTrue();
    assertThat(f.classified()).hasSize(1);
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
    "SoftBounce, BOUNCE_SOFT, MAILBOX_FULL, 452 4.2.2 mailbox full",
    "DnsError, BOUNCE_SOFT, NETWORK, DNS lookup failed",
    "Blocked, BOUNCE_SOFT, BLOCKED, ISP block",
    "SpamNotification, BOUNCE_SOFT, SPAM_FILTERED, spam filter",
    "DMARCPolicy, BOUNCE_SOFT, POLICY, DMARC",
    "BadEmailAddress, BOUNCE_HARD, USER_UNKNOWN, invalid address",
  })
  void bounceTypesMapToTheSameCategoriesAndReasons(
      String type, ReplyCategory category, BounceReason reason, String details) {
    EspWebhookResponse r = post(basic("postmark", "s3cret-pass"), bounce(7, type, details));

    assertThat(r.outcomes().get(0).category()).isEqualTo(category);
    assertThat(f.reason(0)).isEqualTo(reason);
  }

  @Test
  void spamComplaintRecordIsAComplaint() {
    String body =
        """
        {"RecordType": "SpamComplaint", "ID": 43, "Type": "SpamComplaint", "TypeCode": 512,
         "Email": "%s", "MessageID": "x", "Details": "", "BouncedAt": "2026-12-01T08:59:00Z"}
        """
            .formatted(EngineFixture.ADA.email());

    EspWebhookResponse r = post(basic("postmark", "s3cret-pass"), body);

    assertThat(r.outcomes().get(0).category()).isEqualTo(ReplyCategory.COMPLAINT);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
  }

  @Test
  void subscribeAndApiErrorRecordsAreIgnored() {
    assertThat(post(basic("postmark", "s3cret-pass"), bounce(8, "SMTPApiError", "")).outcomes())
        .isEmpty();
    assertThat(f.classified()).isEmpty();
  }

  @Test
  void missingOrWrongCredentialsAreRefusedAndNothingIsStored() {
    String body = bounce(44, "HardBounce", "5.1.1");
    int events = f.eventCount();

    EspWebhookResponse none = webhook.handle(EngineFixture.request(Map.of(), body));
    EspWebhookResponse wrong = post(basic("postmark", "guess"), body);

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.message()).doesNotContain("s3cret");
    assertThat(f.eventCount()).isEqualTo(events);
    assertThat(f.store.findReply(EspIntake.replyId("postmark", "Bounce-44"))).isEmpty();
  }
}
