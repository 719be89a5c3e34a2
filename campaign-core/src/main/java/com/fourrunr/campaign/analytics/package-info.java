/**
 * Campaign analytics: metrics per sequence, step, A/B variant, channel and lead segment, the Hook
 * to Proof to FOMO funnel, A/B comparisons with sound statistics, plain-word recommendations, and
 * CSV, JSON and self-contained HTML reports.
 *
 * <p>Figures are computed incrementally from {@link com.fourrunr.campaign.CampaignEvent}s by an
 * {@link com.fourrunr.campaign.analytics.EventAggregator}, in memory bounded by the number of
 * groups; {@link com.fourrunr.campaign.analytics.StoreAnalytics} builds one from a store by paging
 * through its campaigns. See {@code docs/analytics.md} for every metric's definition and
 * denominator.
 */
@NullMarked
package com.fourrunr.campaign.analytics;

import org.jspecify.annotations.NullMarked;
