package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.exists;
import static com.fourrunr.campaign.jdbc.Jdbc.insertOnce;
import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;
import static com.fourrunr.campaign.jdbc.Jdbc.setString;
import static com.fourrunr.campaign.jdbc.Jdbc.storedVersion;
import static com.fourrunr.campaign.jdbc.Rows.CAMPAIGN_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.EVENT_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.MESSAGE_COLUMNS;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignSearch;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.MessageClaim;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.spi.Suppression;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The writes of {@link JdbcCampaignStore#commit}: one transaction (or, for a claimed message alone,
 * one conditional statement) for a state change and its events.
 */
final class JdbcWrites {
  private final DataSource dataSource;
  private final Dialect dialect;
  private static final String[] LEAD_COLUMNS = {
    "id", "email", "data", "name_lc", "last_name_lc", "company_lc"
  };

  /** The columns a message is written with: its own, and its claim (released by any write). */
  static final String[] MESSAGE_WRITE_COLUMNS =
      (MESSAGE_COLUMNS + ", claim_owner, claim_until").split(",\\s*");

  private static final String[] EVENT_WRITE_COLUMNS = EVENT_COLUMNS.split(",\\s*");
  private static final String[] NEW_CAMPAIGN_COLUMNS =
      (CAMPAIGN_COLUMNS + ", open_email, mailbox, sequence_name").split(",\\s*");
  private final String upsertReply;
  private final String insertSuppression;
  private final String insertCampaign;
  private final String updateClaimedMessage;

  JdbcWrites(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
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
    // the write of a claimed message: only while the claim is held, and it releases the claim
    this.updateClaimedMessage = ClaimedMessageWrites.UPDATE_ONE;
    this.insertCampaign =
        dialect.insertIfAbsent(
            "campaign_campaigns",
            "id",
            (CAMPAIGN_COLUMNS + ", open_email, mailbox, sequence_name").split(",\\s*"));
    this.insertSuppression =
        dialect.insertIfAbsent(
            "campaign_suppressions", "email", "email", "reason", "suppressed_at");
  }

  void commit(StoreChanges changes) {
    commit(changes, false);
  }

  /**
   * Writes {@code changes} in one transaction that, on PostgreSQL, commits without waiting for the
   * WAL flush when it writes the delivery of a stored message (see {@link
   * JdbcCampaignStore#commitSent}: the condition that turns the flush off rides on that write, so
   * it costs no round trip); on H2 as {@link #commit(StoreChanges)}.
   */
  void commitWithoutFlush(StoreChanges changes) {
    Objects.requireNonNull(changes, "changes");
    if (dialect != Dialect.POSTGRESQL || (changes.isEmpty() && changes.claims().isEmpty())) {
      commit(changes);
      return;
    }
    try {
      commitInTransaction(changes, true, false, true);
    } catch (MultiRowInserts.Refused refused) {
      commitInTransaction(changes, false, false, true);
    }
  }

  /**
   * Writes {@code changes}; with {@code keepSendingClaims}, on PostgreSQL, the claimed messages
   * written as SENDING keep their claims until their hand-over (see {@link SendingClaims}).
   */
  void commit(StoreChanges changes, boolean keepSendingClaims) {
    Objects.requireNonNull(changes, "changes");
    if (changes.isEmpty() && changes.claims().isEmpty()) {
      return;
    }
    if (isSingleClaimedMessageWrite(changes)) {
      // The hot path (a claimed message going to SENDING, say) is one conditional statement: no
      // transaction to open and commit around it.
      writeClaimedMessage(
          changes.messages().get(0), changes.claims().get(0).owner(), keepSendingClaims);
      return;
    }
    try {
      commitInTransaction(changes, true, keepSendingClaims, false);
    } catch (MultiRowInserts.Refused refused) {
      // A new campaign's id or open address (or a new campaign's message id) was taken: redone row
      // by row, which names the campaign.
      commitInTransaction(changes, false, keepSendingClaims, false);
    }
  }

