/**
 * Reading the host's {@code CAMPAIGN_*} settings: {@link
 * com.fourrunr.campaign.config.SettingsReader} reads environment variables over a properties file
 * and collects every problem; {@link com.fourrunr.campaign.config.EngineSettings} and {@link
 * com.fourrunr.campaign.config.TrackingSettings} are the engine's part, each adapter reads its own
 * part with the same reader. Secrets are held in {@link com.fourrunr.campaign.config.Secret} so
 * they never reach a log, an error or a {@code toString}, and {@link
 * com.fourrunr.campaign.config.Redaction} takes them out of text that comes back from a remote
 * service.
 */
@NullMarked
package com.fourrunr.campaign.config;

import org.jspecify.annotations.NullMarked;
