package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The claims that SENDING messages keep on PostgreSQL (migration V16) until each is handed over to
 * the sender, so that a crash between a send batch's two commits leaves the messages never handed
 * over claimable again instead of uncertain.
 *
 * <ul>
 *   <li>A claimed message written as SENDING keeps its claim ({@code claim_owner}, {@code
 *       claim_until}) and stores the server's identity ({@link #EPOCH}) in {@code sending_epoch}
 *       (see {@link ClaimedMessageWrites}).
 *   <li>{@link #handOver}: just before the send, one conditional update releases the claim, in a
 *       transaction committed without waiting for the WAL flush ({@code synchronous_commit = off}):
 *       it survives the death of the engine's process, and is lost only if PostgreSQL itself
 *       crashes. It changes only the claim columns, which no index names, so on a page with room
 *       (migration V19) it is written in place; the identity stays until the message's next write
 *       (its record as SENT, say) clears it.
 *   <li>{@link #SWEEP} (before each claim) and {@link #RELEASE} (an owner's claims, when it starts
 *       again): a SENDING message whose claim ran out goes back to SCHEDULED, keeping its
 *       Message-ID, only when the identity stored with it is the server's identity now; otherwise
 *       it only loses its claim and stays SENDING, that is uncertain.
 * </ul>
 *
 * <p>The sweep finds its rows through the partial index {@code campaign_messages_sending_claims}
 * (migration V17): SENDING messages with a stored identity, which the sweep, the release and the
 * message's next write clear; the sweep skips those handed over (no claim). No index names the
 * claim columns, so a claim and a hand-over (which change only them) stay HOT updates that touch no
 * index.
 *
 * <p>The identity is a random token kept in the UNLOGGED table {@code campaign_server_epoch}, which
 * PostgreSQL empties after a crash (a crash of one backend included, which does not restart the
 * postmaster) and which a standby promoted by a failover does not have, followed by {@code
 * pg_postmaster_start_time()}, which any restart changes. While the table is empty the identity is
 * null and equals nothing: messages stored then stay uncertain after a crash. The token is created
 * again by the next sweep.
 */
final class SendingClaims {
  /** The server's identity now, as an SQL expression (null while no token is stored). */
  static final String EPOCH =
      "((SELECT token FROM campaign_server_epoch WHERE id = 1) || ' '"
          + " || pg_postmaster_start_time()::text)";

  /** Creates the token when the table has none (after a crash, a failover or the migration). */
  private static final String ENSURE_TOKEN =
      "WITH ensured AS (INSERT INTO campaign_server_epoch (id, token)"
          + " VALUES (1, md5(random()::text || clock_timestamp()::text))"
          + " ON CONFLICT (id) DO NOTHING) ";

  /**
   * The SENDING messages whose claim ran out before {@code ?}: back to SCHEDULED when stored under
   * this server's identity, else uncertain. Served by the partial index of V16; rows another sweep
   * is taking are skipped.
   */
  static final String SWEEP =
      ENSURE_TOKEN
          + "UPDATE campaign_messages SET status = CASE WHEN sending_epoch = "
          + EPOCH
          + " THEN 'SCHEDULED' ELSE 'SENDING' END, claim_owner = NULL, claim_until = NULL,"
          + " sending_epoch = NULL WHERE id IN (SELECT id FROM campaign_messages"
          + " WHERE status = 'SENDING' AND sending_epoch IS NOT NULL AND claim_owner IS NOT NULL"
          + " AND claim_until < ? FOR UPDATE SKIP LOCKED)";

  /** An owner's claims, released when it starts again: its claimed SENDING messages as above. */
  static final String RELEASE =
      ENSURE_TOKEN
          + "UPDATE campaign_messages SET status = CASE WHEN status = 'SENDING' AND sending_epoch = "
          + EPOCH
          + " THEN 'SCHEDULED' ELSE status END, claim_owner = NULL, claim_until = NULL,"
          + " sending_epoch = NULL WHERE claim_owner = ? AND status IN ('SCHEDULED', 'SENDING')";

  /**
   * A condition, always true, that makes the transaction of the statement that states it (the
   * statement's own, or the one it runs in) commit without waiting for the WAL flush, as {@code SET
   * LOCAL synchronous_commit = off} would, without a round trip of its own; evaluated only for a
   * row the statement's other conditions let through.
   */
  static final String WITHOUT_FLUSH = " AND set_config('synchronous_commit', 'off', true) = 'off'";

  /**
   * The hand-over of one message, without its commit mode: only while it is SENDING and claimed by
   * the owner (parameters: the message id, the owner).
   */
  static final String HAND_OVER_UPDATE =
      "UPDATE campaign_messages SET claim_owner = NULL, claim_until = NULL"
          + " WHERE id = ? AND claim_owner = ? AND status = 'SENDING'";

  /** The hand-over of one message, committed without waiting for the WAL flush. */
  static final String HAND_OVER = HAND_OVER_UPDATE + WITHOUT_FLUSH;

  private static final String IN_FLIGHT =
      "SELECT id FROM campaign_messages WHERE id = ANY(?) AND status = 'SENDING'"
          + " AND claim_owner IS NOT NULL AND claim_until >= ?";

  private SendingClaims() {}

  /** Takes back the SENDING messages whose claim ran out before {@code now}; returns how many. */
  static int sweep(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SWEEP)) {
      setInstant(ps, 1, now);
      return ps.executeUpdate();
    }
  }

  /** Releases every claim of {@code owner} (see {@link #RELEASE}); returns how many. */
  static int release(Connection c, String owner) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
      ps.setString(1, owner);
      return ps.executeUpdate();
    }
  }

  /**
   * Hands a SENDING message over: true when {@code owner} still held its claim, which is now
   * released by a commit that does not wait for the WAL flush.
   */
  static boolean handOver(DataSource dataSource, String messageId, String owner) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(owner, "owner");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(HAND_OVER)) {
      ps.setString(1, messageId);
      ps.setString(2, owner);
      int updated = ps.executeUpdate();
      if (!c.getAutoCommit()) {
        // a pool handing out connections without auto-commit
        c.commit();
      }
      return updated == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  /** The ids among {@code messageIds} of SENDING messages whose claim runs at {@code now}. */
  static Set<String> inFlight(DataSource dataSource, Collection<String> messageIds, Instant now) {
    Set<String> held = new LinkedHashSet<>();
    if (messageIds.isEmpty()) {
      return held;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(IN_FLIGHT)) {
      Array ids = c.createArrayOf("text", messageIds.toArray(new String[0]));
      try {
        ps.setArray(1, ids);
        setInstant(ps, 2, now);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            held.add(rs.getString(1));
          }
        }
      } finally {
        ids.free();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
    return held;
  }
}
