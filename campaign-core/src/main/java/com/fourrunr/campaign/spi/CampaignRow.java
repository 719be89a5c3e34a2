package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.Lead;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One campaign as an operator's list shows it ({@link CampaignStore#searchCampaigns}).
 *
 * @param campaign the campaign
 * @param lead the lead it writes to
 * @param sentSteps how many of its steps were sent
 * @param nextSendAt when its next scheduled message is due, or null when none is scheduled
 * @param lastEvent its latest event, or null when it has none
 */
public record CampaignRow(
    Campaign campaign,
    Lead lead,
    int sentSteps,
    @Nullable Instant nextSendAt,
    @Nullable CampaignEvent lastEvent) {
  /** Checks the required fields. */
  public CampaignRow {
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(lead, "lead");
    if (sentSteps < 0) {
      throw new IllegalArgumentException("sentSteps must not be negative");
    }
  }
}
