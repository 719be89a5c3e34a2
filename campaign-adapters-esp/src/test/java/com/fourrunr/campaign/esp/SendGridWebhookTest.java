package com.fourrunr.campaign.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyCategory;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendGridWebhookTest {
  private final EngineFixture f = new EngineFixture();
  private final KeyPair keys = keys();
  private final SendGridWebhook webhook =
      SendGridWebhook.create(
          f.engine,
          f.clock,
          Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
          SendGridWebhook.DEFAULT_MAX_AGE);

  private static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String sign(String timestamp, String body) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(keys.getPrivate());
    s.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(s.sign());
  }

  private String now() {
    return String.valueOf(f.clock.instant().getEpochSecond());
  }

  private String bounce(String id, String type, String status, String reason) {
    return """
        [{"email":"%s","timestamp":%d,"smtp-id":"%s","event":"bounce","category":["cat"],
          "sg_event_id":"%s","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
          "reason":"%s","status":"%s","type":"%s"},
         {"email":"%s","timestamp":%d,"event":"delivered","sg_event_id":"dlv-%s"}]
        """
        .formatted(
            EngineFixture.ADA.email(),
            f.clock.instant().getEpochSecond(),
            f.sentMessageId,
            id,
            reason,
            status,
            type,
            EngineFixture.ADA.email(),
            f.clock.instant().getEpochSecond(),
            id);
  }

  private EspWebhookResponse post(String timestamp, String signature, String body) {
    return webhook.handle(
        EngineFixture.request(
            Map.of(
                SendGridWebhook.TIMESTAMP_HEADER, timestamp,
                SendGridWebhook.SIGNATURE_HEADER, signature),
            body));
  }

  @Test
  void signedHardBounceStopsTheCampaignOnceAndSuppressesTheAddress() throws Exception {
    String body = bounce("sg-1", "bounce", "5.1.1", "550 5.1.1 The email account does not exist.");
    String ts = now();

    EspWebhookResponse first = post(ts, sign(ts, body), body);
    EspWebhookResponse again = post(ts, sign(ts, body), body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.outcomes()).hasSize(1);
    assertThat(first.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(first.outcomes().get(0).campaignId()).isEqualTo(f.campaign().id());
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isTrue();
    assertThat(f.classified()).hasSize(1);
    assertThat(f.reason(0)).isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.outcomes().get(0).duplicate()).isTrue();
    assertThat(f.classified()).hasSize(1);
  }

  @Test
  void blockedBounceKeepsTheLead() throws Exception {
    String body = bounce("sg-2", "blocked", "5.7.1", "550 5.7.1 IP listed at Spamhaus");
    String ts = now();

    EspWebhookResponse r = post(ts, sign(ts, body), body);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(f.reason(0)).isEqualTo(BounceReason.BLOCKED);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isFalse();
  }

  @Test
  void spamReportIsAComplaint() throws Exception {
    String body =
        """
        [{"email":"%s","timestamp":1,"event":"spamreport","sg_event_id":"sg-3"}]
        """
            .formatted(EngineFixture.ADA.email());
    String ts = now();

    EspWebhookResponse r = post(ts, sign(ts, body), body);

    assertThat(r.outcomes().get(0).category()).isEqualTo(ReplyCategory.COMPLAINT);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
  }

  @Test
  void tamperedUnsignedAndStaleDeliveriesAreRefusedAndNothingIsStored() throws Exception {
    String body = bounce("sg-4", "bounce", "5.1.1", "user unknown");
    String ts = now();
    String signature = sign(ts, body);
    int events = f.eventCount();

    EspWebhookResponse tampered = post(ts, signature, body.replace("5.1.1", "5.2.2"));
    EspWebhookResponse otherTime = post(String.valueOf(Long.parseLong(ts) + 1), signature, body);
    EspWebhookResponse unsigned = webhook.handle(EngineFixture.request(Map.of(), body));
    f.clock.advance(Duration.ofMinutes(16));
    EspWebhookResponse stale = post(ts, signature, body);

    assertThat(tampered.status()).isEqualTo(403);
    assertThat(otherTime.status()).isEqualTo(403);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(stale.status()).isEqualTo(403);
    assertThat(stale.message()).contains("stale");
    assertThat(f.store.findReply(EspIntake.replyId("sendgrid", "sg-4"))).isEmpty();
    assertThat(f.eventCount()).isEqualTo(events);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void aKeyThatIsNotAnEcKeyIsABadSettingNotQuoted() {
    assertThatThrownBy(
            () -> SendGridWebhook.create(f.engine, f.clock, "bm90LWEta2V5", Duration.ofMinutes(5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("verificationKey")
        .hasMessageNotContaining("bm90LWEta2V5");
  }

  @Test
  void malformedBodyWithAGoodSignatureIsABadRequest() throws Exception {
    String body = "{not json";
    String ts = now();
    assertThat(post(ts, sign(ts, body), body).status()).isEqualTo(400);
  }
}
