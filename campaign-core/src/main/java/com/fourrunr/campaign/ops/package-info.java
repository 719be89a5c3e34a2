/**
 * Running the library in production: {@link com.fourrunr.campaign.ops.HealthMonitor health} against
 * thresholds, {@link com.fourrunr.campaign.ops.CampaignMetrics Micrometer metrics} (Micrometer is
 * an optional dependency: only {@code CampaignMetrics} needs it), and {@link
 * com.fourrunr.campaign.ops.AlertMonitor alert rules} delivered through an {@link
 * com.fourrunr.campaign.ops.AlertSink}.
 */
@NullMarked
package com.fourrunr.campaign.ops;

import org.jspecify.annotations.NullMarked;
