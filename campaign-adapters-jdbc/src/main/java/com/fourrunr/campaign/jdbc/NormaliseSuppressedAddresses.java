package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.EmailAddresses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 9.1: suppressed addresses in their normalised form ({@link EmailAddresses#normalise}),
 * which SQL cannot compute (Unicode NFC, IDN). Rows were lower-cased before; only those beyond
 * ASCII change. Where a row becomes an address that is already suppressed, the row already in that
 * form is kept.
 */
final class NormaliseSuppressedAddresses implements JavaMigration {
  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("9.1");
  }

  @Override
  public String getDescription() {
    return "normalise suppressed addresses";
  }

  @Override
  public Integer getChecksum() {
    return 91;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    Map<String, String> changed = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT email FROM campaign_suppressions ORDER BY suppressed_at, email");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String email = rs.getString(1);
        String key = EmailAddresses.normalise(email);
        if (!key.equals(email)) {
          changed.put(email, key);
        }
      }
    }
    for (Map.Entry<String, String> e : changed.entrySet()) {
      boolean taken;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM campaign_suppressions WHERE email = ?")) {
        ps.setString(1, e.getValue());
        try (ResultSet rs = ps.executeQuery()) {
          taken = rs.next();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              taken
                  ? "DELETE FROM campaign_suppressions WHERE email = ?"
                  : "UPDATE campaign_suppressions SET email = ? WHERE email = ?")) {
        if (taken) {
          ps.setString(1, e.getKey());
        } else {
          ps.setString(1, e.getValue());
          ps.setString(2, e.getKey());
        }
        ps.executeUpdate();
      }
    }
  }
}
