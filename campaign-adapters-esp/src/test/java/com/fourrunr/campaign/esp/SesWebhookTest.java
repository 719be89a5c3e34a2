package com.fourrunr.campaign.esp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.ReplyCategory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SesWebhookTest {
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-bounces";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static TestCertificate cert;
  private final EngineFixture f = new EngineFixture();
  private final MockWebServer aws = new MockWebServer();
  private SesWebhook webhook;
  private String certUrl;

  @BeforeAll
  static void makeCertificate() throws Exception {
    cert = TestCertificate.create(dir);
  }

  @BeforeEach
  void start() throws Exception {
    String pem = cert.pem();
    aws.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.endsWith(".pem")) {
              return new MockResponse.Builder().code(200).body(pem).build();
            }
            return new MockResponse.Builder()
                .code(200)
                .body("<ConfirmSubscriptionResponse/>")
                .build();
          }
        });
    aws.start();
    certUrl = aws.url("/SimpleNotificationService-abc.pem").toString();
    webhook =
        SesWebhook.builder(f.engine, f.clock, List.of(TOPIC))
            .urlRule(
                uri -> "http".equals(uri.getScheme()) && aws.getHostName().equals(uri.getHost()))
            .build();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private ObjectNode sns(String type, String message, String version) throws Exception {
    ObjectNode m = JSON.createObjectNode();
    m.put("Type", type);
    m.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
    if (type.equals("SubscriptionConfirmation")) {
      m.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a");
      m.put("SubscribeURL", aws.url("/?Action=ConfirmSubscription&TopicArn=" + TOPIC).toString());
    }
    m.put("TopicArn", TOPIC);
    if (type.equals("Notification")) {
      m.put("Subject", "Amazon SES Email Event Notification");
    }
    m.put("Message", message);
    m.put("Timestamp", f.clock.instant().minusSeconds(30).toString());
    m.put("SignatureVersion", version);
    m.put("SigningCertURL", certUrl);
    m.put("UnsubscribeURL", aws.url("/?Action=Unsubscribe").toString());
    sign(m);
    return m;
  }

  private void sign(ObjectNode m) throws Exception {
    Signature s =
        Signature.getInstance(
            m.get("SignatureVersion").asText().equals("1") ? "SHA1withRSA" : "SHA256withRSA");
    s.initSign(cert.key);
    s.update(SnsSignature.canonical(m).getBytes(StandardCharsets.UTF_8));
    m.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
  }

  private String bounce(String type, String subType, String status, String diagnostic) {
    return """
        {"notificationType":"Bounce",
         "bounce":{"bounceType":"%s","bounceSubType":"%s",
           "bouncedRecipients":[{"emailAddress":"%s","action":"failed","status":"%s",
             "diagnosticCode":"%s"}],
           "timestamp":"2026-12-01T08:59:00.000Z","feedbackId":"0102-abc","reportingMTA":"dsn; a.example"},
         "mail":{"timestamp":"2026-12-01T08:58:00.000Z","source":"hello@4runr.example",
           "messageId":"0102-ses-id","destination":["%s"],"headersTruncated":false,
           "headers":[{"name":"Message-ID","value":"%s"}],
           "commonHeaders":{"from":["hello@4runr.example"],"to":["%s"],"messageId":"%s",
             "subject":"Hello"}}}
        """
        .formatted(
            type,
            subType,
            EngineFixture.ADA.email(),
            status,
            diagnostic,
            EngineFixture.ADA.email(),
            f.sentMessageId,
            EngineFixture.ADA.email(),
            f.sentMessageId);
  }

  private EspWebhookResponse post(ObjectNode message) throws Exception {
    return post(JSON.writeValueAsString(message));
  }

  private EspWebhookResponse post(String body) {
    return webhook.handle(
        EngineFixture.request(Map.of("x-amz-sns-message-type", "Notification"), body));
  }

  @Test
  void signedPermanentBounceIsActedOnOnceWithBothSignatureVersions() throws Exception {
    ObjectNode v2 =
        sns(
            "Notification",
            bounce("Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown"),
            "2");

    EspWebhookResponse first = post(v2);
    EspWebhookResponse again = post(v2);

    assertThat(first.status()).as(first.message()).isEqualTo(200);
    assertThat(first.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(first.outcomes().get(0).campaignId()).isEqualTo(f.campaign().id());
    assertThat(f.reason(0)).isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isTrue();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.outcomes().get(0).duplicate()).isTrue();
    assertThat(f.classified()).hasSize(1);

    ObjectNode v1 = sns("Notification", bounce("Permanent", "General", "5.1.1", ""), "1");
    v1.put("MessageId", "other-message");
    sign(v1);
    assertThat(post(v1).status()).isEqualTo(200);
  }

  @Test
  void transientMailboxFullIsASoftBounceWithItsReason() throws Exception {
    EspWebhookResponse r =
        post(sns("Notification", bounce("Transient", "MailboxFull", "4.2.2", "over quota"), "2"));

    assertThat(r.outcomes().get(0).category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(f.reason(0)).isEqualTo(BounceReason.MAILBOX_FULL);
    assertThat(f.store.isSuppressed(EngineFixture.ADA.email())).isFalse();
  }

  @Test
  void complaintStopsTheCampaignAndDeliveryIsIgnored() throws Exception {
    String complaint =
        """
        {"notificationType":"Complaint",
         "complaint":{"complainedRecipients":[{"emailAddress":"%s"}],
           "timestamp":"2026-12-01T08:59:00.000Z","feedbackId":"0102-def",
           "complaintFeedbackType":"abuse"},
         "mail":{"messageId":"0102-ses-id","commonHeaders":{"messageId":"%s"}}}
        """
            .formatted(EngineFixture.ADA.email(), f.sentMessageId);
    String delivery =
        """
        {"notificationType":"Delivery","delivery":{"recipients":["%s"]},
         "mail":{"messageId":"0102-ses-id"}}
        """
            .formatted(EngineFixture.ADA.email());

    EspWebhookResponse delivered = post(sns("Notification", delivery, "2"));
    ObjectNode c = sns("Notification", complaint, "2");
    c.put("MessageId", "complaint-1");
    sign(c);
    EspWebhookResponse complained = post(c);

    assertThat(delivered.status()).isEqualTo(200);
    assertThat(delivered.outcomes()).isEmpty();
    assertThat(complained.outcomes().get(0).category()).isEqualTo(ReplyCategory.COMPLAINT);
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.STOPPED);
  }

  @Test
  void subscriptionConfirmationVisitsTheSubscribeUrl() throws Exception {
    EspWebhookResponse r =
        post(sns("SubscriptionConfirmation", "You have chosen to subscribe", "2"));

    assertThat(r.status()).as(r.message()).isEqualTo(200);
    RecordedRequest cert = aws.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest confirm = aws.takeRequest(5, TimeUnit.SECONDS);
    assertThat(cert).isNotNull();
    assertThat(confirm).isNotNull();
    assertThat(confirm.getUrl().queryParameter("Action")).isEqualTo("ConfirmSubscription");
  }

  @Test
  void tamperedUnsignedStaleAndForeignDeliveriesAreRefusedAndNothingIsStored() throws Exception {
    ObjectNode good = sns("Notification", bounce("Permanent", "General", "5.1.1", ""), "2");
    int events = f.eventCount();

    ObjectNode tampered = good.deepCopy();
    tampered.put("Message", bounce("Permanent", "General", "5.1.2", ""));
    ObjectNode unsigned = good.deepCopy();
    unsigned.remove("Signature");
    ObjectNode otherTopic = good.deepCopy();
    otherTopic.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:other");
    sign(otherTopic);
    ObjectNode badVersion = good.deepCopy();
    badVersion.put("SignatureVersion", "3");

    assertThat(post(tampered).status()).isEqualTo(403);
    assertThat(post(unsigned).status()).isEqualTo(401);
    assertThat(post("not json").status()).isEqualTo(401);
    assertThat(post(otherTopic).status()).isEqualTo(403);
    assertThat(post(badVersion).status()).isEqualTo(403);
    f.clock.advance(Duration.ofHours(2));
    EspWebhookResponse stale = post(good);
    assertThat(stale.status()).isEqualTo(403);
    assertThat(stale.message()).contains("stale");

    assertThat(f.eventCount()).isEqualTo(events);
    assertThat(
            f.store.findReply(EspIntake.replyId("ses", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324.0")))
        .isEmpty();
    assertThat(f.campaign().status()).isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void byDefaultOnlyHttpsSnsHostsAreTrustedForCertificatesAndSubscriptions() throws Exception {
    SesWebhook strict = SesWebhook.builder(f.engine, f.clock, List.of(TOPIC)).build();
    ObjectNode message = sns("Notification", bounce("Permanent", "General", "5.1.1", ""), "2");

    EspWebhookResponse r =
        strict.handle(EngineFixture.request(Map.of(), JSON.writeValueAsString(message)));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).contains("SigningCertURL");
    assertThat(aws.getRequestCount()).isZero();
    assertThat(
            SnsSignature.DEFAULT_URL_RULE.test(
                URI.create("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem")))
        .isTrue();
    assertThat(
            SnsSignature.DEFAULT_URL_RULE.test(
                URI.create("https://sns.eu-west-1.amazonaws.com.evil.example/x.pem")))
        .isFalse();
    assertThat(
            SnsSignature.DEFAULT_URL_RULE.test(
                URI.create("http://sns.eu-west-1.amazonaws.com/x.pem")))
        .isFalse();
  }
}
