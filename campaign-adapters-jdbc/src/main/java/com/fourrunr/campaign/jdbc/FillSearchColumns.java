package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignSearch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 13.1: fills the columns the operator's campaign list searches and filters on (added
 * empty by V13) for the leads and campaigns stored before, from their stored JSON, folded as {@link
 * CampaignSearch#fold} does (which SQL cannot do the same way for every script). A row whose JSON
 * cannot be read keeps empty columns (it is found by id, just not by search).
 */
final class FillSearchColumns implements JavaMigration {
  private static final int BATCH = 500;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("13.1");
  }

  @Override
  public String getDescription() {
    return "fill campaign search columns";
  }

  @Override
  public Integer getChecksum() {
    return 131;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (PreparedStatement read = c.prepareStatement("SELECT id, data FROM campaign_leads");
        PreparedStatement write =
            c.prepareStatement(
                "UPDATE campaign_leads SET name_lc = ?, last_name_lc = ?, company_lc = ?"
                    + " WHERE id = ?");
        ResultSet rs = read.executeQuery()) {
      int pending = 0;
      while (rs.next()) {
        Lead lead;
        try {
          lead = Json.read(rs.getString(2), Lead.class);
        } catch (RuntimeException unreadable) {
          continue;
        }
        write.setString(1, CampaignSearch.fullName(lead));
        write.setString(2, CampaignSearch.fold(lead.lastName()));
        write.setString(3, CampaignSearch.fold(lead.company()));
        write.setString(4, rs.getString(1));
        write.addBatch();
        if (++pending == BATCH) {
          write.executeBatch();
          pending = 0;
        }
      }
      write.executeBatch();
    }
    try (PreparedStatement read = c.prepareStatement("SELECT id, config FROM campaign_campaigns");
        PreparedStatement write =
            c.prepareStatement(
                "UPDATE campaign_campaigns SET mailbox = ?, sequence_name = ? WHERE id = ?");
        ResultSet rs = read.executeQuery()) {
      int pending = 0;
      while (rs.next()) {
        CampaignConfig config;
        try {
          config = Configs.parse(rs.getString(2));
        } catch (RuntimeException unreadable) {
          continue;
        }
        write.setString(1, JdbcCampaignSearch.mailboxKey(config));
        write.setString(2, JdbcCampaignSearch.sequenceKey(config));
        write.setString(3, rs.getString(1));
        write.addBatch();
        if (++pending == BATCH) {
          write.executeBatch();
          pending = 0;
        }
      }
      write.executeBatch();
    }
  }
}
