package com.fourrunr.campaign.jdbc;

import static com.fourrunr.campaign.jdbc.Jdbc.insertOnce;
import static com.fourrunr.campaign.jdbc.Jdbc.setInstant;
import static com.fourrunr.campaign.jdbc.Jdbc.setString;
import static com.fourrunr.campaign.jdbc.Jdbc.storedVersion;
import static com.fourrunr.campaign.jdbc.Rows.TASK_COLUMNS;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ChannelTaskStore} half of {@link JdbcCampaignStore}: channel tasks in table {@code
 * campaign_channel_tasks}, versioned like campaigns.
 */
final class JdbcChannelTasks {
  private final DataSource dataSource;
  private final JdbcWrites writes;

  JdbcChannelTasks(DataSource dataSource, JdbcWrites writes) {
    this.dataSource = dataSource;
    this.writes = writes;
  }

  void saveTasks(List<ChannelTask> tasks, List<CampaignEvent> events) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(events, "events");
    if (tasks.isEmpty() && events.isEmpty()) {
      return;
    }
    Jdbc.<@Nullable Void>inTransaction(
        dataSource,
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
          writes.writeEvents(c, events);
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

  Optional<ChannelTask> findTask(String taskId) {
    return query(
            "SELECT " + TASK_COLUMNS + " FROM campaign_channel_tasks WHERE id = ?",
            List.of(taskId),
            Rows::task)
        .stream()
        .findFirst();
  }

  List<ChannelTask> findTasksByCampaign(String campaignId) {
    return query(
        "SELECT "
            + TASK_COLUMNS
            + " FROM campaign_channel_tasks WHERE campaign_id = ?"
            + " ORDER BY created_at, id",
        List.of(campaignId),
        Rows::task);
  }

  List<ChannelTask> findDueTasks(Instant now, int limit) {
    return query(
        "SELECT "
            + TASK_COLUMNS
            + " FROM campaign_channel_tasks WHERE status = 'WAITING'"
            + " AND due_at <= ? ORDER BY due_at, id LIMIT ?",
        List.of(now, limit),
        Rows::task);
  }

  List<ChannelTask> findTasksByStatus(TaskStatus status, @Nullable String afterId, int limit) {
    return afterId == null
        ? query(
            "SELECT "
                + TASK_COLUMNS
                + " FROM campaign_channel_tasks WHERE status = ? ORDER BY id LIMIT ?",
            List.of(status.name(), limit),
            Rows::task)
        : query(
            "SELECT "
                + TASK_COLUMNS
                + " FROM campaign_channel_tasks WHERE status = ? AND id > ?"
                + " ORDER BY id LIMIT ?",
            List.of(status.name(), afterId, limit),
            Rows::task);
  }

  List<ChannelTask> findReleasedTasks(String account, Instant since) {
    return query(
        "SELECT "
            + TASK_COLUMNS
            + " FROM campaign_channel_tasks WHERE account = ?"
            + " AND released_at IS NOT NULL AND released_at >= ? ORDER BY released_at, id",
        List.of(account, since),
        Rows::task);
  }

  private <T> List<T> query(String sql, List<?> params, Jdbc.Row<T> row) {
    return Jdbc.query(dataSource, sql, params, row);
  }
}
