/**
 * What {@code ./campaign serve} (the Spring Boot service of campaign-service-boot) and {@code
 * doctor} take from the standalone settings: {@link com.fourrunr.campaign.service.CampaignSettings}
 * (every {@code CAMPAIGN_*} setting, each part read by the module that owns it), {@link
 * com.fourrunr.campaign.service.ServeHosting} (the database, the instance id, the mailbox check and
 * the deliverability checks), {@link com.fourrunr.campaign.service.ServeJson} and {@link
 * com.fourrunr.campaign.service.EnrolmentJson} (the JSON of serve's endpoints) and {@link
 * com.fourrunr.campaign.service.LocalMailServer} (the in-process server of {@code --demo-mail}).
 */
@NullMarked
package com.fourrunr.campaign.service;

import org.jspecify.annotations.NullMarked;
