package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance that died holding claims: restarted under the same instance id it sends what it had
 * claimed at once, another instance waits for the lease, and the message the dead instance had
 * recorded as being sent (uncertain) is sent by no one.
 */
class RestartUnderTheSameInstanceIdTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  private CampaignEngine engine(String instanceId) {
    return CampaignEngine.builder()
        .schedule(SendSchedule.calendarDays())
        .store(store)
        .sender(sender)
        .clock(clock)
        .from(new Mailbox("hello@4runr.test", "4Runr"))
        .instanceId(instanceId)
        .claimLease(LEASE)
        .build();
  }

  private static Lead lead(String name) {
    return Lead.builder("L-" + name, name + "@" + name + "-works.example")
        .firstName(name)
        .company(name + " Works")
        .companyDescription(name + " Works makes " + name + " instruments by hand.")
        .topServices(name + " instruments")
        .emailConfidence(EmailConfidence.REAL)
        .build();
  }

  /** What a crashed "svc-1" left: three Hooks claimed, the first recorded as being sent. */
  private CampaignMessage crashWhileSending() {
    engine("svc-1").enrol(List.of(lead("ada"), lead("grace"), lead("alan")));
    List<CampaignMessage> claimed = store.claimDueMessages(DAY0, "svc-1", LEASE, 10);
    assertThat(claimed).hasSize(3);
    CampaignMessage sending = claimed.get(0).withSending("<died-while-sending@4runr.test>");
    store.commit(
        StoreChanges.builder().expectClaim(sending.id(), "svc-1").message(sending).build());
    return sending;
  }

  @Test
  void restartedUnderItsIdItSendsItsClaimsAtOnceAndNotTheUncertainOne() {
    CampaignMessage uncertain = crashWhileSending();
    clock.set(DAY0.plusSeconds(5));

    CampaignEngine restarted = engine("svc-1");
    assertThat(restarted.runDue().sent()).isEqualTo(2);

    assertThat(sender.sent())
        .hasSize(2)
        .extracting(OutgoingEmail::messageId)
        .doesNotContain(uncertain.messageId());
    assertThat(restarted.uncertainMessages(null, 10))
        .extracting(CampaignMessage::id)
        .containsExactly(uncertain.id());
    // long after the lease, still nothing more: the uncertain one waits for a person
    clock.set(DAY0.plus(LEASE).plus(LEASE));
    restarted.runDue();
    engine("svc-2").runDue();
    assertThat(sender.sent()).hasSize(2);
    assertThat(store.findMessageByMessageId(uncertain.messageId()).orElseThrow().status())
        .isEqualTo(DeliveryStatus.SENDING);
  }

  @Test
  void anotherInstanceWaitsForTheLeaseBeforeTakingTheClaimsOver() {
    crashWhileSending();
    CampaignEngine other = engine("svc-2");

    clock.set(DAY0.plusSeconds(5));
    assertThat(other.runDue().sent()).isZero();
    clock.set(DAY0.plus(LEASE).plusSeconds(1));
    assertThat(other.runDue().sent()).isEqualTo(2);
    assertThat(sender.sent())
        .extracting(OutgoingEmail::messageId)
        .hasSize(2)
        .doesNotHaveDuplicates();
  }
}
