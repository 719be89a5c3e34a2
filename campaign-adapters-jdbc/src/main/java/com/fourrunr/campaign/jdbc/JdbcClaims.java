package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;
import static com.fourrunr.campaign.jdbc.Rows.MESSAGE_COLUMNS;
import static com.fourrunr.campaign.jdbc.Rows.readMessages;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.QueuePriority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The claim queries of {@link JdbcCampaignStore}: due messages claimed in batches with an owner and
 * an expiry ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, a conditional update on H2), and claims
 * released. A claim takes one priority class after the other (follow-ups, first messages), each in
 * the order of the index {@code campaign_messages_due_by_class} (migration V12), so its cost does
 * not grow with the number of due messages. On PostgreSQL a claim first takes back the SENDING
 * messages whose claim ran out before their hand-over ({@link SendingClaims}).
 */
final class JdbcClaims {
  /** Follow-ups: any step after the first (V12: a stored column with an index by class). */
  private static final String FOLLOW_UPS = " AND follow_up = TRUE";

  private static final String FIRST_MESSAGES = " AND follow_up = FALSE";

  private final DataSource dataSource;
  private final Dialect dialect;

  /**
   * When this store last swept the SENDING claims that ran out (by the claims' clock): a claim
   * sweeps again once half a lease has passed since, or when that clock went back.
   */
  private final AtomicReference<@Nullable Instant> lastSweep = new AtomicReference<>();

  JdbcClaims(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  List<CampaignMessage> claimDueMessages(
      Instant now, String owner, Duration lease, int limit, QueuePriority priority) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(priority, "priority");
    if (limit < 1) {
      return List.of();
    }
    Instant until = now.plus(lease);
    List<CampaignMessage> claimed =
        Jdbc.inTransaction(
            dataSource,
            c -> {
              if (dialect == Dialect.POSTGRESQL && sweepDue(now, lease)) {
                // SENDING messages whose claim ran out, never handed over: claimable again (or
                // uncertain) first; an index probe when there are none
                SendingClaims.sweep(c, now);
              }
              // One query per priority class, each served in order by its index: a claim reads
              // only the rows it takes, whatever the backlog.
              List<CampaignMessage> taken = new ArrayList<>();
              for (String classFilter : classes(priority)) {
                int wanted = limit - taken.size();
                if (wanted < 1) {
                  break;
                }
                taken.addAll(
                    dialect == Dialect.POSTGRESQL
                        ? claimWithSkipLocked(c, now, owner, until, wanted, classFilter)
                        : claimWithConditionalUpdate(c, now, owner, until, wanted, classFilter));
              }
              return taken;
            });
    claimed.sort(priority.order());
    return claimed;
  }

  /**
   * Whether a claim at {@code now} sweeps first: at most once per half lease, so a claim that ran
   * out is taken back within one and a half leases, and the sweep costs a claim almost nothing.
   */
  private boolean sweepDue(Instant now, Duration lease) {
    Instant last = lastSweep.get();
    boolean due =
        last == null || now.isBefore(last) || !now.isBefore(last.plus(lease.dividedBy(2)));
    return due && lastSweep.compareAndSet(last, now);
  }

  /**
   * The priority classes of {@code priority} in claim order, each a condition on the stored {@code
   * follow_up} column (constant text, no input); the empty condition is every due message.
   */
  static List<String> classes(QueuePriority priority) {
    return switch (priority) {
      case FOLLOW_UPS_FIRST -> List.of(FOLLOW_UPS, FIRST_MESSAGES);
      case FIRST_MESSAGES_FIRST -> List.of(FIRST_MESSAGES, FOLLOW_UPS);
      case EARLIEST_FIRST -> List.of("");
    };
  }

  /**
   * The claim query of PostgreSQL for one priority class: parameters owner, claim end, now, now,
   * limit.
   */
  static String skipLockedClaim(String classFilter) {
    return "UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id IN ("
        + "SELECT id FROM campaign_messages WHERE status = 'SCHEDULED'"
        + classFilter
        + " AND scheduled_at <= ? AND (claim_until IS NULL OR claim_until < ?)"
        + " ORDER BY scheduled_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING "
        + MESSAGE_COLUMNS;
  }

  int releaseClaims(String owner) {
    Objects.requireNonNull(owner, "owner");
    return Jdbc.inTransaction(
        dataSource,
        c -> {
          if (dialect == Dialect.POSTGRESQL) {
            // its SENDING messages never handed over too (see SendingClaims)
            return SendingClaims.release(c, owner);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_messages SET claim_owner = NULL,"
                      + " claim_until = NULL WHERE claim_owner = ? AND status = 'SCHEDULED'")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
          }
        });
  }

  private List<CampaignMessage> claimWithSkipLocked(
      Connection c, Instant now, String owner, Instant until, int limit, String classFilter)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(skipLockedClaim(classFilter))) {
      ps.setString(1, owner);
      setInstant(ps, 2, until);
      setInstant(ps, 3, now);
      setInstant(ps, 4, now);
      ps.setInt(5, limit);
      return readMessages(ps);
    }
  }

  private List<CampaignMessage> claimWithConditionalUpdate(
      Connection c, Instant now, String owner, Instant until, int limit, String classFilter)
      throws SQLException {
    List<CampaignMessage> candidates;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM campaign_messages WHERE status = 'SCHEDULED'"
                + classFilter
                + " AND scheduled_at <= ? AND (claim_until IS NULL OR claim_until < ?)"
                + " ORDER BY scheduled_at, id LIMIT ?")) {
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
}
