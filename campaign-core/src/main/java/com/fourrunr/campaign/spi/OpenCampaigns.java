package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.Campaign;
import java.util.Map;

/**
 * The open campaigns (active, paused or held) of some leads and some addresses, as {@link
 * CampaignStore#findOpenCampaigns} answers them: what enrolment checks for a batch of leads in one
 * read.
 *
 * @param byLead an open campaign of each asked lead id that has one (ids without are left out)
 * @param byEmail an open campaign of a lead with each asked address (any case), keyed by the
 *     address as asked (addresses without are left out)
 */
public record OpenCampaigns(Map<String, Campaign> byLead, Map<String, Campaign> byEmail) {
  /** Copies both maps. */
  public OpenCampaigns {
    byLead = Map.copyOf(byLead);
    byEmail = Map.copyOf(byEmail);
  }
}
