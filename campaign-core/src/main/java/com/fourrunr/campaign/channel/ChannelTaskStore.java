package com.fourrunr.campaign.channel;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps channel tasks: a small port beside {@link com.fourrunr.campaign.spi.CampaignStore},
 * implemented by the in-memory store of {@code campaign-testing} and the JDBC store, and covered by
 * their store contract. A store of your own that implements it too is used by the engine for
 * LinkedIn steps without further setting. Implementations must be thread-safe.
 */
public interface ChannelTaskStore {
  /**
   * Inserts or updates the tasks and appends the events, in one transaction. A task of version 0
   * must not exist yet; a later version must follow the stored one.
   *
   * @throws ConcurrentUpdateException when a task's stored version is not the one the change
   *     expects
   */
  void saveTasks(List<ChannelTask> tasks, List<CampaignEvent> events);

  /** A task by id. */
  Optional<ChannelTask> findTask(String taskId);

  /** A campaign's tasks, oldest first. */
  List<ChannelTask> findTasksByCampaign(String campaignId);

  /**
   * Up to {@code limit} {@link TaskStatus#WAITING} tasks due at or before {@code now}, earliest
   * first.
   */
  List<ChannelTask> findDueTasks(Instant now, int limit);

  /**
   * Up to {@code limit} tasks in one status, ordered by id, after {@code afterId} (null: from the
   * first).
   */
  List<ChannelTask> findTasksByStatus(TaskStatus status, @Nullable String afterId, int limit);

  /**
   * The tasks of one account handed out at or after {@code since} (whatever became of them), oldest
   * hand-out first: what the account's caps count.
   */
  List<ChannelTask> findReleasedTasks(String account, Instant since);
}
