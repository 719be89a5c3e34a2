package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The messages of campaigns inserted new in the same commit (an enrolment's): new rows too, written
 * as plain multi-row inserts instead of upserts. An upsert looks each key up before it writes (H2's
 * {@code MERGE} runs an update first; PostgreSQL's {@code ON CONFLICT} checks the key index
 * speculatively); a new campaign's messages need neither. Should a row be there after all (an id
 * taken), the insert is refused and the commit redone row by row, where every message is upserted
 * as before: what is stored is the same either way.
 */
final class NewMessageInserts {
  private static final String[] COLUMNS = JdbcWrites.MESSAGE_WRITE_COLUMNS;

  private NewMessageInserts() {}

  /**
   * Inserts {@code messages}, all of campaigns inserted new in this transaction.
   *
   * @throws MultiRowInserts.Refused when a row could not be inserted
   */
  static void write(Connection c, List<CampaignMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    try {
      List<Integer> counts =
          MultiRowInserts.write(
              c,
              messages,
              COLUMNS.length,
              rows -> Dialect.insert("campaign_messages", rows, COLUMNS),
              CampaignMessage::id,
              JdbcWrites::bindMessageReleasingClaim);
      MultiRowInserts.requireInserted(counts, messages.size(), "message");
    } catch (SQLException e) {
      throw new MultiRowInserts.Refused(e);
    }
  }
}
