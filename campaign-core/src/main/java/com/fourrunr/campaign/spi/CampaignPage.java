package com.fourrunr.campaign.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link CampaignStore#searchCampaigns}: rows ordered by campaign id, and where the
 * next page starts.
 *
 * @param rows the campaigns of this page, by id
 * @param next the {@code after} to ask for the next page with (the last row's campaign id), or null
 *     when this is the last page
 */
public record CampaignPage(List<CampaignRow> rows, @Nullable String next) {
  /** Copies the rows. */
  public CampaignPage {
    rows = List.copyOf(rows);
  }
}
