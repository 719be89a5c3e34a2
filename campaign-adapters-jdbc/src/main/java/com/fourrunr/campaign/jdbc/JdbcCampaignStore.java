package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.AlreadyInCampaignException;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.TaskKind;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.MessageClaim;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.spi.Suppression;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CampaignStore} over a {@link DataSource} the host gives: PostgreSQL, shared by as many
 * engine instances as needed, or the embedded H2 file database ({@link EmbeddedDatabase}) for one
 * machine.
 *
 * <pre>{@code
 * CampaignStore store = JdbcCampaignStore.create(dataSource);   // migrates the schema first
 * }</pre>
 *
 * <p>Each {@link #commit} is one transaction: a state change and its events are written together or
 * not at all. Campaign updates are checked against their version (optimistic locking); due messages
 * are claimed in batches with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL (a conditional update on
 * H2), each claim with an owner and an expiry, and a commit that expects a claim checks it under a
 * row lock. The schema is kept by Flyway (history table {@code campaign_schema_history}, so it does
 * not meet a host's own Flyway). A unique index keeps one open campaign per normalised address
 * ({@link OpenEmails}), refused with an {@link AlreadyInCampaignException}. Instants are kept to
 * the microsecond. Thread-safe; a connection is taken from the data source for each call and
 * returned at once, so use a pooled data source in production.
 *
 * <p>It is also the {@link ChannelTaskStore} of the LinkedIn fallback (table {@code
 * campaign_channel_tasks}, tasks versioned like campaigns).
 */
public final class JdbcCampaignStore implements CampaignStore, ChannelTaskStore {
  private static final String MESSAGE_COLUMNS =
      "id, campaign_id, lead_id, step_index, type, subject, text_body, html_body, status, scheduled_at,"
          + " sent_at, message_id, attempts, last_error, provider_response";
  private static final String CAMPAIGN_COLUMNS =
      "id, lead_id, status, status_reason, config, created_at, updated_at, resume_at, version";
  private static final String EVENT_COLUMNS =
      "id, type, occurred_at, campaign_id, lead_id, message_id, attributes";
  private static final String SQL_UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String upsertLead;
  private final String upsertMessage;
  private final String upsertReply;
  private final String insertEvent;
  private final String insertSuppression;
  private final String insertCampaign;
  private final String updateClaimedMessage;

  private JdbcCampaignStore(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.upsertLead = dialect.upsert("campaign_leads", "id", "id", "email", "data");
    this.upsertMessage =
        dialect.upsert(
            "campaign_messages",
            "id",
            (MESSAGE_COLUMNS + ", claim_owner, claim_until").split(",\\s*"));
    this.upsertReply =
        dialect.upsert(
            "campaign_replies",
            "id",
            "id",
            "campaign_id",
            "category",
            "action",
            "received_at",
            "data");
    this.insertEvent =
        dialect.insertIfAbsent("campaign_events", "id", EVENT_COLUMNS.split(",\\s*"));
    // the write of a claimed message: only while the claim is held, and it releases the claim
    this.updateClaimedMessage =
        "UPDATE campaign_messages SET id = ?, campaign_id = ?, lead_id = ?,"
            + " step_index = ?, type = ?, subject = ?, text_body = ?, html_body = ?, status = ?, scheduled_at = ?,"
            + " sent_at = ?, message_id = ?, attempts = ?, last_error = ?, provider_response = ?,"
            + " claim_owner = NULL, claim_until = NULL WHERE id = ? AND claim_owner = ?";
    this.insertCampaign =
        dialect.insertIfAbsent(
            "campaign_campaigns", "id", (CAMPAIGN_COLUMNS + ", open_email").split(",\\s*"));
    this.insertSuppression =
        dialect.insertIfAbsent(
            "campaign_suppressions", "email", "email", "reason", "suppressed_at");
  }

  /**
   * Migrates the schema to the current version, then returns a store over {@code dataSource}.
   *
   * @throws IllegalArgumentException when the database is neither PostgreSQL nor H2
   * @throws IllegalStateException when the database cannot be reached or migrated
   */
  public static JdbcCampaignStore create(DataSource dataSource) {
    migrate(dataSource);
    return createWithoutMigration(dataSource);
  }

  /**
   * Returns a store over {@code dataSource} without touching the schema, for hosts that run {@link
   * #migrate(DataSource)} themselves (at deployment, say).
   */
  public static JdbcCampaignStore createWithoutMigration(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcCampaignStore(dataSource, dialectOf(dataSource));
  }

  /**
   * Brings the schema to the current version with Flyway; safe to call on every start and from
   * several instances at once (Flyway takes a lock).
   *
   * @return the number of migrations applied
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    Dialect dialect = dialectOf(dataSource);
    return Flyway.configure(JdbcCampaignStore.class.getClassLoader())
        .dataSource(dataSource)
        .locations(dialect.migrationLocation())
        .table("campaign_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .javaMigrations(new NormaliseSuppressedAddresses())
        .load()
        .migrate()
        .migrationsExecuted;
  }

  private static Dialect dialectOf(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return Dialect.of(c);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect to the campaign database: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Writes

  @Override
  public void commit(StoreChanges changes) {
    Objects.requireNonNull(changes, "changes");
    if (changes.isEmpty() && changes.claims().isEmpty()) {
      return;
    }
    if (isSingleClaimedMessageWrite(changes)) {
      // The hot path (a claimed message going to SENDING, say) is one conditional statement: no
      // transaction to open and commit around it.
      writeClaimedMessage(changes.messages().get(0), changes.claims().get(0).owner());
      return;
    }
    this.<@Nullable Void>inTransaction(
        c -> {
          // A claimed message written in this commit is checked by its own conditional update;
          // other
          // claims are checked under a row lock.
          java.util.Map<String, String> claimOwners = new java.util.HashMap<>();
          changes.claims().forEach(claim -> claimOwners.put(claim.messageId(), claim.owner()));
          java.util.Set<String> written = new java.util.HashSet<>();
          changes.messages().forEach(m -> written.add(m.id()));
          checkClaims(
              c,
              changes.claims().stream()
                  .filter(claim -> !written.contains(claim.messageId()))
                  .toList());
          OpenEmails.followLeads(c, changes.leads());
          writeCampaigns(
              c, OpenEmails.inLockOrder(changes.campaigns(), changes.leads()), changes.leads());
          writeLeads(c, changes.leads());
          writeMessages(c, changes.messages(), claimOwners);
          writeEvents(c, changes.events());
          writeSuppressions(c, changes.suppressions());
          writeReplies(c, changes.replies());
          return null;
        });
  }

  private static boolean isSingleClaimedMessageWrite(StoreChanges changes) {
    return changes.messages().size() == 1
        && changes.claims().size() == 1
        && changes.claims().get(0).messageId().equals(changes.messages().get(0).id())
        && changes.leads().isEmpty()
        && changes.campaigns().isEmpty()
        && changes.events().isEmpty()
        && changes.suppressions().isEmpty()
        && changes.replies().isEmpty();
  }

  private void writeClaimedMessage(CampaignMessage m, String owner) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(updateClaimedMessage)) {
      bindMessage(ps, m);
      ps.setString(16, m.id());
      ps.setString(17, owner);
      int updated = ps.executeUpdate();
      if (!c.getAutoCommit()) {
        // a pool handing out connections without auto-commit
        c.commit();
      }
      if (updated != 1) {
        throw ConcurrentUpdateException.lostClaim(m.id(), owner);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  private void checkClaims(Connection c, List<MessageClaim> claims) throws SQLException {
    if (claims.isEmpty()) {
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

  /** Binds the parameters of one statement. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * Inserts a row once: false when a row with that id is there already (another writer was first),
   * found by looking first ({@code checkFirst}) or by the unique violation of the insert.
   */
  private static boolean insertOnce(
      Connection c, String table, String id, boolean checkFirst, String sql, Binder binder)
      throws SQLException {
    if (checkFirst && exists(c, table, "id", id)) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (!SQL_UNIQUE_VIOLATION.equals(e.getSQLState()) || OpenEmails.isClash(e)) {
        throw e;
      }
      return false;
    }
  }

  private void writeCampaigns(Connection c, List<Campaign> campaigns, List<Lead> leads)
      throws SQLException {
    for (Campaign campaign : campaigns) {
      if (campaign.version() == 0) {
        String openEmail = OpenEmails.of(c, campaign, leads);
        boolean inserted;
        try {
          inserted =
              insertOnce(
                  c,
                  "campaign_campaigns",
                  campaign.id(),
                  dialect.needsExistenceCheck(),
                  insertCampaign,
                  ps -> {
                    bindCampaign(ps, campaign);
                    setString(ps, 10, openEmail);
                  });
        } catch (SQLException e) {
          throw OpenEmails.refusal(e, campaign.id(), openEmail);
        }
        if (!inserted) {
          throw new ConcurrentUpdateException(
              campaign.id(), -1, storedVersion(c, "campaign_campaigns", campaign.id()));
        }
      } else {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE campaign_campaigns SET id = ?, lead_id = ?,"
                    + " status = ?, status_reason = ?, config = ?, created_at = ?, updated_at = ?, resume_at = ?, version = ?"
                    // an ended campaign frees its person's address (see OpenEmails)
                    + (campaign.status().isOpen() ? "" : ", open_email = NULL")
                    + " WHERE id = ? AND version = ?")) {
          bindCampaign(ps, campaign);
          ps.setString(10, campaign.id());
          ps.setLong(11, campaign.version() - 1);
          if (ps.executeUpdate() != 1) {
            throw new ConcurrentUpdateException(
                campaign.id(),
                campaign.version() - 1,
                storedVersion(c, "campaign_campaigns", campaign.id()));
          }
        }
      }
    }
  }

  /** The version of a row of a versioned table (constant name), or -1. */
  private static long storedVersion(Connection c, String table, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static void bindCampaign(PreparedStatement ps, Campaign campaign) throws SQLException {
    ps.setString(1, campaign.id());
    ps.setString(2, campaign.leadId());
    ps.setString(3, campaign.status().name());
    ps.setString(4, campaign.statusReason());
    ps.setString(5, Json.write(campaign.config()));
    setInstant(ps, 6, campaign.createdAt());
    setInstant(ps, 7, campaign.updatedAt());
    setInstant(ps, 8, campaign.resumeAt());
    ps.setLong(9, campaign.version());
  }

  private void writeLeads(Connection c, List<Lead> leads) throws SQLException {
    if (leads.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(upsertLead)) {
      for (Lead lead : leads) {
        ps.setString(1, lead.id());
        ps.setString(2, lead.email());
        ps.setString(3, Json.write(lead));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void writeMessages(
      Connection c, List<CampaignMessage> messages, java.util.Map<String, String> claimOwners)
      throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    List<CampaignMessage> free = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(updateClaimedMessage)) {
      for (CampaignMessage m : messages) {
        String owner = claimOwners.get(m.id());
        if (owner == null) {
          free.add(m);
          continue;
        }
        bindMessage(ps, m);
        ps.setString(16, m.id());
        ps.setString(17, owner);
        if (ps.executeUpdate() != 1) {
          throw ConcurrentUpdateException.lostClaim(m.id(), owner);
        }
      }
    }
    if (free.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(upsertMessage)) {
      for (CampaignMessage m : free) {
        bindMessage(ps, m);
        // any write releases the claim
        setString(ps, 16, null);
        setInstant(ps, 17, null);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bindMessage(PreparedStatement ps, CampaignMessage m) throws SQLException {
    ps.setString(1, m.id());
    ps.setString(2, m.campaignId());
    ps.setString(3, m.leadId());
    ps.setInt(4, m.stepIndex());
    ps.setString(5, m.type().name());
    ps.setString(6, m.subject());
    ps.setString(7, m.textBody());
    setString(ps, 8, m.htmlBody());
    ps.setString(9, m.status().name());
    setInstant(ps, 10, m.scheduledAt());
    setInstant(ps, 11, m.sentAt());
    setString(ps, 12, m.messageId());
    ps.setInt(13, m.attempts());
    setString(ps, 14, m.lastError());
    setString(ps, 15, m.providerResponse());
  }

  private void writeEvents(Connection c, List<CampaignEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insertEvent)) {
      for (CampaignEvent e : events) {
        if (dialect.needsExistenceCheck() && exists(c, "campaign_events", "id", e.id())) {
          continue;
        }
        ps.setString(1, e.id());
        ps.setString(2, e.type().name());
        setInstant(ps, 3, e.occurredAt());
        setString(ps, 4, e.campaignId());
        setString(ps, 5, e.leadId());
        setString(ps, 6, e.messageId());
        ps.setString(7, Json.write(e.storedAttributes()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void writeSuppressions(Connection c, List<Suppression> suppressions) throws SQLException {
    if (suppressions.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insertSuppression)) {
      for (Suppression s : suppressions) {
        if (dialect.needsExistenceCheck()
            && exists(c, "campaign_suppressions", "email", s.email())) {
          continue;
        }
        ps.setString(1, s.email());
        ps.setString(2, s.reason());
        setInstant(ps, 3, s.at());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void writeReplies(Connection c, List<StoredReply> replies) throws SQLException {
    if (replies.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(upsertReply)) {
      for (StoredReply r : replies) {
        ps.setString(1, r.id());
        setString(ps, 2, r.campaignId());
        setString(ps, 3, r.category() == null ? null : r.category().name());
        ps.setString(4, r.action());
        setInstant(ps, 5, r.reply().receivedAt());
        ps.setString(6, Json.write(r.reply()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean exists(Connection c, String table, String key, String value)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + key + " = ?")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Claims

  @Override
  public List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit) {
    return claimDueMessages(now, owner, lease, limit, QueuePriority.EARLIEST_FIRST);
  }

  @Override
  public List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit, QueuePriority priority) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(priority, "priority");
    if (limit < 1) {
      return List.of();
    }
    Instant until = now.plus(lease);
    String order = orderBy(priority);
    List<CampaignMessage> claimed =
        inTransaction(
            c ->
                dialect == Dialect.POSTGRESQL
                    ? claimWithSkipLocked(c, now, owner, until, limit, order)
                    : claimWithConditionalUpdate(c, now, owner, until, limit, order));
    claimed.sort(priority.order());
    return claimed;
  }

  @Override
  public int releaseClaims(String owner) {
    Objects.requireNonNull(owner, "owner");
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_messages SET claim_owner = NULL,"
                      + " claim_until = NULL WHERE claim_owner = ? AND status = 'SCHEDULED'")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
          }
        });
  }

  /** The SQL order of {@code priority} (constant text, no input). */
  private static String orderBy(QueuePriority priority) {
    return switch (priority) {
      case FOLLOW_UPS_FIRST -> "CASE WHEN step_index > 0 THEN 0 ELSE 1 END, scheduled_at, id";
      case FIRST_MESSAGES_FIRST -> "CASE WHEN step_index = 0 THEN 0 ELSE 1 END, scheduled_at, id";
      case EARLIEST_FIRST -> "scheduled_at, id";
    };
  }

  private List<CampaignMessage> claimWithSkipLocked(
      Connection c, Instant now, String owner, Instant until, int limit, String order)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id IN ("
                + "SELECT id FROM campaign_messages WHERE status = 'SCHEDULED' AND scheduled_at <= ?"
                + " AND (claim_until IS NULL OR claim_until < ?) ORDER BY "
                + order
                + " LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING "
                + MESSAGE_COLUMNS)) {
      ps.setString(1, owner);
      setInstant(ps, 2, until);
      setInstant(ps, 3, now);
      setInstant(ps, 4, now);
      ps.setInt(5, limit);
      return readMessages(ps);
    }
  }

  private List<CampaignMessage> claimWithConditionalUpdate(
      Connection c, Instant now, String owner, Instant until, int limit, String order)
      throws SQLException {
    List<CampaignMessage> candidates;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM campaign_messages WHERE status = 'SCHEDULED'"
                + " AND scheduled_at <= ? AND (claim_until IS NULL OR claim_until < ?)"
                + " ORDER BY "
                + order
                + " LIMIT ?")) {
      setInstant(ps, 1, now);
      setInstant(ps, 2, now);
      ps.setInt(3, limit);
      candidates = readMessages(ps);
    }
    List<CampaignMessage> claimed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id = ? AND status = 'SCHEDULED'"
                + " AND (claim_until IS NULL OR claim_until < ?)")) {
      for (CampaignMessage m : candidates) {
        ps.setString(1, owner);
        setInstant(ps, 2, until);
        ps.setString(3, m.id());
        setInstant(ps, 4, now);
        // only the claimer whose update matched the row gets the message
        if (ps.executeUpdate() == 1) {
          claimed.add(m);
        }
      }
    }
    return claimed;
  }

  // ------------------------------------------------------------------------------------------------
  // Reads

  @Override
  public Optional<Lead> findLead(String leadId) {
    return query(
            "SELECT data FROM campaign_leads WHERE id = ?",
            List.of(leadId),
            rs -> Json.read(rs.getString(1), Lead.class))
        .stream()
        .findFirst();
  }

  @Override
  public List<Lead> findLeadsByEmail(String email) {
    return query(
        "SELECT data FROM campaign_leads WHERE email = ? ORDER BY id",
        List.of(EmailAddresses.normalise(email)),
        rs -> Json.read(rs.getString(1), Lead.class));
  }

  @Override
  public Optional<Campaign> findCampaign(String campaignId) {
    return query(
            "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign_campaigns WHERE id = ?",
            List.of(campaignId),
            JdbcCampaignStore::campaign)
        .stream()
        .findFirst();
  }

  @Override
  public List<Campaign> findCampaignsByLead(String leadId) {
    return query(
        "SELECT "
            + CAMPAIGN_COLUMNS
            + " FROM campaign_campaigns WHERE lead_id = ?"
            + " ORDER BY created_at, id",
        List.of(leadId),
        JdbcCampaignStore::campaign);
  }

  @Override
  public List<Campaign> listCampaigns(@Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign_campaigns ORDER BY id LIMIT ?",
            List.of(limit),
            JdbcCampaignStore::campaign)
        : query(
            "SELECT "
                + CAMPAIGN_COLUMNS
                + " FROM campaign_campaigns WHERE id > ? ORDER BY id LIMIT ?",
            List.of(afterId, limit),
            JdbcCampaignStore::campaign);
  }

  @Override
  public List<Campaign> findCampaignsToResume(Instant now, int limit) {
    return query(
        "SELECT "
            + CAMPAIGN_COLUMNS
            + " FROM campaign_campaigns WHERE status = 'PAUSED'"
            + " AND resume_at IS NOT NULL AND resume_at <= ? ORDER BY resume_at, id LIMIT ?",
        List.of(now, limit),
        JdbcCampaignStore::campaign);
  }

  @Override
  public List<CampaignMessage> findMessages(String campaignId) {
    return query(
        "SELECT "
            + MESSAGE_COLUMNS
            + " FROM campaign_messages WHERE campaign_id = ?"
            + " ORDER BY step_index, id",
        List.of(campaignId),
        JdbcCampaignStore::message);
  }

  @Override
  public Optional<CampaignMessage> findMessageByMessageId(String messageId) {
    return query(
            "SELECT " + MESSAGE_COLUMNS + " FROM campaign_messages WHERE message_id = ?",
            List.of(messageId),
            JdbcCampaignStore::message)
        .stream()
        .findFirst();
  }

  @Override
  public List<CampaignMessage> findDueMessages(Instant now, int limit) {
    return query(
        "SELECT "
            + MESSAGE_COLUMNS
            + " FROM campaign_messages WHERE status = 'SCHEDULED'"
            + " AND scheduled_at <= ? ORDER BY scheduled_at, id LIMIT ?",
        List.of(now, limit),
        JdbcCampaignStore::message);
  }

  @Override
  public List<CampaignMessage> findMessagesByStatus(
      DeliveryStatus status, @Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM campaign_messages WHERE status = ? ORDER BY id LIMIT ?",
            List.of(status.name(), limit),
            JdbcCampaignStore::message)
        : query(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM campaign_messages WHERE status = ? AND id > ?"
                + " ORDER BY id LIMIT ?",
            List.of(status.name(), afterId, limit),
            JdbcCampaignStore::message);
  }

  @Override
  public QueueCounts countQueue(Instant now) {
    return query(
            "SELECT"
                + " COALESCE(SUM(CASE WHEN status = 'SCHEDULED' AND scheduled_at > ? THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN status = 'SCHEDULED' AND scheduled_at <= ? THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN status = 'SCHEDULED' AND attempts > 0 THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN status = 'SENDING' THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN status = 'DEAD_LETTERED' THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END), 0),"
                + " MIN(CASE WHEN status = 'SCHEDULED' AND scheduled_at <= ? THEN scheduled_at END)"
                + " FROM campaign_messages",
            List.of(now, now, now),
            rs ->
                new QueueCounts(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    instant(rs, 7)))
        .get(0);
  }

  @Override
  public List<CampaignEvent> findEvents(String campaignId) {
    return query(
        "SELECT " + EVENT_COLUMNS + " FROM campaign_events WHERE campaign_id = ? ORDER BY seq",
        List.of(campaignId),
        JdbcCampaignStore::event);
  }

  @Override
  public List<CampaignEvent> findEventsByType(EventType type, @Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT " + EVENT_COLUMNS + " FROM campaign_events WHERE type = ? ORDER BY seq LIMIT ?",
            List.of(type.name(), limit),
            JdbcCampaignStore::event)
        : query(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM campaign_events WHERE type = ?"
                + " AND seq > (SELECT seq FROM campaign_events WHERE id = ?) ORDER BY seq LIMIT ?",
            List.of(type.name(), afterId, limit),
            JdbcCampaignStore::event);
  }

  @Override
  public Optional<StoredReply> findReply(String replyId) {
    return query(
            "SELECT id, campaign_id, category, action, data FROM campaign_replies WHERE id = ?",
            List.of(replyId),
            rs ->
                new StoredReply(
                    rs.getString(1),
                    Json.read(rs.getString(5), InboundReply.class),
                    rs.getString(2),
                    rs.getString(3) == null ? null : ReplyCategory.valueOf(rs.getString(3)),
                    rs.getString(4)))
        .stream()
        .findFirst();
  }

  @Override
  public boolean isSuppressed(String email) {
    return !query(
            "SELECT 1 FROM campaign_suppressions WHERE email = ?",
            List.of(EmailAddresses.normalise(email)),
            rs -> Boolean.TRUE)
        .isEmpty();
  }

  // ------------------------------------------------------------------------------------------------
  // Mapping

  private static Campaign campaign(ResultSet rs) throws SQLException {
    return new Campaign(
        rs.getString(1),
        rs.getString(2),
        Json.read(rs.getString(5), CampaignConfig.class),
        CampaignStatus.valueOf(rs.getString(3)),
        rs.getString(4),
        requiredInstant(rs, 6),
        requiredInstant(rs, 7),
        instant(rs, 8),
        rs.getLong(9));
  }

  private static CampaignMessage message(ResultSet rs) throws SQLException {
    return new CampaignMessage(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        new MessageType(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        DeliveryStatus.valueOf(rs.getString(9)),
        instant(rs, 10),
        instant(rs, 11),
        rs.getString(12),
        rs.getInt(13),
        rs.getString(14),
        rs.getString(15));
  }

  private static CampaignEvent event(ResultSet rs) throws SQLException {
    // The attributes column holds the stored form of the payload, of any format (see
    // CampaignEvent#fromStored).
    return CampaignEvent.fromStored(
        rs.getString(1),
        EventType.valueOf(rs.getString(2)),
        requiredInstant(rs, 3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        Json.readMap(rs.getString(7)));
  }

  private static List<CampaignMessage> readMessages(PreparedStatement ps) throws SQLException {
    List<CampaignMessage> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(message(rs));
      }
    }
    return result;
  }

  /** A TIMESTAMP WITH TIME ZONE column as an instant, or null (shared with {@link JdbcSendLog}). */
  static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A NOT NULL TIMESTAMP WITH TIME ZONE column as an instant. */
  static Instant requiredInstant(ResultSet rs, int column) throws SQLException {
    Instant t = instant(rs, column);
    if (t == null) {
      throw new SQLException("column " + column + " is NULL where a time is required");
    }
    return t;
  }

  /** Binds an instant to microseconds in UTC, or SQL NULL (shared with {@link JdbcSendLog}). */
  static void setInstant(PreparedStatement ps, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(
          index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
  }

  private static void setString(PreparedStatement ps, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Plumbing

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  interface Work<T extends @Nullable Object> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T extends @Nullable Object> T inTransaction(Work<T> work) {
    return inTransaction(dataSource, work);
  }

  /**
   * Runs {@code work} in one transaction on a connection of {@code dataSource}: committed when it
   * returns, rolled back when it throws (shared with {@link JdbcSendLog}).
   */
  static <T extends @Nullable Object> T inTransaction(DataSource dataSource, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  private <T> List<T> query(String sql, List<?> params, Row<T> row) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof Instant instant) {
          setInstant(ps, i + 1, instant);
        } else if (p instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else {
          ps.setString(i + 1, (String) p);
        }
      }
      List<T> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(row.map(rs));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("campaign database: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Channel tasks

  private static final String TASK_COLUMNS =
      "id, campaign_id, lead_id, channel, kind, account, profile_url,"
          + " text, status, created_at, due_at, released_at, outcome, reported_at, reason, version";

  @Override
  public void saveTasks(List<ChannelTask> tasks, List<CampaignEvent> events) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(events, "events");
    if (tasks.isEmpty() && events.isEmpty()) {
      return;
    }
    this.<@Nullable Void>inTransaction(
        c -> {
          for (ChannelTask t : tasks) {
            if (t.version() == 0) {
              // A plain INSERT (no ON CONFLICT): look first, since a failed insert would abort
              // PostgreSQL's
              // transaction before the stored version is read.
              boolean inserted =
                  insertOnce(
                      c,
                      "campaign_channel_tasks",
                      t.id(),
                      true,
                      "INSERT INTO campaign_channel_tasks ("
                          + TASK_COLUMNS
                          + ") VALUES ("
                          + "?, ".repeat(15)
                          + "?)",
                      ps -> bindTask(ps, t));
              if (!inserted) {
                throw new ConcurrentUpdateException(
                    t.id(), -1, storedVersion(c, "campaign_channel_tasks", t.id()));
              }
            } else {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE campaign_channel_tasks SET id = ?,"
                          + " campaign_id = ?, lead_id = ?, channel = ?, kind = ?, account = ?, profile_url = ?, text = ?,"
                          + " status = ?, created_at = ?, due_at = ?, released_at = ?, outcome = ?, reported_at = ?,"
                          + " reason = ?, version = ? WHERE id = ? AND version = ?")) {
                bindTask(ps, t);
                ps.setString(17, t.id());
                ps.setLong(18, t.version() - 1);
                if (ps.executeUpdate() != 1) {
                  throw new ConcurrentUpdateException(
                      t.id(), t.version() - 1, storedVersion(c, "campaign_channel_tasks", t.id()));
                }
              }
            }
          }
          writeEvents(c, events);
          return null;
        });
  }

  private static void bindTask(PreparedStatement ps, ChannelTask t) throws SQLException {
    ps.setString(1, t.id());
    ps.setString(2, t.campaignId());
    ps.setString(3, t.leadId());
    ps.setString(4, t.channel().name());
    ps.setString(5, t.kind().name());
    ps.setString(6, t.account());
    ps.setString(7, t.profileUrl().toString());
    ps.setString(8, t.text());
    ps.setString(9, t.status().name());
    setInstant(ps, 10, t.createdAt());
    setInstant(ps, 11, t.dueAt());
    setInstant(ps, 12, t.releasedAt());
    setString(ps, 13, t.outcome() == null ? null : t.outcome().name());
    setInstant(ps, 14, t.reportedAt());
    ps.setString(15, t.reason());
    ps.setLong(16, t.version());
  }

  private static ChannelTask task(ResultSet rs) throws SQLException {
    String outcome = rs.getString(13);
    return new ChannelTask(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        com.fourrunr.campaign.Channel.valueOf(rs.getString(4)),
        TaskKind.valueOf(rs.getString(5)),
        rs.getString(6),
        java.net.URI.create(rs.getString(7)),
        rs.getString(8),
        TaskStatus.valueOf(rs.getString(9)),
        requiredInstant(rs, 10),
        requiredInstant(rs, 11),
        instant(rs, 12),
        outcome == null ? null : TaskOutcome.valueOf(outcome),
        instant(rs, 14),
        rs.getString(15),
        rs.getLong(16));
  }

  @Override
  public Optional<ChannelTask> findTask(String taskId) {
    return query(
            "SELECT " + TASK_COLUMNS + " FROM campaign_channel_tasks WHERE id = ?",
            List.of(taskId),
            JdbcCampaignStore::task)
        .stream()
        .findFirst();
  }

  @Override
  public List<ChannelTask> findTasksByCampaign(String campaignId) {
    return query(
        "SELECT "
            + TASK_COLUMNS
            + " FROM campaign_channel_tasks WHERE campaign_id = ?"
            + " ORDER BY created_at, id",
        List.of(campaignId),
        JdbcCampaignStore::task);
  }

  @Override
  public List<ChannelTask> findDueTasks(Instant now, int limit) {
    return query(
        "SELECT "
            + TASK_COLUMNS
            + " FROM campaign_channel_tasks WHERE status = 'WAITING'"
            + " AND due_at <= ? ORDER BY due_at, id LIMIT ?",
        List.of(now, limit),
        JdbcCampaignStore::task);
  }

  @Override
  public List<ChannelTask> findTasksByStatus(
      TaskStatus status, @Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT "
                + TASK_COLUMNS
                + " FROM campaign_channel_tasks WHERE status = ? ORDER BY id LIMIT ?",
            List.of(status.name(), limit),
            JdbcCampaignStore::task)
        : query(
            "SELECT "
                + TASK_COLUMNS
                + " FROM campaign_channel_tasks WHERE status = ? AND id > ?"
                + " ORDER BY id LIMIT ?",
            List.of(status.name(), afterId, limit),
            JdbcCampaignStore::task);
  }

  @Override
  public List<ChannelTask> findReleasedTasks(String account, Instant since) {
    return query(
        "SELECT "
            + TASK_COLUMNS
            + " FROM campaign_channel_tasks WHERE account = ?"
            + " AND released_at IS NOT NULL AND released_at >= ? ORDER BY released_at, id",
        List.of(account, since),
        JdbcCampaignStore::task);
  }

  @Override
  public String toString() {
    return "JdbcCampaignStore[" + dialect + "]";
  }
}
