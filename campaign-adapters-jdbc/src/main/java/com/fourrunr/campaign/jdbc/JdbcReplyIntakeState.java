package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.ReplyIntakeState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ReplyIntakeState} in the campaign database (table {@code campaign_reply_intake}), so an
 * IMAP source reads only new mail after a restart. Migrates the schema like {@link
 * JdbcCampaignStore}. Thread-safe; {@link #save} is committed when it returns.
 */
public final class JdbcReplyIntakeState implements ReplyIntakeState {
  private final DataSource dataSource;
  private final String upsert;

  private JdbcReplyIntakeState(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.upsert =
        dialect.upsert(
            "campaign_reply_intake",
            "mailbox, folder",
            "mailbox",
            "folder",
            "uid_validity",
            "last_uid");
  }

  /** Migrates the schema if needed, then returns the state kept in {@code dataSource}. */
  public static JdbcReplyIntakeState create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    JdbcCampaignStore.migrate(dataSource);
    try (Connection c = dataSource.getConnection()) {
      return new JdbcReplyIntakeState(dataSource, Dialect.of(c));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect to the campaign database: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Checkpoint> load(String mailbox, String folder) {
    ReplyIntakeState.requireKey("mailbox", mailbox);
    ReplyIntakeState.requireKey("folder", folder);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT uid_validity, last_uid FROM campaign_reply_intake WHERE mailbox = ? AND folder = ?")) {
      ps.setString(1, mailbox);
      ps.setString(2, folder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Checkpoint(rs.getLong(1), rs.getLong(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  @Override
  public void save(String mailbox, String folder, Checkpoint checkpoint) {
    ReplyIntakeState.requireKey("mailbox", mailbox);
    ReplyIntakeState.requireKey("folder", folder);
    Objects.requireNonNull(checkpoint, "checkpoint");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(upsert)) {
      ps.setString(1, mailbox);
      ps.setString(2, folder);
      ps.setLong(3, checkpoint.uidValidity());
      ps.setLong(4, checkpoint.lastUid());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }
}
