package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An action on every campaign matching a filter, in batches of {@value #BATCH} walked by id (a
 * keyset, so campaigns that leave the filter as they change are neither skipped nor done twice), at
 * most {@value #MAX} campaigns. Each campaign is done on its own: one failure does not stop the
 * rest; campaigns the action does not apply to (pausing a stopped one, say) are skipped.
 */
final class BulkCampaignActions {
  static final int BATCH = 100;
  static final int MAX = 10_000;
  private static final Logger log = LoggerFactory.getLogger(BulkCampaignActions.class);

  private final CampaignEngine engine;

  BulkCampaignActions(CampaignEngine engine) {
    this.engine = engine;
  }

  /** What a bulk action did. */
  record Result(int done, int skipped, int failed) {}

  /** How many campaigns match, counted up to {@link #MAX} + 1 (more than MAX: refused). */
  int count(CampaignSearch search) {
    CampaignStore store = engine.store();
    int count = 0;
    @Nullable String after = null;
    while (count <= MAX) {
      List<String> ids = store.searchCampaignIds(search, after, 1_000);
      count += ids.size();
      if (ids.size() < 1_000) {
        break;
      }
      after = ids.get(ids.size() - 1);
    }
    return Math.min(count, MAX + 1);
  }

  /** Applies {@code action} to every matching campaign (at most {@link #MAX}). */
  Result apply(CampaignAction action, CampaignSearch search, String operator) {
    CampaignStore store = engine.store();
    int done = 0;
    int skipped = 0;
    int failed = 0;
    @Nullable String after = null;
    int seen = 0;
    while (seen < MAX) {
      List<String> ids = store.searchCampaignIds(search, after, Math.min(BATCH, MAX - seen));
      if (ids.isEmpty()) {
        break;
      }
      Map<String, Campaign> campaigns = store.findCampaigns(ids);
      for (String id : ids) {
        Campaign c = campaigns.get(id);
        if (c == null || !action.appliesTo(c.status())) {
          skipped++;
          continue;
        }
        try {
          action.apply(engine, id, operator);
          done++;
        } catch (RuntimeException e) {
          failed++;
          log.warn("bulk {} of campaign {} failed: {}", action.path(), id, e.toString());
        }
      }
      seen += ids.size();
      after = ids.get(ids.size() - 1);
    }
    log.info(
        "operator {} bulk {}: {} done, {} skipped, {} failed",
        operator,
        action.path(),
        done,
        skipped,
        failed);
    return new Result(done, skipped, failed);
  }
}
