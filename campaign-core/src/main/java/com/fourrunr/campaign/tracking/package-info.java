/**
 * Open and click tracking and the one-click unsubscribe endpoint, without any HTTP library: signed
 * {@link com.fourrunr.campaign.tracking.TrackingTokens}, the {@link
 * com.fourrunr.campaign.tracking.LinkTracker} that rewrites outgoing links and adds the open pixel
 * (opt-in, see {@link com.fourrunr.campaign.CampaignEngineBuilder#linkTracking}), the
 * framework-neutral {@link com.fourrunr.campaign.tracking.TrackingHandler} (a {@link
 * com.fourrunr.campaign.tracking.TrackingRequest} in, a {@link
 * com.fourrunr.campaign.tracking.TrackingResponse} out) that a host wires to its HTTP server, and
 * the pure {@link com.fourrunr.campaign.tracking.TrafficClassifier} that tells machine opens and
 * clicks (Apple Mail Privacy Protection, security scanners) from people's.
 */
@NullMarked
package com.fourrunr.campaign.tracking;

import org.jspecify.annotations.NullMarked;
