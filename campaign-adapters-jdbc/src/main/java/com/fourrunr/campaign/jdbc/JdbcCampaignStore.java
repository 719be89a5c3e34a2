package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.instant;
import static com.fourrunr.campaign.jdbc.Rows.CAMPAIGN_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.EVENT_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.MESSAGE_COLUMNS;

import com.fourrunr.campaign.AlreadyInCampaignException;
import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailAddresses;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.OpenCampaigns;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * the microsecond. On PostgreSQL the store analyses the tables an enrolment fills once they have
 * grown enough since their last analyse ({@link TableStatistics}: at least 1,000 rows written and
 * at least as many as the table held then), so the planner serves claims and reads from their
 * indexes right after a bulk enrolment instead of waiting for autovacuum. Thread-safe; a connection
 * is taken from the data source for each call and returned at once, so use a pooled data source in
 * production.
 *
 * <p>It is also the {@link ChannelTaskStore} of the LinkedIn fallback (table {@code
 * campaign_channel_tasks}, tasks versioned like campaigns).
 */
public final class JdbcCampaignStore implements CampaignStore, ChannelTaskStore {
  private final DataSource dataSource;
  private final Dialect dialect;

  /** Whether send batches are committed (see {@link #withSendBatches()}). */
  private final boolean sendBatches;

  private final JdbcWrites writes;
  private final JdbcClaims claims;
  private final JdbcSetReads setReads;
  private final JdbcSuppressions suppressions;
  private final JdbcChannelTasks tasks;
  private final JdbcCampaignSearch search;
  private final JdbcLastEvents lastEvents;
  private final TableStatistics statistics;

