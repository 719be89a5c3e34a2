package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;
import static com.fourrunr.campaign.jdbc.Jdbc.setString;
import static java.util.stream.Collectors.joining;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.MessageClaim;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The writes of claimed messages in a commit (a batch going to SENDING or SENT, say): each message
 * is written only while its claim is held, and the write releases the claim. A claimed message
 * keeps the identity and copy it was claimed with (campaign, lead, step, type, subject and bodies):
 * the write sets only its delivery columns, so PostgreSQL neither ships nor rewrites the bodies. On
 * PostgreSQL a batch is one statement whatever its size: one {@code UPDATE ... FROM unnest(...)}
 * whose rows are joined on id and claim owner, and one {@code SELECT ... FOR UPDATE} for the claims
 * of messages not written. A message whose claim was lost is missing from what the update returns:
 * the commit is refused with {@link ConcurrentUpdateException#lostClaim} for the first such
 * message, and its transaction rolled back. On H2 (which has no {@code UPDATE ... FROM}) or for a
 * single message each message is its own conditional update, all in one JDBC batch. Both paths
 * write the same columns, from one list. On PostgreSQL a message going to SENDING in {@link
 * JdbcCampaignStore#commitSending} keeps its claim instead, and stores the server's identity, until
 * it is handed over (see {@link SendingClaims}).
 */
final class ClaimedMessageWrites {
  /** The PostgreSQL type of a delivery column, which the batch write casts its text to. */
  private enum SqlType {
    TEXT,
    TIMESTAMPTZ,
    INTEGER
  }

  /** A delivery column: its name, its type and its value in a message. */
  private record Column(
      String name, SqlType type, Function<CampaignMessage, @Nullable Object> value) {
    /** The column set from the batch's row {@code v}, cast from text where it is not text. */
    String assignment() {
      return name
          + " = v."
          + name
          + (type == SqlType.TEXT ? "" : "::" + type.name().toLowerCase(Locale.ROOT));
    }

    void bind(PreparedStatement ps, int index, CampaignMessage m) throws SQLException {
      Object v = value.apply(m);
      switch (type) {
        case TEXT -> setString(ps, index, (String) v);
        case TIMESTAMPTZ -> setInstant(ps, index, (Instant) v);
        case INTEGER -> ps.setObject(index, v, Types.INTEGER);
      }
    }
  }

  /**
   * What a claimed write sets: the message's delivery state, never its identity or copy (see {@link
   * com.fourrunr.campaign.spi.StoreChanges.Builder#expectClaim}).
   */
  private static final List<Column> DELIVERY_COLUMNS =
      List.of(
          new Column("status", SqlType.TEXT, m -> m.status().name()),
          new Column("scheduled_at", SqlType.TIMESTAMPTZ, CampaignMessage::scheduledAt),
          new Column("sent_at", SqlType.TIMESTAMPTZ, CampaignMessage::sentAt),
          new Column("message_id", SqlType.TEXT, CampaignMessage::messageId),
          new Column("attempts", SqlType.INTEGER, CampaignMessage::attempts),
          new Column("last_error", SqlType.TEXT, CampaignMessage::lastError),
          new Column("provider_response", SqlType.TEXT, CampaignMessage::providerResponse));

  private static final int DELIVERY = DELIVERY_COLUMNS.size();

  /**
   * A write that releases the message's claim, and forgets the server identity a SENDING message
   * kept after its hand-over (see {@link SendingClaims}).
   */
  private static final String RELEASE_CLAIM =
      "claim_owner = NULL, claim_until = NULL, sending_epoch = NULL";

  /**
   * A write of a message going to SENDING that keeps its claim and stores the server's identity
   * instead (see {@link SendingClaims}).
   */
  private static final String KEEP_CLAIM = "sending_epoch = " + SendingClaims.EPOCH;

  /**
   * The write of one claimed message: parameters 1 to {@code DELIVERY_COLUMNS.size()} its delivery
   * columns, then its id and the claim owner.
   */
  static final String UPDATE_ONE = updateOne(true, RELEASE_CLAIM, "");

  /**
   * The write of a claimed batch on PostgreSQL: one text array of ids, one per delivery column (in
   * {@code DELIVERY_COLUMNS} order), then the claim owners; returns the ids written.
   */
  static final String UPDATE_BATCH_POSTGRES = updateBatch(true, RELEASE_CLAIM, "");

  /** {@link #UPDATE_ONE} for a message going to SENDING on PostgreSQL: it keeps its claim. */
  static final String UPDATE_ONE_KEEPING_CLAIM = updateOne(true, KEEP_CLAIM, "");

  /** {@link #UPDATE_BATCH_POSTGRES} for messages going to SENDING: they keep their claims. */
  static final String UPDATE_BATCH_POSTGRES_KEEPING_CLAIMS = updateBatch(true, KEEP_CLAIM, "");

  /**
   * The delivery write of one stored message, whoever holds it (see {@link
   * com.fourrunr.campaign.spi.StoreChanges.Builder#messageDelivery}): its delivery columns, then
   * its id.
   */
  static final String UPDATE_DELIVERY_ONE = updateOne(false, RELEASE_CLAIM, "");

  /** The delivery writes of a batch on PostgreSQL: the ids, then one array per delivery column. */
  static final String UPDATE_DELIVERY_BATCH_POSTGRES = updateBatch(false, RELEASE_CLAIM, "");

  /**
   * {@link #UPDATE_DELIVERY_ONE} on PostgreSQL in a transaction that commits without waiting for
   * the WAL flush (see {@link JdbcCampaignStore#commitSent}).
   */
  static final String UPDATE_DELIVERY_ONE_WITHOUT_FLUSH =
      updateOne(false, RELEASE_CLAIM, SendingClaims.WITHOUT_FLUSH);

  /** {@link #UPDATE_DELIVERY_BATCH_POSTGRES} in a transaction that commits without the flush. */
  static final String UPDATE_DELIVERY_BATCH_POSTGRES_WITHOUT_FLUSH =
      updateBatch(false, RELEASE_CLAIM, SendingClaims.WITHOUT_FLUSH);

  /**
   * The update of one message's delivery columns, conditional on its claim when {@code checkClaim},
   * ending with {@code claimEnd}, with the {@code extra} condition appended.
   */
  private static String updateOne(boolean checkClaim, String claimEnd, String extra) {
    return "UPDATE campaign_messages SET "
        + DELIVERY_COLUMNS.stream().map(c -> c.name() + " = ?").collect(joining(", "))
        + ", "
        + claimEnd
        + " WHERE id = ?"
        + (checkClaim ? " AND claim_owner = ?" : "")
        + extra;
  }

  /**
   * The update of a batch's delivery columns on PostgreSQL from one text array per column (ids
   * first, claim owners last when {@code checkClaim}), with the {@code extra} condition appended,
   * returning the ids written.
   */
  private static String updateBatch(boolean checkClaim, String claimEnd, String extra) {
    int arrays = DELIVERY + (checkClaim ? 2 : 1);
    return "UPDATE campaign_messages AS m SET "
        + DELIVERY_COLUMNS.stream().map(Column::assignment).collect(joining(", "))
        + ", "
        + claimEnd
        + " FROM unnest("
        + String.join(", ", Collections.nCopies(arrays, "?::text[]"))
        + ") AS v(id, "
        + DELIVERY_COLUMNS.stream().map(Column::name).collect(joining(", "))
        + (checkClaim
            ? ", claim_owner) WHERE m.id = v.id AND m.claim_owner = v.claim_owner"
            : ")" + " WHERE m.id = v.id")
        + extra
        + " RETURNING m.id";
  }

  /** The claims of a batch checked and locked on PostgreSQL: one array of ids. */
  static final String LOCK_CLAIMS_POSTGRES =
      "SELECT id, claim_owner FROM campaign_messages WHERE id = ANY(?) ORDER BY id FOR UPDATE";

  private ClaimedMessageWrites() {}

  /**
   * Whether the write of {@code m} keeps its claim: on PostgreSQL a message going to SENDING keeps
   * it until its hand-over (see {@link SendingClaims}).
   */
  static boolean keepsClaim(Dialect dialect, CampaignMessage m) {
    return dialect == Dialect.POSTGRESQL && m.status() == DeliveryStatus.SENDING;
  }

  /**
   * Writes the delivery columns of {@code claimed} (no id twice), each only while {@code owners}
   * holds its claim, releasing the claims (except, with {@code keepSendingClaims}, those of
   * messages going to SENDING on PostgreSQL); throws {@link ConcurrentUpdateException} for the
   * first message whose claim is lost.
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

  /**
   * Binds the write of one claimed message ({@link #UPDATE_ONE}): its delivery columns, id and
   * claim owner.
   */
  static void bindOne(PreparedStatement ps, CampaignMessage m, @Nullable String owner)
      throws SQLException {
    ps.setString(bindDeliveryOne(ps, 1, m), owner);
  }

  /**
   * Binds a message's delivery columns, then its id, from parameter {@code first} (the parameters
   * of {@link #UPDATE_DELIVERY_ONE}, and the first of {@link #UPDATE_ONE}); returns the next
   * parameter index.
   */
  static int bindDeliveryOne(PreparedStatement ps, int first, CampaignMessage m)
      throws SQLException {
    int id = bindDelivery(ps, first, m);
    ps.setString(id, m.id());
    return id + 1;
  }

  private static int bindDelivery(PreparedStatement ps, int first, CampaignMessage m)
      throws SQLException {
    for (int col = 0; col < DELIVERY; col++) {
      DELIVERY_COLUMNS.get(col).bind(ps, first + col, m);
    }
    return first + DELIVERY;
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
    Set<String> written = updateInOneStatement(c, claimed, owners, sql);
    if (written.size() != claimed.size()) {
      for (CampaignMessage m : claimed) {
        if (!written.contains(m.id())) {
          throw ConcurrentUpdateException.lostClaim(m.id(), String.valueOf(owners.get(m.id())));
        }
      }
    }
  }

  /**
   * Runs {@code sql}, a batch update from one text array per column: the ids, the delivery columns,
   * then the claim owners unless {@code owners} is null; returns the ids written.
   */
  private static Set<String> updateInOneStatement(
      Connection c,
      List<CampaignMessage> messages,
      @Nullable Map<String, String> owners,
      String sql)
      throws SQLException {
    Set<String> written = new HashSet<>();
    List<Array> arrays = new ArrayList<>(DELIVERY + 2);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = messages.size();
      @Nullable String[] ids = new @Nullable String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = messages.get(i).id();
      }
      bindArray(c, ps, 1, ids, arrays);
      for (int col = 0; col < DELIVERY; col++) {
        Function<CampaignMessage, @Nullable Object> column = DELIVERY_COLUMNS.get(col).value();
        @Nullable String[] values = new @Nullable String[n];
        for (int i = 0; i < n; i++) {
          values[i] = text(column.apply(messages.get(i)));
        }
        bindArray(c, ps, col + 2, values, arrays);
      }
      if (owners != null) {
        @Nullable String[] claimOwners = new @Nullable String[n];
        for (int i = 0; i < n; i++) {
          claimOwners[i] = owners.get(ids[i]);
        }
        bindArray(c, ps, DELIVERY + 2, claimOwners, arrays);
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
    return written;
  }

  /**
   * Writes the delivery columns of {@code messages}, each only if it is stored (see {@link
   * com.fourrunr.campaign.spi.StoreChanges.Builder#messageDelivery}), releasing any claim: one
   * statement on PostgreSQL, one JDBC batch otherwise. With {@code withoutFlush}, on PostgreSQL the
   * transaction then commits without waiting for the WAL flush (when a message was written).
   */
  static void writeDeliveries(
      Connection c, Dialect dialect, List<CampaignMessage> messages, boolean withoutFlush)
      throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    boolean noFlush = withoutFlush && dialect == Dialect.POSTGRESQL;
    if (dialect == Dialect.POSTGRESQL && messages.size() > 1 && distinctIds(messages)) {
      updateInOneStatement(
          c,
          messages,
          null,
          noFlush ? UPDATE_DELIVERY_BATCH_POSTGRES_WITHOUT_FLUSH : UPDATE_DELIVERY_BATCH_POSTGRES);
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(noFlush ? UPDATE_DELIVERY_ONE_WITHOUT_FLUSH : UPDATE_DELIVERY_ONE)) {
      for (CampaignMessage m : messages) {
        bindDeliveryOne(ps, 1, m);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bindArray(
      Connection c, PreparedStatement ps, int index, @Nullable String[] values, List<Array> arrays)
      throws SQLException {
    Array array = c.createArrayOf("text", values);
    arrays.add(array);
    ps.setArray(index, array);
  }

  /**
   * A column's value as PostgreSQL reads it from text: an instant as a {@code timestamptz} to the
   * microsecond; null stays null.
   */
  private static @Nullable String text(@Nullable Object value) {
    if (value instanceof Instant instant) {
      return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
    return value == null ? null : value.toString();
  }

  private static void writeInOneBatch(
      Connection c, List<CampaignMessage> claimed, Map<String, String> owners, String sql)
      throws SQLException {
    // a batch's claimed messages in one round trip, each update conditional on its claim
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (CampaignMessage m : claimed) {
        bindOne(ps, m, owners.get(m.id()));
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
