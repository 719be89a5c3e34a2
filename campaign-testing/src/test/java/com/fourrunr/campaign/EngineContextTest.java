package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared context stores before it tells, tells every listener even after one fails, then the
 * follower.
 */
class EngineContextTest {
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final List<String> told = new ArrayList<>();

  @Test
  void commitAndPublishStoresTheEventsThenTellsEveryListenerAndLastTheFollower() {
    CampaignListener failing =
        e -> {
          throw new IllegalStateException("listener down");
        };
    EngineContext ctx =
        new EngineContext(
            store,
            new SettableClock(EngineParts.NOW),
            () -> "E-1",
            EngineParts.ONE_STEP,
            SendSchedule.calendarDays(),
            100,
            List.of(failing, e -> told.add("listener " + store.findEvents("C-1").size())));
    ctx.follow(e -> told.add("follower"));
    Campaign c = Campaign.start("C-1", "L-1", EngineParts.ONE_STEP, EngineParts.NOW);
    CampaignEvent e =
        ctx.event(
            EngineParts.NOW, c, null, new EventPayload.CampaignCreated("", 0, 0, Map.of("a", "b")));

    ctx.commitAndPublish(
        StoreChanges.builder().lead(EngineParts.lead("1")).campaign(c).event(e), List.of(e));

    assertThat(e.campaignId()).isEqualTo("C-1");
    assertThat(e.leadId()).isEqualTo("L-1");
    assertThat(e.attributes()).containsEntry("a", "b");
    assertThat(told).containsExactly("listener 1", "follower");
  }
}
