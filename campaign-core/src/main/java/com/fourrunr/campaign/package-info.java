/**
 * The public API of 4Runr Campaigns: the {@link com.fourrunr.campaign.CampaignEngine}, the domain values
 * it works on ({@link com.fourrunr.campaign.Lead}, {@link com.fourrunr.campaign.Campaign},
 * {@link com.fourrunr.campaign.CampaignMessage}, {@link com.fourrunr.campaign.CampaignEvent}) and the ports
 * a host or an adapter implements ({@link com.fourrunr.campaign.MessageGenerator},
 * {@link com.fourrunr.campaign.Sender}, {@link com.fourrunr.campaign.ReplySource},
 * {@link com.fourrunr.campaign.spi.CampaignStore}, {@link com.fourrunr.campaign.LeadSource},
 * {@link com.fourrunr.campaign.CampaignListener}).
 *
 * <p>Nothing in this package does I/O of its own: mail, HTTP and databases live in adapter modules.
 * All time comes from the {@link java.time.Clock} given to the engine.
 */
@NullMarked
package com.fourrunr.campaign;

import org.jspecify.annotations.NullMarked;
