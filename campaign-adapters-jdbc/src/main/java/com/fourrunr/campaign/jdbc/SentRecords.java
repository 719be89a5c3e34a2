package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.spi.StoreChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The record of one send and the hand-over of the next message of its batch in one statement on
 * PostgreSQL ({@link JdbcCampaignStore#commitSentAndHandOver}): one round trip between two sends
 * instead of a commit's three and the hand-over's one. The statement's parts are those of {@link
 * JdbcCampaignStore#commitSent} and {@link JdbcCampaignStore#handOver}, as common table
 * expressions: the delivery writes of the sent message and its next step, the inserts of their
 * events, and the hand-over; its transaction commits without waiting for the WAL flush, as each of
 * those does. It takes only a record of that shape ({@link #fits}); any other goes the separate
 * way.
 */
final class SentRecords {
  private static final int EVENT_COLUMNS = JdbcWrites.eventColumns().length;

  /** The most delivery writes in one statement: a send's record has two (the sent, its next). */
  static final int MOST_MESSAGES = 4;

  /** The most events in one statement: a send's record has two or three. */
  static final int MOST_EVENTS = 8;

  /**
   * The statement for each number of delivery writes and events ({@link #sql}), built once: a send
   * is not the place to build it.
   */
  private static final String[][] STATEMENTS = new String[MOST_MESSAGES + 1][MOST_EVENTS + 1];

  static {
    for (int messages = 1; messages <= MOST_MESSAGES; messages++) {
      for (int events = 0; events <= MOST_EVENTS; events++) {
        STATEMENTS[messages][events] = sql(messages, events);
      }
    }
  }

  private SentRecords() {}

  /**
   * Whether {@code changes} is a record this statement writes: delivery writes of distinct stored
   * messages and events only, up to {@link #MOST_MESSAGES} and {@link #MOST_EVENTS}.
   */
  static boolean fits(StoreChanges changes) {
    if (!changes.claims().isEmpty()
        || !changes.leads().isEmpty()
        || !changes.campaigns().isEmpty()
        || !changes.suppressions().isEmpty()
        || !changes.unsuppressions().isEmpty()
        || !changes.replies().isEmpty()
        || changes.messages().isEmpty()
        || changes.messages().size() > MOST_MESSAGES
        || changes.events().size() > MOST_EVENTS) {
      return false;
    }
    Set<String> ids = new HashSet<>();
    for (CampaignMessage m : changes.messages()) {
      if (!changes.deliveryOnly().contains(m.id()) || !ids.add(m.id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The statement for {@code messages} delivery writes and {@code events} events (parameters: each
   * message's delivery columns and id, each event's columns, the id of the message to hand over and
   * its owner); it returns one row, whose first column is 1 when the message was handed over.
   */
  private static String sql(int messages, int events) {
    StringBuilder sql = new StringBuilder("WITH ");
    for (int i = 0; i < messages; i++) {
      // one update by primary key per message: a few rows need no arrays to join
      sql.append(i == 0 ? "" : ", ")
          .append("delivered_")
          .append(i)
          .append(" AS (")
          .append(ClaimedMessageWrites.UPDATE_DELIVERY_ONE)
          .append(")");
    }
    if (events > 0) {
      sql.append(", stored_events AS (")
          // events made for this record, under new ids: a plain insert, without the conflict
          // check of JdbcWrites.writeEvents
          .append(Dialect.insert("campaign_events", events, JdbcWrites.eventColumns()))
          .append(")");
    }
    return sql.append(", handed AS (")
        .append(SendingClaims.HAND_OVER_UPDATE)
        .append(" RETURNING id)")
        .append(
            " SELECT (SELECT count(*) FROM handed), set_config('synchronous_commit', 'off', true)")
        .toString();
  }

  /**
   * Commits {@code record} (which {@link #fits}) and hands over {@code messageId} while {@code
   * owner} holds its claim, in one statement; true when it was handed over.
   */
  static boolean commit(
      DataSource dataSource, StoreChanges record, String messageId, String owner) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(owner, "owner");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(STATEMENTS[record.messages().size()][record.events().size()])) {
      int next = 1;
      for (CampaignMessage m : record.messages()) {
        next = ClaimedMessageWrites.bindDeliveryOne(ps, next, m);
      }
      for (CampaignEvent e : record.events()) {
        JdbcWrites.bindEvent(ps, next, e);
        next += EVENT_COLUMNS;
      }
      ps.setString(next, messageId);
      ps.setString(next + 1, owner);
      boolean handed;
      try (ResultSet rs = ps.executeQuery()) {
        handed = rs.next() && rs.getLong(1) == 1;
      }
      if (!c.getAutoCommit()) {
        // a pool handing out connections without auto-commit
        c.commit();
      }
      return handed;
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }
}