  private void commitInTransaction(
      StoreChanges changes,
      boolean newCampaignsInOneBatch,
      boolean keepSendingClaims,
      boolean withoutFlush) {
    Jdbc.<@Nullable Void>inTransaction(
        dataSource,
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
          Set<String> inserted =
              writeCampaigns(
                  c,
                  OpenEmails.inLockOrder(changes.campaigns(), changes.leads()),
                  changes.leads(),
                  newCampaignsInOneBatch);
          writeLeads(c, changes.leads());
          writeMessages(
              c,
              changes.messages(),
              claimOwners,
              changes.deliveryOnly(),
              keepSendingClaims,
              withoutFlush,
              inserted);
          writeEvents(c, changes.events());
          JdbcSuppressions.remove(c, changes.unsuppressions());
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
        && changes.unsuppressions().isEmpty()
        && changes.replies().isEmpty();
  }

  private void writeClaimedMessage(CampaignMessage m, String owner, boolean keepSendingClaim) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                keepSendingClaim && ClaimedMessageWrites.keepsClaim(dialect, m)
                    ? ClaimedMessageWrites.UPDATE_ONE_KEEPING_CLAIM
                    : updateClaimedMessage)) {
      ClaimedMessageWrites.bindOne(ps, m, owner);
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
    ClaimedMessageWrites.check(c, dialect, claims);
  }

  /**
   * Writes {@code campaigns}.
   *
   * @return the ids of the new campaigns inserted in one batch (see {@link #insertNewCampaigns})
   */
  private Set<String> writeCampaigns(
      Connection c, List<Campaign> campaigns, List<Lead> leads, boolean newInOneBatch)
      throws SQLException {
    List<Campaign> batched = List.of();
    if (newInOneBatch) {
      batched = campaigns.stream().filter(campaign -> campaign.version() == 0).toList();
      if (batched.size() > 1) {
        insertNewCampaigns(c, batched, leads);
      } else {
        batched = List.of();
      }
    }
    Set<String> insertedInBatch = new HashSet<>();
    batched.forEach(campaign -> insertedInBatch.add(campaign.id()));
    for (Campaign campaign : campaigns) {
      if (campaign.version() == 0 && !batched.isEmpty()) {
        continue;
      }
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
                    bindSearchColumns(ps, 11, campaign);
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
                    + " status = ?, status_reason = ?, config = ?, created_at = ?, updated_at = ?, resume_at = ?, version = ?,"
                    + " mailbox = ?, sequence_name = ?"
                    // an ended campaign frees its person's address (see OpenEmails)
                    + (campaign.status().isOpen() ? "" : ", open_email = NULL")
                    + " WHERE id = ? AND version = ?")) {
          bindCampaign(ps, campaign);
          bindSearchColumns(ps, 10, campaign);
          ps.setString(12, campaign.id());
          ps.setLong(13, campaign.version() - 1);
          if (ps.executeUpdate() != 1) {
            throw new ConcurrentUpdateException(
                campaign.id(),
                campaign.version() - 1,
                storedVersion(c, "campaign_campaigns", campaign.id()));
          }
        }
      }
    }
    return insertedInBatch;
  }

  /**
   * New campaigns in one batch of plain inserts (multi-row where the driver rewrites batches). A
   * taken id or open address fails the batch with {@link MultiRowInserts.Refused}; the commit is
   * then redone row by row.
   */
  private void insertNewCampaigns(Connection c, List<Campaign> campaigns, List<Lead> leads)
      throws SQLException {
    if (dialect.needsExistenceCheck()) {
      Set<String> ids = new HashSet<>();
      campaigns.forEach(campaign -> ids.add(campaign.id()));
      if (!MultiRowInserts.existing(c, "campaign_campaigns", "id", ids).isEmpty()) {
        throw new MultiRowInserts.Refused(
            new SQLException("a new campaign's id is taken", "23505"));
      }
    }
    // each new campaign's open address from its lead in this commit, found by id
    java.util.Map<String, String> emails = new java.util.HashMap<>();
    for (Lead lead : leads) {
      emails.putIfAbsent(lead.id(), lead.email());
    }
    try {
      List<Integer> inserted =
          MultiRowInserts.write(
              c,
              campaigns,
              NEW_CAMPAIGN_COLUMNS.length,
              rows -> Dialect.insert("campaign_campaigns", rows, NEW_CAMPAIGN_COLUMNS),
              Campaign::id,
              (ps, first, campaign) -> {
                bindCampaign(ps, first, campaign);
                String email = emails.get(campaign.leadId());
                setString(
                    ps,
                    first + 9,
                    email != null && campaign.status().isOpen()
                        ? email
                        : OpenEmails.of(c, campaign, leads));
                bindSearchColumns(ps, first + 10, campaign);
              });
      MultiRowInserts.requireInserted(inserted, campaigns.size(), "campaign");
    } catch (SQLException e) {
      throw new MultiRowInserts.Refused(e);
    }
  }

  private static void bindCampaign(PreparedStatement ps, Campaign campaign) throws SQLException {
    bindCampaign(ps, 1, campaign);
  }

  /** The 9 {@code CAMPAIGN_COLUMNS} of {@code campaign}, from parameter index {@code first}. */
  private static void bindCampaign(PreparedStatement ps, int first, Campaign campaign)
      throws SQLException {
    int i = first - 1;
    ps.setString(i + 1, campaign.id());
    ps.setString(i + 2, campaign.leadId());
    ps.setString(i + 3, campaign.status().name());
    ps.setString(i + 4, campaign.statusReason());
    ps.setString(i + 5, configJson(campaign.config()));
    setInstant(ps, i + 6, campaign.createdAt());
    setInstant(ps, i + 7, campaign.updatedAt());
    setInstant(ps, i + 8, campaign.resumeAt());
    ps.setLong(i + 9, campaign.version());
  }

  /**
   * The JSON of the last configuration written and that configuration: the campaigns of an
   * enrolment share one configuration object (per sending mailbox), written once instead of once
   * per campaign.
   */
  private record ConfigJson(Object config, String json) {}

  private static volatile @Nullable ConfigJson lastConfig;

  /** {@link Json#write} of {@code config}, the same object as last time answered from memory. */
  private static String configJson(Object config) {
    ConfigJson last = lastConfig;
    if (last != null && last.config() == config) {
      return last.json();
    }
    String json = Json.write(config);
    lastConfig = new ConfigJson(config, json);
    return json;
  }

  /** The columns the operator's campaign list filters on (see {@link JdbcCampaignSearch}). */
  private static void bindSearchColumns(PreparedStatement ps, int first, Campaign campaign)
      throws SQLException {
    ps.setString(first, JdbcCampaignSearch.mailboxKey(campaign.config()));
    ps.setString(first + 1, JdbcCampaignSearch.sequenceKey(campaign.config()));
  }

  private void writeLeads(Connection c, List<Lead> leads) throws SQLException {
    if (leads.isEmpty()) {
      return;
    }
    MultiRowInserts.write(
        c,
        leads,
        LEAD_COLUMNS.length,
        rows -> dialect.upsert("campaign_leads", "id", rows, LEAD_COLUMNS),
        Lead::id,
        (ps, first, lead) -> {
          ps.setString(first, lead.id());
          ps.setString(first + 1, lead.email());
          ps.setString(first + 2, Json.write(lead));
          ps.setString(first + 3, CampaignSearch.fullName(lead));
          ps.setString(first + 4, CampaignSearch.fold(lead.lastName()));
          ps.setString(first + 5, CampaignSearch.fold(lead.company()));
        });
  }

  private void writeMessages(
      Connection c,
      List<CampaignMessage> messages,
      java.util.Map<String, String> claimOwners,
      Set<String> deliveryOnly,
      boolean keepSendingClaims,
      boolean withoutFlush,
      Set<String> insertedCampaigns)
      throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    List<CampaignMessage> free = new ArrayList<>();
    List<CampaignMessage> claimed = new ArrayList<>();
    List<CampaignMessage> deliveries = new ArrayList<>();
    List<CampaignMessage> fresh = new ArrayList<>();
    for (CampaignMessage m : messages) {
      if (claimOwners.containsKey(m.id())) {
        claimed.add(m);
      } else if (deliveryOnly.contains(m.id())) {
        deliveries.add(m);
      } else if (insertedCampaigns.contains(m.campaignId())) {
        fresh.add(m); // new rows of campaigns new in this commit: plain inserts
      } else {
        free.add(m);
      }
    }
    // a batch's claimed messages in one statement (PostgreSQL) or one JDBC batch, each written
    // only while its claim is held
    ClaimedMessageWrites.write(c, dialect, claimed, claimOwners, keepSendingClaims);
    // stored messages whose delivery alone changes (a sent message, its next step): no copy
    // shipped; the record of sends commits without the WAL flush on PostgreSQL (commitSent)
    ClaimedMessageWrites.writeDeliveries(c, dialect, deliveries, withoutFlush);
    NewMessageInserts.write(c, fresh);
    if (free.isEmpty()) {
      return;
    }
    MultiRowInserts.write(
        c,
        free,
        MESSAGE_WRITE_COLUMNS.length,
        rows -> dialect.upsert("campaign_messages", "id", rows, MESSAGE_WRITE_COLUMNS),
        CampaignMessage::id,
        JdbcWrites::bindMessageReleasingClaim);
  }

  /**
   * The 17 {@code MESSAGE_WRITE_COLUMNS} of {@code m} from parameter index {@code first}: its own,
   * and no claim (any write releases the claim).
   */
  static void bindMessageReleasingClaim(PreparedStatement ps, int first, CampaignMessage m)
      throws SQLException {
    bindMessage(ps, first, m);
    setString(ps, first + 15, null);
    setInstant(ps, first + 16, null);
  }

  /** The 15 {@code MESSAGE_COLUMNS} of {@code m}, from parameter index {@code first}. */
  static void bindMessage(PreparedStatement ps, int first, CampaignMessage m) throws SQLException {
    int i = first - 1;
    ps.setString(i + 1, m.id());
    ps.setString(i + 2, m.campaignId());
    ps.setString(i + 3, m.leadId());
    ps.setInt(i + 4, m.stepIndex());
    ps.setString(i + 5, m.type().name());
    ps.setString(i + 6, m.subject());
    ps.setString(i + 7, m.textBody());
    setString(ps, i + 8, m.htmlBody());
    ps.setString(i + 9, m.status().name());
    setInstant(ps, i + 10, m.scheduledAt());
    setInstant(ps, i + 11, m.sentAt());
    setString(ps, i + 12, m.messageId());
    ps.setInt(i + 13, m.attempts());
    setString(ps, i + 14, m.lastError());
    setString(ps, i + 15, m.providerResponse());
  }

  void writeEvents(Connection c, List<CampaignEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Set<String> stored = Set.of();
    if (dialect.needsExistenceCheck()) {
      List<String> ids = new ArrayList<>();
      events.forEach(e -> ids.add(e.id()));
      stored = MultiRowInserts.existing(c, "campaign_events", "id", ids);
    }
    List<CampaignEvent> absent = new ArrayList<>(events.size());
    for (CampaignEvent e : events) {
      if (!stored.contains(e.id())) {
        absent.add(e);
      }
    }
    MultiRowInserts.write(
        c,
        absent,
        EVENT_WRITE_COLUMNS.length,
        rows -> dialect.insertIfAbsent("campaign_events", "id", rows, EVENT_WRITE_COLUMNS),
        CampaignEvent::id,
        JdbcWrites::bindEvent);
  }

  /** The columns an event is inserted with ({@link Rows#EVENT_COLUMNS}). */
  static String[] eventColumns() {
    return EVENT_WRITE_COLUMNS.clone();
  }

  /** Binds the insert of one event, its columns from parameter {@code first}. */
  static void bindEvent(PreparedStatement ps, int first, CampaignEvent e) throws SQLException {
    ps.setString(first, e.id());
    ps.setString(first + 1, e.type().name());
    setInstant(ps, first + 2, e.occurredAt());
    setString(ps, first + 3, e.campaignId());
    setString(ps, first + 4, e.leadId());
    setString(ps, first + 5, e.messageId());
    ps.setString(first + 6, Json.write(e.storedAttributes()));
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
}
