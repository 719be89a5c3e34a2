package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private CampaignEngine engine;
  private InboundWebhook webhook;
  private String hook;

  @BeforeEach
  void start() {
    engine =
        CampaignEngine.builder()
            .store(store)
            .sender(sender)
            .clock(clock)
            .schedule(com.fourrunr.campaign.SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();
    engine.enrol(List.of(ADA));
    engine.runDue();
    hook = sender.sentTo(ADA.email()).get(0).messageId();
    webhook = InboundWebhook.create(engine, clock);
  }

  private static JsonNode body(InboundWebhook.Response r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void jsonFormIsStoredMatchedAndActedOn() throws Exception {
    String json =
        """
        {"from": "Ada <ada@engines.example>", "to": ["hello@4runr.example"], "subject": "Re: Hello",
         "text": "Interested, let's talk.\\n\\nOn Tue, Dec 1, 2026, 4Runr wrote:\\n> Not interested?",
         "headers": {"X-Mailer": "Webmail", "Received": ["a", "b"], "X-4Runr-DSN-Status": "5.1.1"},
         "message-id": "<json-1@engines.example>", "in-reply-to": "%s", "references": "%s"}
        """
            .formatted(hook, hook);

    InboundWebhook.Response r =
        webhook.handle(json.getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r).get("category").asText()).isEqualTo("INTERESTED");
    assertThat(body(r).get("replyId").asText()).isEqualTo("<json-1@engines.example>");
    StoredReply stored = store.findReply("<json-1@engines.example>").orElseThrow();
    assertThat(stored.reply().source()).isEqualTo("webhook");
    assertThat(stored.reply().headers().get("received")).containsExactly("a", "b");
    // A forged delivery-report header is dropped.
    assertThat(stored.reply().header(InboundReply.DSN_STATUS)).isNull();
    assertThat(store.findCampaignsByLead(ADA.id()).get(0).status())
        .isEqualTo(CampaignStatus.RESPONDED);
  }

  @Test
  void postingTheSameMailTwiceActsOnce() {
    String json =
        """
        {"from": "ada@engines.example", "subject": "Re: Hello", "text": "Please remove me.",
         "messageId": "<json-2@engines.example>", "inReplyTo": "%s"}
        """
            .formatted(hook);

    InboundWebhook.Response first =
        webhook.handle(json.getBytes(StandardCharsets.UTF_8), "application/json");
    InboundWebhook.Response second =
        webhook.handle(json.getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(first.body()).contains("UNSUBSCRIBE_REQUEST").contains("\"duplicate\":false");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).contains("\"duplicate\":true");
  }

  @Test
  void rawRfc822BounceIsParsedWithItsDeliveryReport() throws Exception {
    byte[] raw;
    try (InputStream in =
        getClass().getResourceAsStream("/replies/bounce-postfix-user-unknown.eml")) {
      raw =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("tom.reyes@bluepeak-energy.example", ADA.email())
              .replace("<c7f1a9e2-hook@4runr.example>", hook)
              .getBytes(StandardCharsets.UTF_8);
    }

    InboundWebhook.Response r = webhook.handle(raw, "message/rfc822");

    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r).get("category").asText()).isEqualTo(ReplyCategory.BOUNCE_HARD.name());
    assertThat(store.isSuppressed(ADA.email())).isTrue();
    StoredReply stored = store.replies().get(0);
    assertThat(stored.reply().header(InboundReply.DSN_STATUS)).isEqualTo("5.1.1");
    assertThat(stored.reply().header(InboundReply.DSN_FINAL_RECIPIENT)).isEqualTo(ADA.email());
    assertThat(stored.reply().header(InboundReply.DSN_ORIGINAL_MESSAGE_ID)).isEqualTo(hook);
  }

  @Test
  void jsonWithoutSenderIsRefusedNamingTheField() throws Exception {
    InboundWebhook.Response r =
        webhook.handle(
            "{\"subject\": \"hi\"}".getBytes(StandardCharsets.UTF_8),
            "application/json; charset=utf-8");

    assertThat(r.status()).isEqualTo(400);
    assertThat(body(r).get("field").asText()).isEqualTo("from");
    assertThat(store.replies()).isEmpty();
  }

  @Test
  void malformedJsonAndWrongTypesAreRefused() throws Exception {
    assertThat(
            webhook
                .handle("{not json".getBytes(StandardCharsets.UTF_8), "application/json")
                .status())
        .isEqualTo(400);
    InboundWebhook.Response r =
        webhook.handle(
            "{\"from\": \"a@b.example\", \"subject\": {\"x\": 1}}".getBytes(StandardCharsets.UTF_8),
            "application/json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(body(r).get("field").asText()).isEqualTo("subject");
  }

  @Test
  void otherContentTypesEmptyAndOversizedBodiesAreRefused() {
    assertThat(webhook.handle("x".getBytes(StandardCharsets.UTF_8), "image/png").status())
        .isEqualTo(415);
    assertThat(webhook.handle(new byte[0], "application/json").status()).isEqualTo(400);
    InboundWebhook small = InboundWebhook.create(engine::receive, clock, 10);
    assertThat(small.handle(new byte[11], "message/rfc822").status()).isEqualTo(413);
  }

  @Test
  void engineFailureAnswers500SoTheProviderPostsAgain() {
    InboundWebhook failing =
        InboundWebhook.create(
            r -> {
              throw new IllegalStateException("database down");
            },
            clock,
            1000);

    InboundWebhook.Response r =
        failing.handle(
            "{\"from\": \"a@b.example\"}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("database down");
  }
}
