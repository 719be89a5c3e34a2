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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The claim queries of {@link JdbcCampaignStore}: due messages claimed in batches with an owner and
 * an expiry ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, a conditional update on H2), and claims
 * released. A claim takes one priority class after the other (follow-ups, first messages), each in
 * the order of the index {@code campaign_messages_due_by_class} (migration V12), or for {@link
 * QueuePriority#EARLIEST_FIRST} the earliest of both in the order of {@code
 * campaign_messages_due_earliest}, so its cost does not grow with the number of due messages. That
 * index covers only rows with {@code step_index >= 0} (every row), a condition the earliest-first
 * claim states and the class claims do not: so the planner can never walk the due messages of both
 * classes to find those of one (migration V18). On PostgreSQL a claim is one statement in
 * auto-commit, and first takes back, at most once per half lease, the SENDING messages whose claim
 * ran out before their hand-over ({@link SendingClaims}).
 */
final class JdbcClaims {
  /** Follow-ups: any step after the first (V12: a stored column with an index by class). */
  private static final String FOLLOW_UPS = " AND follow_up = TRUE";

  private static final String FIRST_MESSAGES = " AND follow_up = FALSE";

  /**
   * Every due message, in the order of {@code campaign_messages_due_earliest}, whose predicate
   * includes this always-true condition (see the class comment).
   */
  private static final String EITHER_CLASS = " AND step_index >= 0";

  /** The claim statement of each priority (see {@link #skipLockedClaim}), built once. */
  private static final Map<QueuePriority, String> CLAIMS = new EnumMap<>(QueuePriority.class);

  static {
    for (QueuePriority priority : QueuePriority.values()) {
      CLAIMS.put(priority, skipLockedClaim(priority));
    }
  }

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
    List<CampaignMessage> claimed;
    if (dialect == Dialect.POSTGRESQL) {
      if (sweepDue(now, lease)) {
        // SENDING messages whose claim ran out, never handed over: claimable again (or uncertain)
        // first; an index probe when there are none
        claimed =
            Jdbc.inTransaction(
                dataSource,
                c -> {
                  SendingClaims.sweep(c, now);
                  return claimWithSkipLocked(c, priority, now, owner, until, limit);
                });
      } else {
        claimed =
            Jdbc.autoCommitted(
                dataSource, c -> claimWithSkipLocked(c, priority, now, owner, until, limit));
      }
    } else {
      claimed =
          Jdbc.inTransaction(
              dataSource, c -> claimWithConditionalUpdate(c, now, owner, until, limit, priority));
    }
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
   * The priority classes of {@code priority} in claim order, each a condition (constant text, no
   * input) served by its index: a follow-up class, or either class for earliest-first.
   */
  static List<String> classes(QueuePriority priority) {
    return switch (priority) {
      case FOLLOW_UPS_FIRST -> List.of(FOLLOW_UPS, FIRST_MESSAGES);
      case FIRST_MESSAGES_FIRST -> List.of(FIRST_MESSAGES, FOLLOW_UPS);
      case EARLIEST_FIRST -> List.of(EITHER_CLASS);
    };
  }

  /**
   * The {@code columns} of the due messages of one class, in claim order: parameters now (and now
   * again when {@code unclaimed}), then the limit to append.
   */
  private static String due(String columns, String classFilter, boolean unclaimed) {
    return "SELECT "
        + columns
        + " FROM campaign_messages WHERE status = 'SCHEDULED'"
        + classFilter
        + " AND scheduled_at <= ?"
        + (unclaimed ? " AND (claim_until IS NULL OR claim_until < ?)" : "")
        + " ORDER BY scheduled_at, id LIMIT ";
  }

  /**
   * The claim statement of PostgreSQL for {@code priority}, one statement whatever the classes:
   * parameters now, now and the limit for each class in claim order (the later class takes what the
   * earlier left of the limit), then the owner and the claim end.
   */
  static String skipLockedClaim(QueuePriority priority) {
    List<String> classes = classes(priority);
    StringBuilder sql = new StringBuilder("WITH ");
    StringBuilder taken = new StringBuilder();
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < classes.size(); i++) {
      String name = "class_" + i;
      if (i > 0) {
        sql.append(", ");
        ids.append(" UNION ALL ");
      }
      sql.append(name)
          .append(" AS (")
          .append(due("id", classes.get(i), true))
          .append(i == 0 ? "?" : "(? - (" + taken + "))")
          .append(" FOR UPDATE SKIP LOCKED)");
      taken.append(i == 0 ? "" : " + ").append("(SELECT count(*) FROM ").append(name).append(')');
      ids.append("SELECT id FROM ").append(name);
    }
    // the claimed ids as one array: each row found by its primary key, however few or many
    return sql.append(
            " UPDATE campaign_messages SET claim_owner = ?, claim_until = ? WHERE id = ANY(ARRAY(")
        .append(ids)
        .append(")) RETURNING ")
        .append(MESSAGE_COLUMNS)
        .toString();
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

  /** Binds {@link #skipLockedClaim} and runs it. */
  private static List<CampaignMessage> claimWithSkipLocked(
      Connection c, QueuePriority priority, Instant now, String owner, Instant until, int limit)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(Objects.requireNonNull(CLAIMS.get(priority)))) {
      bindClaim(ps, priority, now, owner, until, limit);
      return readMessages(ps);
    }
  }

  /** Binds the parameters of {@link #skipLockedClaim}. */
  static void bindClaim(
      PreparedStatement ps,
      QueuePriority priority,
      Instant now,
      String owner,
      Instant until,
      int limit)
      throws SQLException {
    int i = 1;
    for (int cls = 0; cls < classes(priority).size(); cls++) {
      setInstant(ps, i++, now);
      setInstant(ps, i++, now);
      ps.setInt(i++, limit);
    }
    ps.setString(i++, owner);
    setInstant(ps, i, until);
  }

  /**
   * Up to {@code limit} due messages in {@code priority} order ({@code unclaimed} ones only, or
   * claimed or not), class after class, each read in the order of its index.
   */
  static List<CampaignMessage> due(
      Connection c, Instant now, int limit, QueuePriority priority, boolean unclaimed)
      throws SQLException {
    List<CampaignMessage> due = new ArrayList<>();
    for (String classFilter : classes(priority)) {
      int wanted = limit - due.size();
      if (wanted < 1) {
        break;
      }
      try (PreparedStatement ps =
          c.prepareStatement(due(MESSAGE_COLUMNS, classFilter, unclaimed) + "?")) {
        int i = 1;
        setInstant(ps, i++, now);
        if (unclaimed) {
          setInstant(ps, i++, now);
        }
        ps.setInt(i, wanted);
        due.addAll(readMessages(ps));
      }
    }
    return due;
  }

  private static List<CampaignMessage> claimWithConditionalUpdate(
      Connection c, Instant now, String owner, Instant until, int limit, QueuePriority priority)
      throws SQLException {
    List<CampaignMessage> candidates = due(c, now, limit, priority, true);
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
