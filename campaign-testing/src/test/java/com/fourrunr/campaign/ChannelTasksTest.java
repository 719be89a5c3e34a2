package com.fourrunr.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.channel.TaskOutcome;
import com.fourrunr.campaign.channel.TaskStatus;
import org.junit.jupiter.api.Test;

/**
 * Without LinkedIn or a task store, the channel calls say so clearly; with a store, tasks are
 * listed.
 */
class ChannelTasksTest {
  private final EngineParts p = new EngineParts();

  @Test
  void withoutATaskStoreAndLinkedInTheCallsFailClearlyOrListNothing() {
    ChannelTasks none = new ChannelTasks(p.store, null, null);

    assertThatThrownBy(() -> none.reportTask("T-1", TaskOutcome.SENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no LinkedIn channel");
    assertThatThrownBy(() -> none.channelTasks(TaskStatus.OPEN, null, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keeps no channel tasks");
    assertThat(none.channelTasksOf("C-1")).isEmpty();
    assertThat(none.channelReport()).isNotNull();
  }

  @Test
  void withATaskStoreThePageSizeIsCheckedAndTheTasksListed() {
    ChannelTasks tasks = new ChannelTasks(p.store, p.store, null);

    assertThat(tasks.channelTasks(TaskStatus.OPEN, null, 10)).isEmpty();
    assertThatThrownBy(() -> tasks.channelTasks(TaskStatus.OPEN, null, 10_001))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
  }
}
