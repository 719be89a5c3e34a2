/**
 * The JDBC store: a {@link com.fourrunr.campaign.CampaignStore} over PostgreSQL or an embedded file
 * database. Empty until the persistence work lands; tests and the demo use the in-memory store meanwhile.
 */
package com.fourrunr.campaign.jdbc;
