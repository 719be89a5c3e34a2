package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The status the console's home page shows, as {@code campaign serve}'s status page did: health,
 * the queue, a page of campaigns and the dead letters.
 *
 * @param health the overall status
 * @param counts the queue's counts
 * @param campaigns a page of campaigns in id order
 * @param next the id to continue after, or null on the last page
 * @param deadLetters the first dead letters
 */
record ServiceStatus(
    String health,
    QueueCounts counts,
    List<Campaign> campaigns,
    @Nullable String next,
    List<CampaignMessage> deadLetters) {
  static final int PAGE = 50;
  static final int DEAD_LETTERS = 20;

  static ServiceStatus of(CampaignEngine engine, HealthMonitor monitor, @Nullable String after) {
    HealthReport report = monitor.check();
    List<Campaign> page = engine.store().listCampaigns(after, PAGE);
    return new ServiceStatus(
        report.status().name(),
        engine.queueStatus().counts(),
        page,
        page.size() == PAGE ? page.get(page.size() - 1).id() : null,
        engine.deadLetters(null, DEAD_LETTERS));
  }
}
