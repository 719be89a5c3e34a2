/**
 * Internal to {@code campaign-core}, not API: the engine's LinkedIn fallback (creation, release
 * within the account caps, cancellation and reported outcomes of channel tasks). Its types are
 * public only so that the engine in {@link com.fourrunr.campaign} can use them; they may change in
 * any release, and an ArchUnit rule fails the build when another module uses them. Configure the
 * fallback through {@link com.fourrunr.campaign.CampaignEngineBuilder} and read tasks through
 * {@link com.fourrunr.campaign.CampaignEngine#channelTasks}.
 */
@NullMarked
package com.fourrunr.campaign.channel.internal;

import org.jspecify.annotations.NullMarked;
