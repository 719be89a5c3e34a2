/**
 * The JDBC store: {@link com.fourrunr.campaign.jdbc.JdbcCampaignStore}, a {@link
 * com.fourrunr.campaign.spi.CampaignStore} over PostgreSQL (for many instances) or the embedded H2
 * file database (the single-machine default, see {@link
 * com.fourrunr.campaign.jdbc.EmbeddedDatabase}), with its schema kept by Flyway migrations.
 */
@NullMarked
package com.fourrunr.campaign.jdbc;

import org.jspecify.annotations.NullMarked;
