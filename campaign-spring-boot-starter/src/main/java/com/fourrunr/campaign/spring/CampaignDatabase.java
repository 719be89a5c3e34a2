package com.fourrunr.campaign.spring;

import javax.sql.DataSource;

/**
 * The database the library keeps its tables in: the host's {@code DataSource}, or the embedded file
 * database when the host has none.
 *
 * @param dataSource the database
 * @param description what it is, for the start-up log (no credentials)
 */
record CampaignDatabase(DataSource dataSource, String description) {}
