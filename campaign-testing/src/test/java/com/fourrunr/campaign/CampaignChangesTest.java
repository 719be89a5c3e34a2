package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.spi.StoreChanges;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ending, completing and suppressing, as the dispatcher, the replies and the operators share them.
 */
class CampaignChangesTest {
  private final EngineParts p = new EngineParts();

  @Test
  void endingACampaignCancelsItsOutstandingMessagesWithOneEventEach() {
    Campaign c = p.due("1");
    p.campaigns.end(
        c,
        CampaignStatus.STOPPED,
        "test",
        p.clock.instant(),
        StoreChanges.builder(),
        new ArrayList<>());

    assertThat(p.store.findCampaign("C-1").orElseThrow().status())
        .isEqualTo(CampaignStatus.STOPPED);
    assertThat(p.message("1").status()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(p.heardTypes())
        .containsExactly(EventType.CAMPAIGN_STOPPED, EventType.MESSAGE_CANCELLED);
  }

  @Test
  void completeIfActiveCompletesOnlyAnActiveCampaign() {
    p.due("1");
    p.due("2");
    p.actions.pause("C-2", "test");

    p.campaigns.completeIfActive("C-1", p.clock.instant());
    p.campaigns.completeIfActive("C-2", p.clock.instant());

    assertThat(p.store.findCampaign("C-1").orElseThrow().status())
        .isEqualTo(CampaignStatus.COMPLETED);
    assertThat(p.store.findCampaign("C-2").orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
  }

  @Test
  void anAddressIsSuppressedOnceAndAnUnknownCampaignIsAClearError() {
    List<CampaignEvent> events = new ArrayList<>();
    StoreChanges.Builder changes = StoreChanges.builder();
    p.campaigns.suppress("ada@acme.test", "TEST", p.clock.instant(), null, changes, events);
    events.forEach(changes::event);
    p.store.commit(changes.build());
    List<CampaignEvent> again = new ArrayList<>();
    p.campaigns.suppress(
        "ada@acme.test", "TEST", p.clock.instant(), null, StoreChanges.builder(), again);

    assertThat(p.store.isSuppressed("ada@acme.test")).isTrue();
    assertThat(events)
        .extracting(CampaignEvent::type)
        .containsExactly(EventType.ADDRESS_SUPPRESSED);
    assertThat(again).isEmpty();
    assertThatThrownBy(() -> p.campaigns.requireCampaign("C-404"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no campaign 'C-404'");
  }
}
