/**
 * The host service behind {@code ./campaign serve}: {@link
 * com.fourrunr.campaign.service.CampaignSettings} (every {@code CAMPAIGN_*} setting, each part read
 * by the module that owns it), the library wired from it ({@link
 * com.fourrunr.campaign.service.CampaignService}) and served over HTTP with the JDK's server, and
 * {@link com.fourrunr.campaign.service.Serve}, the {@code serve} command's implementation.
 */
@NullMarked
package com.fourrunr.campaign.service;

import org.jspecify.annotations.NullMarked;
