package com.fourrunr.campaign.esp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.ReplyCategory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MailgunWebhookTest {
  private static final String KEY = "test-signing-key-0123456789";
  private final EngineFixture f = new EngineFixture();
  private final MailgunWebhook webhook =
      MailgunWebhook.create(f.engine, f.clock, KEY, MailgunWebhook.DEFAULT_MAX_AGE);

  private static String hmac(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }

  private String body(String token, String signature, long timestamp, String eventData) {
    return """
        {"signature": {"timestamp": "%d", "token": "%s", "signature": "%s"},
         "event-data": %s}
        """
        .formatted(timestamp, token, signature, eventData);
  }

  private String signed(String token, String eventData) throws Exception {
    long ts = f.clock.instant().getEpochSecond();
    return body(token, hmac(KEY, ts + token), ts, eventData);
  }

  private String failed(String id, String severity, int code, String message) {
    String bareId = f.sentMessageId.substring(1, f.sentMessageId.length() - 1);
    return """
        {"id": "%s", "event": "failed", "severity": "%s", "reason": "bounce",
         "recipient": "%s", "timestamp": 1764579600.0,
         "message": {"headers": {"message-id": "%s", "subject": "Hello"}},
         "delivery-status": {"code": %d, "message": "%s", "description": ""}}
        """
        .formatted(id, severity, EngineFixture.ADA.email(), bareId, code, message);
  }

  private EspWebhookResponse post(String body) {
    return webhook.handle(EngineFixture.request(Map.of("Content-Type", "application/json"), body));
  }

  @Test
  void signedPermanentFailureIsActedOnOnce() throws Exception {
    String body =
        signed(
            "a".repeat(50),
            failed(
                "ev-1",
                "permanent",
                550,
                "5.1.1 The email account that you tried to reach does not exist"));

    EspWebhookResponse first = post(body);
    EspWebhookResponse again = post(body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(first.outcomes().get(0).campaignId()).isEqualTo(f.campaign().id());
    assertThat(f.reason(0)).isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isTrue();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.outcomes().get(0).duplicate()).isTrue();
    assertThat(f.classified()).hasSize(1);
  }

  @Test
  void fullMailboxIsASoftBounceAndATemporaryFailureIsIgnored() throws Exception {
    EspWebhookResponse temporary =
        post(signed("b".repeat(50), failed("ev-2", "temporary", 452, "4.2.2 Mailbox full")));
    EspWebhookResponse full =
        post(signed("c".repeat(50), failed("ev-3", "permanent", 552, "5.2.2 Mailbox full")));

    assertThat(temporary.status()).isEqualTo(200);
    assertThat(temporary.outcomes()).isEmpty();
    assertThat(full.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(f.reason(0)).isEqualTo(BounceReason.MAILBOX_FULL);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isFalse();
  }

  @Test
  void complaintStopsTheCampaign() throws Exception {
    String data =
        """
        {"id": "ev-4", "event": "complained", "recipient": "%s", "message": {"headers": {}}}
        """
            .formatted(EngineFixture.ADA.email());

    EspWebhookResponse r = post(signed("d".repeat(50), data));

    assertThat(r.outcomes().get(0).category()).isEqualTo(ReplyCategory.COMPLAINT);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
  }

  @Test
  void aTokenReplayedWithOtherEventDataIsRefused() throws Exception {
    String token = "e".repeat(50);
    String delivered =
        """
        {"id": "ev-5", "event": "delivered", "recipient": "%s"}
        """
            .formatted(EngineFixture.ADA.email());
    assertThat(post(signed(token, delivered)).status()).isEqualTo(200);
    int events = f.eventCount();

    EspWebhookResponse replay = post(signed(token, failed("ev-6", "permanent", 550, "5.1.1")));

    assertThat(replay.status()).isEqualTo(403);
    assertThat(f.eventCount()).isEqualTo(events);
    assertThat(f.store.findReply(EspIntake.replyId("mailgun", token))).isEmpty();
  }

  @Test
  void aTokenReplayedAfterARestartIsRefusedFromTheStore() throws Exception {
    String token = "f".repeat(50);
    post(signed(token, failed("ev-7", "permanent", 550, "5.1.1 user unknown")));
    MailgunWebhook restarted =
        MailgunWebhook.create(f.engine, f.clock, KEY, MailgunWebhook.DEFAULT_MAX_AGE);

    EspWebhookResponse replay =
        restarted.handle(
            EngineFixture.request(
                Map.of(), signed(token, failed("ev-8", "permanent", 550, "5.1.1 user unknown"))));

    assertThat(replay.status()).isEqualTo(403);
    assertThat(f.classified()).hasSize(1);
  }

  @Test
  void tamperedUnsignedAndStaleDeliveriesAreRefusedAndNothingIsStored() throws Exception {
    String token = "g".repeat(50);
    long ts = f.clock.instant().getEpochSecond();
    String data = failed("ev-9", "permanent", 550, "5.1.1");
    int events = f.eventCount();

    EspWebhookResponse wrongKey = post(body(token, hmac("other-key", ts + token), ts, data));
    EspWebhookResponse tamperedTime = post(body(token, hmac(KEY, ts + token), ts + 60, data));
    EspWebhookResponse unsigned = post("{\"event-data\": " + data + "}");
    String old = body(token, hmac(KEY, ts + token), ts, data);
    f.clock.advance(Duration.ofMinutes(16));
    EspWebhookResponse stale = post(old);

    assertThat(wrongKey.status()).isEqualTo(403);
    assertThat(tamperedTime.status()).isEqualTo(403);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(stale.status()).isEqualTo(403);
    assertThat(f.eventCount()).isEqualTo(events);
    assertThat(f.store.findReply(EspIntake.replyId("mailgun", token))).isEmpty();
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.ACTIVE);
  }
}