  private JdbcCampaignStore(DataSource dataSource, Dialect dialect, boolean sendBatches) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.sendBatches = sendBatches && dialect == Dialect.POSTGRESQL;
    this.writes = new JdbcWrites(dataSource, dialect);
    this.claims = new JdbcClaims(dataSource, dialect);
    this.setReads = new JdbcSetReads(dataSource, dialect);
    this.suppressions = new JdbcSuppressions(dataSource);
    this.tasks = new JdbcChannelTasks(dataSource, writes);
    this.search = new JdbcCampaignSearch(dataSource);
    this.lastEvents = new JdbcLastEvents(dataSource, dialect);
    this.statistics = new TableStatistics(dataSource, dialect);
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
    return new JdbcCampaignStore(dataSource, dialectOf(dataSource), true);
  }

  /**
   * This store over the same database, committing send batches on PostgreSQL (see {@link
   * #commitsSendBatches()}), which is the default: each batch's Message-IDs stored in one durable
   * commit before any send, then each send recorded, together with the hand-over of the next
   * message, in one commit that does not wait for the disk. The death of the engine's process
   * leaves at most one message uncertain (for review) per instance, as two commits per message do;
   * a crash of PostgreSQL itself leaves uncertain every message of the batch it interrupted that
   * was stored as SENDING under the server's former identity (see {@link SendingClaims}), where two
   * commits per message leave at most one. On H2 nothing changes.
   */
  public JdbcCampaignStore withSendBatches() {
    return new JdbcCampaignStore(dataSource, dialect, true);
  }

  /**
   * This store over the same database, committing each send alone: two durable commits per message
   * (its Message-ID as SENDING, then its record), so that even a crash of PostgreSQL leaves at most
   * one message uncertain per instance, at about half the throughput of {@link #withSendBatches()}
   * (see {@code docs/performance.md}). H2 always commits so.
   */
  public JdbcCampaignStore withoutSendBatches() {
    return new JdbcCampaignStore(dataSource, dialect, false);
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
        .javaMigrations(new NormaliseSuppressedAddresses(), new FillSearchColumns())
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
    writes.commit(changes);
    // after an enrolment's bulk inserts, fresh planner statistics (PostgreSQL)
    statistics.written(changes);
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
    return claims.claimDueMessages(now, owner, lease, limit, priority);
  }

  @Override
  public int releaseClaims(String owner) {
    return claims.releaseClaims(owner);
  }

  /**
   * True on PostgreSQL (see {@link #withSendBatches()}): a send batch's Message-IDs are stored in
   * one commit, each message keeps its claim until it is {@linkplain #handOver handed over} (see
   * {@link SendingClaims}), and each send is recorded before the next is handed over, so the death
   * of the engine's process leaves uncertain only the message handed over and not yet recorded: at
   * most one per instance. False for a store made {@link #withoutSendBatches()}, and always on H2:
   * two commits per message.
   */
  @Override
  public boolean commitsSendBatches() {
    return sendBatches;
  }

  /**
   * With {@link #withSendBatches()} on PostgreSQL the claimed messages written as SENDING keep
   * their claims until {@link #handOver} (see {@link SendingClaims}); otherwise this is {@link
   * #commit}.
   */
  @Override
  public void commitSending(StoreChanges changes) {
    writes.commit(changes, sendBatches);
  }

  /**
   * On PostgreSQL, commits without waiting for the WAL flush ({@code synchronous_commit = off} for
   * this transaction): the record of sends stored as SENDING before, which a crash of the server
   * can only turn back into uncertain messages. On H2, {@link #commit}.
   */
  @Override
  public void commitSent(StoreChanges changes) {
    writes.commitWithoutFlush(changes);
    statistics.written(changes);
  }

  /**
   * With {@link #withSendBatches()} on PostgreSQL, releases the claim of a SENDING message while
   * {@code owner} holds it, committed without waiting for the WAL flush; otherwise a SENDING
   * message holds no claim and this returns true.
   */
  @Override
  public boolean handOver(String messageId, String owner) {
    return !sendBatches || SendingClaims.handOver(dataSource, messageId, owner);
  }

  /**
   * With {@link #withSendBatches()} on PostgreSQL, a record of the usual shape (the sent message's
   * and its next step's delivery, their events) and the hand-over go in one statement, whose
   * transaction commits without waiting for the WAL flush; otherwise {@link #commitSent}, then
   * {@link #handOver}.
   */
  @Override
  public boolean commitSentAndHandOver(StoreChanges sent, String messageId, String owner) {
    if (!sendBatches || !SentRecords.fits(sent)) {
      commitSent(sent);
      return handOver(messageId, owner);
    }
    boolean handed = SentRecords.commit(dataSource, sent, messageId, owner);
    statistics.written(sent);
    return handed;
  }

  @Override
  public Set<String> findSendingInFlight(Collection<String> messageIds, Instant now) {
    return dialect == Dialect.POSTGRESQL
        ? SendingClaims.inFlight(dataSource, messageIds, now)
        : Set.of();
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
            Rows::campaign)
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
        Rows::campaign);
  }

  @Override
  public List<Campaign> listCampaigns(@Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT " + CAMPAIGN_COLUMNS + " FROM campaign_campaigns ORDER BY id LIMIT ?",
            List.of(limit),
            Rows::campaign)
        : query(
            "SELECT "
                + CAMPAIGN_COLUMNS
                + " FROM campaign_campaigns WHERE id > ? ORDER BY id LIMIT ?",
            List.of(afterId, limit),
            Rows::campaign);
  }

  @Override
  public List<String> searchCampaignIds(CampaignSearch search, @Nullable String after, int limit) {
    return this.search.ids(search, after, limit);
  }

  @Override
  public List<Campaign> findCampaignsToResume(Instant now, int limit) {
    return query(
        "SELECT "
            + CAMPAIGN_COLUMNS
            + " FROM campaign_campaigns WHERE status = 'PAUSED'"
            + " AND resume_at IS NOT NULL AND resume_at <= ? ORDER BY resume_at, id LIMIT ?",
        List.of(now, limit),
        Rows::campaign);
  }

  @Override
  public List<CampaignMessage> findMessages(String campaignId) {
    return query(
        "SELECT "
            + MESSAGE_COLUMNS
            + " FROM campaign_messages WHERE campaign_id = ?"
            + " ORDER BY step_index, id",
        List.of(campaignId),
        Rows::message);
  }

  @Override
  public Optional<CampaignMessage> findMessageByMessageId(String messageId) {
    return query(
            "SELECT " + MESSAGE_COLUMNS + " FROM campaign_messages WHERE message_id = ?",
            List.of(messageId),
            Rows::message)
        .stream()
        .findFirst();
  }

  @Override
  public List<CampaignMessage> findDueMessages(Instant now, int limit) {
    // the earliest first, by the claims' index (due messages whose claim has not run out too)
    return Jdbc.autoCommitted(
        dataSource, c -> JdbcClaims.due(c, now, limit, QueuePriority.EARLIEST_FIRST, false));
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
            Rows::message)
        : query(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM campaign_messages WHERE status = ? AND id > ?"
                + " ORDER BY id LIMIT ?",
            List.of(status.name(), afterId, limit),
            Rows::message);
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
        Rows::event);
  }

  /** One query per page of up to 500 campaigns ({@link JdbcLastEvents}). */
  @Override
  public Map<String, CampaignEvent> findLastEvents(Collection<String> campaignIds) {
    return lastEvents.find(campaignIds);
  }

  @Override
  public List<CampaignEvent> findEventsByType(EventType type, @Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT " + EVENT_COLUMNS + " FROM campaign_events WHERE type = ? ORDER BY seq LIMIT ?",
            List.of(type.name(), limit),
            Rows::event)
        : query(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM campaign_events WHERE type = ?"
                + " AND seq > (SELECT seq FROM campaign_events WHERE id = ?) ORDER BY seq LIMIT ?",
            List.of(type.name(), afterId, limit),
            Rows::event);
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
    return suppressions.isSuppressed(email);
  }

  @Override
  public Map<String, Campaign> findCampaigns(Collection<String> campaignIds) {
    return setReads.campaigns(campaignIds);
  }

  @Override
  public Map<String, Lead> findLeads(Collection<String> leadIds) {
    return setReads.leads(leadIds);
  }

  @Override
  public Map<String, List<CampaignMessage>> findMessages(Collection<String> campaignIds) {
    return setReads.messages(campaignIds);
  }

  @Override
  public OpenCampaigns findOpenCampaigns(Collection<String> leadIds, Collection<String> emails) {
    return setReads.openCampaigns(leadIds, emails);
  }

  @Override
  public Set<String> findSuppressed(Collection<String> emails) {
    return suppressions.suppressed(emails);
  }

  @Override
  public List<com.fourrunr.campaign.spi.Suppression> findSuppressions(
      String query, @Nullable String afterKey, int limit) {
    return suppressions.find(query, afterKey, limit);
  }

  @Override
  public List<StoredReply> findRepliesByCategory(
      ReplyCategory category, @Nullable String afterId, int limit) {
    List<Object> params = new java.util.ArrayList<>();
    params.add(category.name());
    if (afterId != null) {
      params.add(afterId);
    }
    params.add(limit);
    return query(
        "SELECT id, campaign_id, category, action, data FROM campaign_replies WHERE category = ?"
            + (afterId == null ? "" : " AND id > ?")
            + " ORDER BY id LIMIT ?",
        params,
        rs ->
            new StoredReply(
                rs.getString(1),
                Json.read(rs.getString(5), InboundReply.class),
                rs.getString(2),
                ReplyCategory.valueOf(rs.getString(3)),
                rs.getString(4)));
  }

  private <T> List<T> query(String sql, List<?> params, Jdbc.Row<T> row) {
    return Jdbc.query(dataSource, sql, params, row);
  }

  // ------------------------------------------------------------------------------------------------
  // Channel tasks

  @Override
  public void saveTasks(List<ChannelTask> tasks, List<CampaignEvent> events) {
    this.tasks.saveTasks(tasks, events);
  }

  @Override
  public Optional<ChannelTask> findTask(String taskId) {
    return tasks.findTask(taskId);
  }

  @Override
  public List<ChannelTask> findTasksByCampaign(String campaignId) {
    return tasks.findTasksByCampaign(campaignId);
  }

  @Override
  public List<ChannelTask> findDueTasks(Instant now, int limit) {
    return tasks.findDueTasks(now, limit);
  }

  @Override
  public List<ChannelTask> findTasksByStatus(
      TaskStatus status, @Nullable String afterId, int limit) {
    return tasks.findTasksByStatus(status, afterId, limit);
  }

  @Override
  public List<ChannelTask> findReleasedTasks(String account, Instant since) {
    return tasks.findReleasedTasks(account, since);
  }

  @Override
  public String toString() {
    return "JdbcCampaignStore[" + dialect + "]";
  }
}
