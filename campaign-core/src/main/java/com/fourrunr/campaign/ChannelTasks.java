package com.fourrunr.campaign;

import com.fourrunr.campaign.channel.ChannelReport;
import com.fourrunr.campaign.channel.ChannelTask;
import com.fourrunr.campaign.channel.ChannelTaskStore;
import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import com.fourrunr.campaign.channel.internal.LinkedInFallback;
import com.fourrunr.campaign.spi.CampaignStore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The channel tasks as a host sees them: report an outcome, list tasks, and the per-channel report.
 */
final class ChannelTasks {
  private final CampaignStore store;

  /** Where channel tasks are kept, or null when the store keeps none and none was given. */
  private final @Nullable ChannelTaskStore taskStore;

  /** The LinkedIn fallback, when the channels name LinkedIn. */
  private final @Nullable LinkedInFallback linkedIn;

  ChannelTasks(
      CampaignStore store,
      @Nullable ChannelTaskStore taskStore,
      @Nullable LinkedInFallback linkedIn) {
    this.store = store;
    this.taskStore = taskStore;
    this.linkedIn = linkedIn;
  }

  /** See {@link CampaignEngine#reportTask}. */
  ChannelTask reportTask(String taskId, TaskOutcome outcome) {
    return requireLinkedIn().report(taskId, outcome);
  }

  /** See {@link CampaignEngine#channelTasks}. */
  List<ChannelTask> channelTasks(TaskStatus status, @Nullable String afterId, int limit) {
    return requireTaskStore().findTasksByStatus(status, afterId, QueueOperations.checkLimit(limit));
  }

  /** See {@link CampaignEngine#channelTasksOf}. */
  List<ChannelTask> channelTasksOf(String campaignId) {
    return taskStore == null ? List.of() : taskStore.findTasksByCampaign(campaignId);
  }

  /** See {@link CampaignEngine#channelReport}. */
  ChannelReport channelReport() {
    return ChannelReport.compute(store);
  }

  private LinkedInFallback requireLinkedIn() {
    if (linkedIn == null) {
      throw new IllegalStateException(
          "no LinkedIn channel: build the engine with channels(ChannelPlan.email(),"
              + " ChannelPlan.linkedIn()) and a store that keeps channel tasks");
    }
    return linkedIn;
  }

  private ChannelTaskStore requireTaskStore() {
    if (taskStore == null) {
      throw new IllegalStateException(
          "the store keeps no channel tasks (it is no ChannelTaskStore)");
    }
    return taskStore;
  }
}
