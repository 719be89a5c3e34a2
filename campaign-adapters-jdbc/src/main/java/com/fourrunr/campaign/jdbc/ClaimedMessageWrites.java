package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.MessageClaim;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The writes of claimed messages in a commit (a batch going to SENDING or SENT, say): each message
 * is written only while its claim is held, and the write releases the claim. On PostgreSQL a batch
 * is one statement whatever its size: one {@code UPDATE ... FROM unnest(...)} whose rows are joined
 * on id and claim owner, and one {@code SELECT ... FOR UPDATE} for the claims of messages not
 * written. A message whose claim was lost is missing from what the update returns: the commit is
 * refused with {@link ConcurrentUpdateException#lostClaim} for the first such message, and its
 * transaction rolled back. On H2 (or for a single message) each message is its own conditional
 * update, all in one JDBC batch. On PostgreSQL a message going to SENDING in {@link
 * JdbcCampaignStore#commitSending} keeps its claim instead, and stores the server's identity, until
 * it is handed over (see {@link SendingClaims}).
 */
final class ClaimedMessageWrites {
  /**
   * The write of one claimed message: parameters 1-15 the message columns, 16 its id, 17 the claim
   * owner.
   */
  static final String UPDATE_ONE =
      "UPDATE campaign_messages SET id = ?, campaign_id = ?, lead_id = ?,"
          + " step_index = ?, type = ?, subject = ?, text_body = ?, html_body = ?, status = ?, scheduled_at = ?,"
          + " sent_at = ?, message_id = ?, attempts = ?, last_error = ?, provider_response = ?,"
          + " claim_owner = NULL, claim_until = NULL WHERE id = ? AND claim_owner = ?";

  /**
   * The write of a claimed batch on PostgreSQL: one text array per column (in {@link
   * Rows#MESSAGE_COLUMNS} order after the id), then the claim owners; returns the ids written.
   */
  static final String UPDATE_BATCH_POSTGRES =
      "UPDATE campaign_messages AS m SET campaign_id = v.campaign_id, lead_id = v.lead_id,"
          + " step_index = v.step_index::integer, type = v.type, subject = v.subject,"
          + " text_body = v.text_body, html_body = v.html_body, status = v.status,"
          + " scheduled_at = v.scheduled_at::timestamptz, sent_at = v.sent_at::timestamptz,"
          + " message_id = v.message_id, attempts = v.attempts::integer, last_error = v.last_error,"
          + " provider_response = v.provider_response, claim_owner = NULL, claim_until = NULL"
          + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[]) AS v(id, campaign_id, lead_id, step_index, type,"
          + " subject, text_body, html_body, status, scheduled_at, sent_at, message_id, attempts,"
          + " last_error, provider_response, claim_owner)"
          + " WHERE m.id = v.id AND m.claim_owner = v.claim_owner RETURNING m.id";

  /** {@link #UPDATE_ONE} for a message going to SENDING on PostgreSQL: it keeps its claim. */
  static final String UPDATE_ONE_KEEPING_CLAIM = keepingClaim(UPDATE_ONE);

  /** {@link #UPDATE_BATCH_POSTGRES} for messages going to SENDING: they keep their claims. */
  static final String UPDATE_BATCH_POSTGRES_KEEPING_CLAIMS = keepingClaim(UPDATE_BATCH_POSTGRES);

  /** The claims of a batch checked and locked on PostgreSQL: one array of ids. */
  static final String LOCK_CLAIMS_POSTGRES =
      "SELECT id, claim_owner FROM campaign_messages WHERE id = ANY(?) ORDER BY id FOR UPDATE";

  private static final int COLUMNS = 16;

  private ClaimedMessageWrites() {}

  /**
   * The write {@code sql} made to keep the claim and store the server's identity instead of
   * releasing the claim (see {@link SendingClaims}).
   */
  private static String keepingClaim(String sql) {
    String release = "claim_owner = NULL, claim_until = NULL";
    if (!sql.contains(release)) {
      throw new IllegalStateException("the claimed write no longer releases its claim: " + sql);
    }
    return sql.replace(release, "sending_epoch = " + SendingClaims.EPOCH);
  }

  /**
   * Whether the write of {@code m} keeps its claim: on PostgreSQL a message going to SENDING keeps
   * it until its hand-over (see {@link SendingClaims}).
   */
  static boolean keepsClaim(Dialect dialect, CampaignMessage m) {
    return dialect == Dialect.POSTGRESQL && m.status() == DeliveryStatus.SENDING;
  }

  /**
   * Writes {@code claimed} (no id twice), each only while {@code owners} holds its claim, releasing
   * the claims (except, with {@code keepSendingClaims}, those of messages going to SENDING on
   * PostgreSQL); throws {@link ConcurrentUpdateException} for the first message whose claim is
   * lost.
   */
  static void write(
      Connection c,
      Dialect dialect,
      List<CampaignMessage> claimed,
      Map<String, String> owners,
      boolean keepSendingClaims)
      throws SQLException {
    if (claimed.isEmpty()) {
      return;
    }
    List<CampaignMessage> keeping = new ArrayList<>();
    List<CampaignMessage> releasing = new ArrayList<>();
    for (CampaignMessage m : claimed) {
      (keepSendingClaims && keepsClaim(dialect, m) ? keeping : releasing).add(m);
    }
    writeAll(c, dialect, releasing, owners, false);
    writeAll(c, dialect, keeping, owners, true);
  }

  private static void writeAll(
      Connection c,
      Dialect dialect,
      List<CampaignMessage> claimed,
      Map<String, String> owners,
      boolean keepClaims)
      throws SQLException {
    if (claimed.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRESQL && claimed.size() > 1 && distinctIds(claimed)) {
      writeInOneStatement(
          c,
          claimed,
          owners,
          keepClaims ? UPDATE_BATCH_POSTGRES_KEEPING_CLAIMS : UPDATE_BATCH_POSTGRES);
    } else {
      writeInOneBatch(c, claimed, owners, keepClaims ? UPDATE_ONE_KEEPING_CLAIM : UPDATE_ONE);
    }
  }

  private static boolean distinctIds(List<CampaignMessage> messages) {
    Set<String> ids = new HashSet<>();
    for (CampaignMessage m : messages) {
      if (!ids.add(m.id())) {
        return false;
      }
    }
    return true;
  }

  private static void writeInOneStatement(
      Connection c, List<CampaignMessage> claimed, Map<String, String> owners, String sql)
      throws SQLException {
    List<Function<CampaignMessage, @Nullable String>> columns =
        List.of(
            CampaignMessage::id,
            CampaignMessage::campaignId,
            CampaignMessage::leadId,
            m -> Integer.toString(m.stepIndex()),
            m -> m.type().name(),
            CampaignMessage::subject,
            CampaignMessage::textBody,
            CampaignMessage::htmlBody,
            m -> m.status().name(),
            m -> text(m.scheduledAt()),
            m -> text(m.sentAt()),
            CampaignMessage::messageId,
            m -> Integer.toString(m.attempts()),
            CampaignMessage::lastError,
            CampaignMessage::providerResponse,
            m -> owners.get(m.id()));
    int n = claimed.size();
    Set<String> written = new HashSet<>();
    List<Array> arrays = new ArrayList<>(COLUMNS);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int col = 0; col < COLUMNS; col++) {
        @Nullable String[] values = new @Nullable String[n];
        Function<CampaignMessage, @Nullable String> column = columns.get(col);
        for (int i = 0; i < n; i++) {
          values[i] = column.apply(claimed.get(i));
        }
        Array array = c.createArrayOf("text", values);
        arrays.add(array);
        ps.setArray(col + 1, array);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          written.add(rs.getString(1));
        }
      }
    } finally {
      for (Array array : arrays) {
        array.free();
      }
    }
    if (written.size() != n) {
      for (CampaignMessage m : claimed) {
        if (!written.contains(m.id())) {
          throw ConcurrentUpdateException.lostClaim(m.id(), String.valueOf(owners.get(m.id())));
        }
      }
    }
  }

  /** An instant as PostgreSQL reads a {@code timestamptz}, to the microsecond, or null. */
  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
  }

  private static void writeInOneBatch(
      Connection c, List<CampaignMessage> claimed, Map<String, String> owners, String sql)
      throws SQLException {
    // a batch's claimed messages in one round trip, each update conditional on its claim
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (CampaignMessage m : claimed) {
        JdbcWrites.bindMessage(ps, m);
        ps.setString(16, m.id());
        ps.setString(17, owners.get(m.id()));
        ps.addBatch();
      }
      int[] updated = ps.executeBatch();
      for (int i = 0; i < claimed.size(); i++) {
        if (updated[i] != 1) {
          CampaignMessage m = claimed.get(i);
          throw ConcurrentUpdateException.lostClaim(m.id(), String.valueOf(owners.get(m.id())));
        }
      }
    }
  }

  /**
   * Checks, under a row lock, that each of {@code claims} (of messages this commit does not write)
   * is still held; throws {@link ConcurrentUpdateException} for the first that is not.
   */
  static void check(Connection c, Dialect dialect, List<MessageClaim> claims) throws SQLException {
    if (claims.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRESQL && claims.size() > 1) {
      checkInOneStatement(c, claims);
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT claim_owner FROM campaign_messages WHERE id = ? FOR UPDATE")) {
      for (MessageClaim claim : claims) {
        ps.setString(1, claim.messageId());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || !claim.owner().equals(rs.getString(1))) {
            throw ConcurrentUpdateException.lostClaim(claim.messageId(), claim.owner());
          }
        }
      }
    }
  }

  private static void checkInOneStatement(Connection c, List<MessageClaim> claims)
      throws SQLException {
    Map<String, @Nullable String> held = new HashMap<>();
    String[] ids = new String[claims.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = claims.get(i).messageId();
    }
    Array array = c.createArrayOf("text", ids);
    try (PreparedStatement ps = c.prepareStatement(LOCK_CLAIMS_POSTGRES)) {
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          held.put(rs.getString(1), rs.getString(2));
        }
      }
    } finally {
      array.free();
    }
    for (MessageClaim claim : claims) {
      if (!claim.owner().equals(held.get(claim.messageId()))) {
        throw ConcurrentUpdateException.lostClaim(claim.messageId(), claim.owner());
      }
    }
  }
}
