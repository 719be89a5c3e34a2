package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder lists every missing or bad setting at once, and builds with the required three. */
class CampaignEngineBuilderTest {
  @Test
  void everyMissingOrBadSettingIsNamedInOneError() {
    assertThatThrownBy(
            () ->
                CampaignEngine.builder()
                    .batchSize(0)
                    .claimLease(Duration.ZERO)
                    .channels(ChannelPlan.linkedIn())
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("store")
        .hasMessageContaining("sender")
        .hasMessageContaining("from")
        .hasMessageContaining("batchSize")
        .hasMessageContaining("claimLease")
        .hasMessageContaining("channels");
  }

  @Test
  void theRequiredSettingsBuildAnEngineWithTheDefaults() {
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(new InMemoryCampaignStore())
            .sender(new RecordingSender())
            .from(EngineParts.FROM)
            .build();

    assertThat(engine.config().from()).isEqualTo(EngineParts.FROM);
    assertThat(engine.config().sequence()).isEqualTo(Sequence.hookProofFomo());
    assertThat(engine.hasReplySource()).isFalse();
  }
}
