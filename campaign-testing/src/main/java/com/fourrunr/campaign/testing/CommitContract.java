package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.CONFIG;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static com.fourrunr.campaign.testing.StoreContractFixtures.event;
import static com.fourrunr.campaign.testing.StoreContractFixtures.lead;
import static com.fourrunr.campaign.testing.StoreContractFixtures.message;
import static com.fourrunr.campaign.testing.StoreContractFixtures.reply;
import static com.fourrunr.campaign.testing.StoreContractFixtures.storeNewCampaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a {@link CampaignStore} commits: a {@link StoreChanges} is written whole or not at all,
 * campaign versions guard concurrent writers, and every field of what it keeps survives the store.
 * {@link CampaignStoreContract} runs these cases.
 */
public interface CommitContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  @Test
  default void commitWritesEveryKindOfChange() {
    CampaignStore store = storeUnderTest();
    Campaign c = Campaign.start("C-1", "L-1", CONFIG, T0);
    CampaignMessage m = message("M-1", "C-1", 0).withScheduled(T0).withSending("<m1@4runr.test>");

    store.commit(
        StoreChanges.builder()
            .lead(lead("L-1", "Ada@Example.com"))
            .campaign(c)
            .message(m)
            .event(event("E-1", EventType.CAMPAIGN_CREATED, "C-1"))
            .suppression(new Suppression("Blocked@Example.com", "UNSUBSCRIBE_REQUEST", T0))
            .reply(reply("<r1@example.com>"))
            .build());

    assertThat(store.findLead("L-1")).isPresent();
    assertThat(store.findLeadsByEmail("ADA@example.com"))
        .extracting(Lead::id)
        .containsExactly("L-1");
    assertThat(store.findCampaign("C-1")).contains(c);
    assertThat(store.findCampaignsByLead("L-1")).containsExactly(c);
    assertThat(store.findMessages("C-1")).containsExactly(m);
    assertThat(store.findMessageByMessageId("<m1@4runr.test>")).contains(m);
    assertThat(store.findEvents("C-1")).extracting(CampaignEvent::id).containsExactly("E-1");
    assertThat(store.isSuppressed("blocked@example.com")).isTrue();
    assertThat(store.isSuppressed(" BLOCKED@example.COM ")).isTrue();
    assertThat(store.findReply("<r1@example.com>")).isPresent();
  }

  @Test
  default void aCampaignKeepsItsAbExperimentsInTheStore() {
    CampaignStore store = storeUnderTest();
    com.fourrunr.campaign.Sequence sequence =
        new com.fourrunr.campaign.Sequence(
            "ab",
            List.of(
                new com.fourrunr.campaign.SequenceStep(MessageType.HOOK, 0)
                    .withExperiment(
                        com.fourrunr.campaign.Experiment.of(
                            "hook-subject",
                            com.fourrunr.campaign.Variant.of("A", 3),
                            com.fourrunr.campaign.Variant.of("B", 1)
                                .withSubjectHint("Hi {firstName}")
                                .withBodyHint("open with a number"))),
                new com.fourrunr.campaign.SequenceStep(MessageType.PROOF, 3)
                    .withExperiment(
                        com.fourrunr.campaign.Experiment.of(
                            "proof-timing",
                            com.fourrunr.campaign.Variant.of("late", 1)
                                .withInterval(5)
                                .withWindow(
                                    java.time.LocalTime.of(14, 0),
                                    java.time.LocalTime.of(16, 30)))),
                new com.fourrunr.campaign.SequenceStep(MessageType.FOMO, 4)));
    Campaign c = Campaign.start("C-ab", "L-1", CONFIG.withSequence(sequence), T0);
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@example.com")).campaign(c).build());

    assertThat(store.findCampaign("C-ab").orElseThrow().config()).isEqualTo(c.config());
  }

  @Test
  default void staleCampaignVersionWritesNothingOfTheCommit() {
    CampaignStore store = storeUnderTest();
    Campaign c0 = storeNewCampaign(store, "C-1");
    Campaign c1 = c0.pausedUntil(null, "first writer", T0.plusSeconds(1));
    store.commit(StoreChanges.builder().campaign(c1).build());
    List<CampaignEvent> eventsBefore = store.findEvents("C-1");

    // A second writer still holding version 0 makes its own change.
    Campaign stale = c0.transitionTo(CampaignStatus.STOPPED, "second writer", T0.plusSeconds(2));
    StoreChanges commit =
        StoreChanges.builder()
            .lead(lead("L-2", "grace@navy.example"))
            .campaign(Campaign.start("C-2", "L-2", CONFIG, T0))
            .campaign(stale)
            .message(message("M-9", "C-1", 0).withScheduled(T0))
            .event(event("E-9", EventType.CAMPAIGN_STOPPED, "C-1"))
            .suppression(new Suppression("ada@example.com", "BOUNCE_HARD", T0))
            .reply(reply("<r9@example.com>"))
            .build();

    assertThatThrownBy(() -> store.commit(commit))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("C-1")
        .hasMessageContaining("version 1")
        .hasMessageContaining("expected 0");

    assertThat(store.findCampaign("C-1")).contains(c1);
    assertThat(store.findLead("L-2")).isEmpty();
    assertThat(store.findLeadsByEmail("grace@navy.example")).isEmpty();
    assertThat(store.findCampaign("C-2")).isEmpty();
    assertThat(store.findCampaignsByLead("L-2")).isEmpty();
    assertThat(store.findMessages("C-1")).isEmpty();
    assertThat(store.findDueMessages(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    assertThat(store.findEvents("C-1")).isEqualTo(eventsBefore);
    assertThat(store.findEventsByType(EventType.CAMPAIGN_STOPPED, null, 10)).isEmpty();
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.findReply("<r9@example.com>")).isEmpty();
  }

  @Test
  default void newCampaignWhoseIdExistsIsRefused() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    Campaign again = Campaign.start("C-1", "L-1", CONFIG, T0.plusSeconds(5));

    assertThatThrownBy(() -> store.commit(StoreChanges.builder().campaign(again).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findCampaign("C-1").orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(store.findCampaignsByLead("L-1")).hasSize(1);
  }

  @Test
  default void updateOfACampaignThatWasNeverStoredIsRefused() {
    CampaignStore store = storeUnderTest();
    Campaign ghost =
        Campaign.start("C-x", "L-1", CONFIG, T0).transitionTo(CampaignStatus.STOPPED, "x", T0);

    assertThatThrownBy(() -> store.commit(StoreChanges.builder().campaign(ghost).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findCampaign("C-x")).isEmpty();
  }

  @Test
  default void onlyOneOfManyConcurrentWritersOfOneVersionWins() throws Exception {
    CampaignStore store = storeUnderTest();
    Campaign c0 = storeNewCampaign(store, "C-1");
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String reason = "writer " + i;
        Callable<Boolean> write =
            () -> {
              start.await();
              try {
                store.commit(
                    StoreChanges.builder()
                        .campaign(c0.transitionTo(CampaignStatus.STOPPED, reason, T0))
                        .event(event("E-" + reason, EventType.CAMPAIGN_STOPPED, "C-1"))
                        .build());
                return true;
              } catch (ConcurrentUpdateException e) {
                return false;
              }
            };
        results.add(pool.submit(write));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> r : results) {
        if (r.get(30, TimeUnit.SECONDS)) {
          wins++;
        }
      }

      assertThat(wins).isEqualTo(1);
      Campaign stored = store.findCampaign("C-1").orElseThrow();
      assertThat(stored.version()).isEqualTo(1);
      assertThat(store.findEvents("C-1"))
          .singleElement()
          .satisfies(e -> assertThat(e.id()).isEqualTo("E-" + stored.statusReason()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void eventWithAKnownIdIsStoredOnce() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder().event(event("E-1", EventType.CAMPAIGN_CREATED, "C-1")).build());
    store.commit(
        StoreChanges.builder().event(event("E-1", EventType.CAMPAIGN_CREATED, "C-1")).build());

    assertThat(store.findEventsByType(EventType.CAMPAIGN_CREATED, null, 10)).hasSize(1);
    assertThat(store.findEvents("C-1")).hasSize(1);
  }

  @Test
  default void suppressionKeepsItsFirstEntry() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder()
            .suppression(new Suppression("ada@example.com", "BOUNCE_HARD", T0))
            .build());
    store.commit(
        StoreChanges.builder()
            .suppression(
                new Suppression("ADA@example.com", "UNSUBSCRIBE_REQUEST", T0.plusSeconds(9)))
            .build());

    assertThat(store.isSuppressed("ada@example.com")).isTrue();
    assertThat(store.isSuppressed("grace@navy.example")).isFalse();
  }

  @Test
  default void replacingALeadMovesItToItsNewAddress() {
    CampaignStore store = storeUnderTest();
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@old.example")).build());
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@new.example")).build());

    assertThat(store.findLeadsByEmail("ada@old.example")).isEmpty();
    assertThat(store.findLeadsByEmail("ada@new.example"))
        .extracting(Lead::id)
        .containsExactly("L-1");
  }

  @Test
  default void everyFieldOfLeadsCampaignsMessagesEventsAndRepliesSurvivesTheStore() {
    CampaignStore store = storeUnderTest();
    Lead lead =
        Lead.builder("L-full", "ada@example.com")
            .firstName("Ada")
            .lastName("Lovelace")
            .title("Head of Growth")
            .company("Analytical Engines")
            .companyDomain("engines.example")
            .industry("Computing")
            .companySize("51-200")
            .city("London")
            .region("England")
            .country("GB")
            .timezone("Europe/London")
            .emailConfidence("Pattern")
            .companyDescription("Builds engines.")
            .topServices("Engine design; Punched cards")
            .tone("warm")
            .linkedinUrl("https://www.linkedin.com/in/ada-example")
            .engagementStatus("contacted")
            .customField("lead_score", "91")
            .customField("source", "airtable")
            .build();
    CampaignConfig config =
        new CampaignConfig(
            new com.fourrunr.campaign.Sequence(
                "two",
                List.of(
                    new com.fourrunr.campaign.SequenceStep(MessageType.HOOK, 0),
                    new com.fourrunr.campaign.SequenceStep(new MessageType("Nudge"), 5))),
            new Mailbox("sales@4runr.test", "4Runr Sales"),
            4,
            Duration.ofMinutes(7));
    Instant t = Instant.parse("2026-03-02T09:00:00.123456Z");
    Campaign campaign =
        Campaign.start("C-full", lead.id(), config, t)
            .pausedUntil(t.plus(Duration.ofDays(2)), "out of office", t.plusSeconds(1));
    CampaignMessage message =
        new CampaignMessage(
            "M-full",
            "C-full",
            lead.id(),
            1,
            new MessageType("Nudge"),
            "Subject \u00e9",
            "Body\nline 2",
            "<p>Body</p>",
            DeliveryStatus.SENT,
            t,
            t.plusSeconds(3),
            "<full@4runr.test>",
            2,
            "421 try later",
            "250 2.0.0 Ok");
    CampaignEvent event =
        new CampaignEvent(
            "E-full",
            t,
            "C-full",
            lead.id(),
            "M-full",
            new EventPayload.MessageSent("Nudge", "<full@4runr.test>", null, false));
    InboundReply inbound =
        InboundReply.builder("ada@example.com", t)
            .messageId("<in@example.com>")
            .to("sales@4runr.test")
            .subject("Re: Subject")
            .text("Interested")
            .inReplyTo("<full@4runr.test>")
            .references(List.of("<a@4runr.test>", "<full@4runr.test>"))
            .header("Auto-Submitted", "no")
            .header("Received", "one")
            .header("Received", "two")
            .source("imap:INBOX")
            .build();
    StoredReply reply =
        new StoredReply(
            "<in@example.com>",
            inbound,
            "C-full",
            com.fourrunr.campaign.ReplyCategory.INTERESTED,
            "campaign RESPONDED");
    Suppression suppression = new Suppression("ada@example.com", "UNSUBSCRIBE_REQUEST", t);

    Campaign created = Campaign.start("C-full", lead.id(), config, t);
    store.commit(StoreChanges.builder().lead(lead).campaign(created).build());
    store.commit(
        StoreChanges.builder()
            .campaign(campaign)
            .message(message)
            .event(event)
            .reply(reply)
            .suppression(suppression)
            .build());

    assertThat(store.findLead("L-full")).contains(lead);
    assertThat(store.findCampaign("C-full")).contains(campaign);
    assertThat(store.findMessages("C-full")).containsExactly(message);
    assertThat(store.findEvents("C-full")).containsExactly(event);
    assertThat(store.findReply("<in@example.com>")).contains(reply);
    assertThat(store.isSuppressed("ADA@example.com")).isTrue();
  }
}
