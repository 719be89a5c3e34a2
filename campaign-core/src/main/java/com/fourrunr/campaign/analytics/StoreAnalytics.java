package com.fourrunr.campaign.analytics;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds analytics from a {@link CampaignStore}: pages through the campaigns ({@link
 * CampaignStore#listCampaigns}, a page at a time), reads each campaign's events and its lead, and
 * forgets the campaign's state once read, so memory holds one page of campaigns and the groups,
 * whatever the number of events.
 */
public final class StoreAnalytics {
  /** Campaigns read per page. */
  public static final int PAGE_SIZE = 500;

  private StoreAnalytics() {}

  /** Reads every campaign of the store into a new aggregator and returns its report. */
  public static AnalyticsReport build(CampaignStore store, AnalyticsOptions options, Clock clock) {
    return feed(store, EventAggregator.create(options, store::findLead, clock)).report();
  }

  /** Reads every campaign of the store into {@code aggregator}; returns it. */
  public static EventAggregator feed(CampaignStore store, EventAggregator aggregator) {
    @Nullable String after = null;
    while (true) {
      List<Campaign> page = store.listCampaigns(after, PAGE_SIZE);
      for (Campaign c : page) {
        @Nullable Lead lead = store.findLead(c.leadId()).orElse(null);
        for (CampaignEvent e : store.findEvents(c.id())) {
          aggregator.accept(e, lead);
        }
        aggregator.forget(c.id());
      }
      if (page.size() < PAGE_SIZE) {
        return aggregator;
      }
      after = page.get(page.size() - 1).id();
    }
  }
}
