package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sender;
import com.fourrunr.campaign.UncertainPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter queue, synchronous bounces and uncertain sends, on the settable clock with the
 * recording sender: retries exhausted go to the queue with their reason and a replay delivers them
 * once; a 5xx is a bounce, not retried; a crash between the server's acceptance and the record
 * resends nothing.
 */
class DeadLetterAndUncertainTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Mailbox FROM = new Mailbox("hello@4runr.test", "4Runr");

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();
  private final List<CampaignEvent> heard = new ArrayList<>();

  private static Lead lead(String name) {
    return Lead.builder("L-" + name, name + "@" + name + "-works.example")
        .firstName(name)
        .company(name + " Works")
        .companyDescription(name + " Works makes " + name + " instruments by hand.")
        .topServices(name + " instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  private CampaignEngineBuilder engine(Sender s) {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(s)
        .clock(clock)
        .from(FROM)
        .listener(heard::add);
  }

  private List<CampaignMessage> messagesOf(Lead lead) {
    return store.findMessages(store.findCampaignsByLead(lead.id()).get(0).id());
  }

  private Campaign campaignOf(Lead lead) {
    return store.findCampaignsByLead(lead.id()).get(0);
  }

  private void runDays(CampaignEngine engine, int first, int last) {
    for (int d = first; d <= last; d++) {
      clock.set(DAY0.plus(Duration.ofDays(d)));
      engine.runDue();
    }
  }

  /**
   * Three failed attempts at 0, +5 and +15 minutes (the default three attempts, 5 minutes
   * doubling).
   */
  private void failThreeAttempts(CampaignEngine engine) {
    for (int i = 0; i < 3; i++) {
      sender.failNext(SendException.transientFailure("451 4.3.0 try again later", 451));
    }
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofMinutes(5)));
    engine.runDue();
    clock.set(DAY0.plus(Duration.ofMinutes(15)));
    engine.runDue();
  }

  @Test
  void retriesExhaustedGoToTheDeadLetterQueueWithTheirReasonAndReplayDeliversThemOnce() {
    Lead ada = lead("ada");
    CampaignEngine engine = engine(sender).deadLetterQueue(true).build();
    engine.enrol(List.of(ada));

    failThreeAttempts(engine);

    CampaignMessage dead = messagesOf(ada).get(0);
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    assertThat(dead.lastError()).contains("451");
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(engine.deadLetters(null, 10)).containsExactly(dead);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.ACTIVE);
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.MESSAGE_DEAD_LETTERED)
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("error")).contains("451"));
    // Nothing more is tried by itself.
    runDays(engine, 1, 4);
    assertThat(sender.attempts()).isEqualTo(3);

    CampaignMessage replayed = engine.replayDeadLetter(dead.messageId());
    assertThat(replayed.status()).isEqualTo(DeliveryStatus.SCHEDULED);
    assertThat(engine.deadLetters(null, 10)).isEmpty();
    assertThat(engine.runDue().sent()).isEqualTo(1);
    runDays(engine, 5, 15);

    assertThat(sender.sentTo(ada.email()))
        .extracting(OutgoingEmail::messageId)
        .first()
        .isEqualTo(dead.messageId());
    assertThat(sender.sentTo(ada.email())).hasSize(3);
    assertThat(messagesOf(ada))
        .extracting(CampaignMessage::status)
        .containsOnly(DeliveryStatus.SENT);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.COMPLETED);
    assertThatThrownBy(() -> engine.replayDeadLetter(dead.messageId()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SENT");
  }

  @Test
  void deadLettersPageAndAreNotReplayedForAnEndedCampaign() {
    List<Lead> leads = List.of(lead("ada"), lead("grace"), lead("linus"));
    CampaignEngine engine = engine(sender).deadLetterQueue(true).build();
    engine.enrol(leads);
    for (int i = 0; i < 9; i++) {
      sender.failNext(SendException.transientFailure("421 4.7.0 too many connections", 421));
    }
    failThreeAttempts(engine);

    List<CampaignMessage> first = engine.deadLetters(null, 2);
    List<CampaignMessage> second = engine.deadLetters(first.get(1).id(), 2);
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    assertThat(sender.sent()).isEmpty();

    CampaignMessage grace = messagesOf(leads.get(1)).get(0);
    engine.stop(grace.campaignId(), "operator");
    assertThatThrownBy(() -> engine.replayDeadLetter(grace.messageId()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOPPED");
    assertThatThrownBy(() -> engine.replayDeadLetter("<nobody@4runr.test>"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("messageId");
    assertThatThrownBy(() -> engine.deadLetters(null, 0)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void permanentRefusalIsABounceNotRetriedAndStopsTheCampaign() {
    Lead ada = lead("ada");
    CampaignEngine engine = engine(sender).deadLetterQueue(true).build();
    engine.enrol(List.of(ada));
    sender.failNext(SendException.permanentFailure("550 5.1.1 user unknown", 550));

    engine.runDue();
    runDays(engine, 1, 10);

    assertThat(sender.attempts()).isEqualTo(1);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(messagesOf(ada).get(0).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(engine.deadLetters(null, 10)).isEmpty();
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.MESSAGE_BOUNCED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.attribute("replyCode")).isEqualTo("550");
              assertThat(e.attribute("error")).contains("user unknown");
            });
    assertThat(store.isSuppressed(ada.email())).isTrue();
  }

  /**
   * Thrown by a sender after the server accepted: the process dies before the engine records the
   * send.
   */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void crashBetweenAcceptanceAndRecordResendsNothingAfterRestartAndTheMessageIsUncertain() {
    Lead ada = lead("ada");
    Sender crashing =
        email -> {
          sender.send(email);
          throw new SimulatedCrash();
        };
    CampaignEngine before = engine(crashing).build();
    before.enrol(List.of(ada));
    assertThatThrownBy(before::runDue).isInstanceOf(SimulatedCrash.class);
    String messageId = sender.sent().get(0).messageId();

    // Restart: a new engine on the same store, days go by.
    CampaignEngine after = engine(sender).build();
    runDays(after, 0, 12);

    assertThat(sender.sent()).hasSize(1);
    CampaignMessage uncertain = messagesOf(ada).get(0);
    assertThat(uncertain.status()).isEqualTo(DeliveryStatus.SENDING);
    assertThat(after.uncertainMessages(null, 10)).containsExactly(uncertain);
    assertThat(uncertain.messageId()).isEqualTo(messageId);
    assertThatThrownBy(() -> after.resendUncertain(messageId))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NEVER_RESEND");
    assertThat(sender.sent()).hasSize(1);
  }

  @Test
  void uncertainMessageIsResentAfterReviewOnlyWhenThePolicyAllowsIt() {
    Lead ada = lead("ada");
    Sender crashing =
        email -> {
          sender.send(email);
          throw new SimulatedCrash();
        };
    CampaignEngine before = engine(crashing).build();
    before.enrol(List.of(ada));
    assertThatThrownBy(before::runDue).isInstanceOf(SimulatedCrash.class);
    String messageId = sender.sent().get(0).messageId();

    CampaignEngine reviewed =
        engine(sender).uncertainPolicy(UncertainPolicy.RESEND_AFTER_REVIEW).build();
    runDays(reviewed, 0, 1);
    assertThat(sender.sent()).hasSize(1);
    reviewed.resendUncertain(messageId);
    reviewed.runDue();

    assertThat(sender.sent())
        .extracting(OutgoingEmail::messageId)
        .containsExactly(messageId, messageId);
    assertThat(reviewed.uncertainMessages(null, 10)).isEmpty();
    assertThat(messagesOf(ada).get(0).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(heard)
        .filteredOn(e -> e.type() == EventType.MESSAGE_REPLAYED)
        .singleElement()
        .satisfies(e -> assertThat(e.attribute("from")).isEqualTo("SENDING"));
  }

  @Test
  void withoutTheDeadLetterQueueExhaustedRetriesStillFailAndStopTheCampaign() {
    Lead ada = lead("ada");
    CampaignEngine engine = engine(sender).build();
    engine.enrol(List.of(ada));

    failThreeAttempts(engine);

    assertThat(messagesOf(ada).get(0).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(campaignOf(ada).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(engine.deadLetters(null, 10)).isEmpty();
    assertThat(heard).noneMatch(e -> e.type() == EventType.MESSAGE_BOUNCED);
  }
}
