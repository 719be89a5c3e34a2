/**
 * Sending on the lead's business days, in the lead's time zone and inside a send window: {@link
 * com.fourrunr.campaign.schedule.BusinessSchedule} (the engine's default {@link
 * com.fourrunr.campaign.SendSchedule}) and its settings, {@link
 * com.fourrunr.campaign.SchedulePolicy}, which every campaign keeps in its {@link
 * com.fourrunr.campaign.CampaignConfig}.
 */
@NullMarked
package com.fourrunr.campaign.schedule;

import org.jspecify.annotations.NullMarked;
