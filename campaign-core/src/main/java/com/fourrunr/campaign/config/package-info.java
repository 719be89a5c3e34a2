/**
 * The host's configuration in one typed, immutable value: {@link com.fourrunr.campaign.config.CampaignSettings},
 * read from {@code CAMPAIGN_*} environment variables over a properties file, with secrets held in {@link
 * com.fourrunr.campaign.config.Secret} so they never reach a log, an error or a {@code toString}.
 */
@NullMarked
package com.fourrunr.campaign.config;

import org.jspecify.annotations.NullMarked;
