package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service for the review and operations pages' tests (one application context shared by
 * the test classes extending this): a settable clock, a recording sender, operator {@code ana}, and
 * fixtures that put held campaigns, sent messages, replies and uncertain sends in the store.
 */
@SpringBootTest(
    classes = {CampaignServiceApplication.class, ConsoleOpsFixture.TestBeans.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleOpsFixture {
  static final String PASSWORD = "correct horse battery staple";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TestConfiguration
  static class TestBeans {
    @Bean
    @Primary
    Clock clock() {
      return new SettableClock(NOW);
    }

    @Bean
    @Primary
    Sender sender() {
      return new RecordingSender();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "campaign.store.embedded-path", () -> "target/test-data/" + UUID.randomUUID() + "/c");
    registry.add("campaign.runner.enabled", () -> "false");
    registry.add("campaign.mailboxes[0].address", () -> "hello@4runr.example");
    registry.add("campaign.mailboxes[0].smtp.host", () -> "127.0.0.1");
    registry.add("campaign.mailboxes[0].smtp.port", () -> "2525");
    registry.add("campaign.operators[0].username", () -> "ana");
    registry.add(
        "campaign.operators[0].password-hash",
        () -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
  }

  @LocalServerPort int port;
  @Autowired CampaignEngine engine;
  @Autowired Clock clock;
  @Autowired Sender sender;

  SettableClock settable() {
    return (SettableClock) clock;
  }

  RecordingSender recorded() {
    return (RecordingSender) sender;
  }

  static Lead lead(String id, String firstName, String email) {
    return Lead.builder(id, email)
        .firstName(firstName)
        .lastName("Tester")
        .company("Orbit Fresh")
        .companyDomain(email.substring(email.indexOf('@') + 1))
        .industry("Retail")
        .country("FR")
        .timezone("Europe/Paris")
        .companyDescription("Orbit Fresh delivers organic groceries to offices in Lyon.")
        .topServices("Grocery delivery")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  /** A campaign held for review with two steps, the first failing a brand rule. */
  Campaign held(Lead lead, String subject, String body) {
    Campaign c =
        Campaign.held(
            "C-" + lead.id(), lead.id(), engine.config(), clock.instant(), "held for review");
    CampaignMessage first =
        CampaignMessage.pending(
            "M-" + lead.id() + "-0", c.id(), lead.id(), 0, MessageType.HOOK, subject, body, null);
    CampaignMessage second =
        CampaignMessage.pending(
            "M-" + lead.id() + "-1",
            c.id(),
            lead.id(),
            1,
            MessageType.PROOF,
            "Following up on groceries",
            "Hi again, a short note after my last mail about deliveries to your Lyon offices.",
            null);
    CampaignEvent heldEvent =
        CampaignEvent.fromStored(
            UUID.randomUUID().toString(),
            EventType.CAMPAIGN_HELD,
            clock.instant(),
            c.id(),
            lead.id(),
            null,
            Map.of("reason", "gates failed 2 times: brand.placeholders"));
    CampaignEvent check =
        CampaignEvent.fromStored(
            UUID.randomUUID().toString(),
            EventType.MESSAGE_CHECKED,
            clock.instant(),
            c.id(),
            lead.id(),
            first.id(),
            Map.of(
                "step", "HOOK",
                "stepIndex", "0",
                "passed", "false",
                "verdict.brand.placeholders", "FAIL 0.000 {{first_name}}"));
    engine
        .store()
        .commit(
            StoreChanges.builder()
                .lead(lead)
                .campaign(c)
                .message(first)
                .message(second)
                .event(heldEvent)
                .event(check)
                .build());
    return c;
  }

  /** Enrols a lead and sends its first step; returns the sent message. */
  CampaignMessage enrolAndSendFirst(Lead lead) {
    engine.enrol(List.of(lead));
    Campaign c = engine.store().findCampaignsByLead(lead.id()).get(0);
    CampaignMessage first = engine.store().findMessages(c.id()).get(0);
    settable().set(Objects.requireNonNull(first.scheduledAt()));
    engine.runDue();
    return engine.store().findMessages(c.id()).get(0);
  }

  /** A mail kept for a person (NEEDS_REVIEW), answering {@code inReplyTo} when given. */
  String replyNeedingReview(String from, String messageId, String text, String inReplyTo) {
    InboundReply.Builder b =
        InboundReply.builder(from, clock.instant())
            .messageId(messageId)
            .subject("Re: your mail")
            .text(text);
    if (inReplyTo != null) {
      b.inReplyTo(inReplyTo);
    }
    return engine
        .receive(
            b.build(), new ReplyClassification(ReplyCategory.NEEDS_REVIEW, null, "not sure", 0.3))
        .replyId();
  }

  /** A message left SENDING (an uncertain send) for an active campaign. */
  CampaignMessage uncertain(Lead lead) {
    Campaign c = Campaign.start("C-" + lead.id(), lead.id(), engine.config(), clock.instant());
    CampaignMessage m =
        CampaignMessage.pending(
                "M-" + lead.id() + "-0",
                c.id(),
                lead.id(),
                0,
                MessageType.HOOK,
                "Groceries for your offices",
                "Hi, a note about deliveries.",
                null)
            .withScheduled(clock.instant())
            .withSending("<" + lead.id() + "@4runr.example>");
    engine.store().commit(StoreChanges.builder().lead(lead).campaign(c).message(m).build());
    return m;
  }

  DeliveryStatus statusOf(String messageId) {
    return engine.store().findMessageByMessageId(messageId).orElseThrow().status();
  }
}
