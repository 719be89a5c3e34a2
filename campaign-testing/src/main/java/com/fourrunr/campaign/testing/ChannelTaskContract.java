package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a {@link CampaignStore} that is also a {@link com.fourrunr.campaign.channel.ChannelTaskStore}
 * keeps channel tasks; the cases are skipped for a store that keeps none. {@link
 * CampaignStoreContract} runs these cases.
 */
public interface ChannelTaskContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  private com.fourrunr.campaign.channel.ChannelTaskStore taskStore() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        storeUnderTest() instanceof com.fourrunr.campaign.channel.ChannelTaskStore,
        "the store keeps no channel tasks");
    return (com.fourrunr.campaign.channel.ChannelTaskStore) storeUnderTest();
  }

  private static com.fourrunr.campaign.channel.ChannelTask task(
      String id,
      String campaignId,
      String account,
      com.fourrunr.campaign.channel.TaskKind kind,
      Instant due) {
    return com.fourrunr.campaign.channel.ChannelTask.waiting(
        id,
        campaignId,
        "L-" + campaignId,
        com.fourrunr.campaign.Channel.LINKEDIN,
        kind,
        account,
        java.net.URI.create("https://www.linkedin.com/in/x"),
        "Hi, I wrote to you by email. Glad to connect here.",
        due.minusSeconds(60),
        due);
  }

  @Test
  default void everyFieldOfAChannelTaskSurvivesTheStoreWithItsEvents() {
    CampaignStore store = storeUnderTest();
    var tasks = taskStore();
    Instant t = Instant.parse("2026-03-02T09:00:00.123456Z");
    var waiting =
        task(
            "T-full", "C-t1", "sales-1", com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE, t);
    CampaignEvent created =
        CampaignEvent.fromStored(
            "E-task",
            EventType.CHANNEL_TASK_CREATED,
            t,
            "C-t1",
            "L-C-t1",
            null,
            Map.of("channel", "LINKEDIN", "taskKind", "CONNECTION_NOTE", "taskId", "T-full"));
    tasks.saveTasks(List.of(waiting), List.of(created));
    var open = waiting.released(t.plusSeconds(5));
    var done =
        open.reported(
            com.fourrunr.campaign.channel.TaskOutcome.REPLIED,
            com.fourrunr.campaign.channel.TaskStatus.DONE,
            t.plusSeconds(9));
    tasks.saveTasks(List.of(open), List.of());
    tasks.saveTasks(List.of(done), List.of());
    var cancelled =
        task(
                "T-c",
                "C-t1",
                "sales-1",
                com.fourrunr.campaign.channel.TaskKind.FOLLOW_UP,
                t.plusSeconds(1))
            .cancelled("the lead answered \u00e9");
    tasks.saveTasks(
        List.of(
            task(
                "T-c",
                "C-t1",
                "sales-1",
                com.fourrunr.campaign.channel.TaskKind.FOLLOW_UP,
                t.plusSeconds(1))),
        List.of());
    tasks.saveTasks(List.of(cancelled), List.of());

    assertThat(tasks.findTask("T-full")).contains(done);
    assertThat(tasks.findTask("T-c")).contains(cancelled);
    assertThat(tasks.findTasksByCampaign("C-t1")).containsExactly(done, cancelled);
    assertThat(tasks.findTask("T-none")).isEmpty();
    assertThat(store.findEvents("C-t1")).containsExactly(created);
  }

  @Test
  default void aStaleTaskVersionIsRefusedWithNothingWritten() {
    CampaignStore store = storeUnderTest();
    var tasks = taskStore();
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    var waiting =
        task("T-v", "C-v", "a", com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE, t);
    tasks.saveTasks(List.of(waiting), List.of());
    tasks.saveTasks(List.of(waiting.released(t)), List.of());
    CampaignEvent e =
        CampaignEvent.fromStored(
            "E-stale", EventType.CHANNEL_TASK_CANCELLED, t, "C-v", "L-C-v", null, Map.of());
    var other = task("T-v2", "C-v", "a", com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE, t);

    assertThatThrownBy(() -> tasks.saveTasks(List.of(other, waiting.cancelled("late")), List.of(e)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> tasks.saveTasks(List.of(waiting), List.of()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(tasks.findTask("T-v").orElseThrow().status())
        .isEqualTo(com.fourrunr.campaign.channel.TaskStatus.OPEN);
    assertThat(tasks.findTask("T-v2")).isEmpty();
    assertThat(store.findEvents("C-v")).isEmpty();
  }

  @Test
  default void dueTasksAreWaitingOnesUpToNowEarliestFirstAndReleasedOnesAreCountedPerAccount() {
    var tasks = taskStore();
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    var note = com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE;
    tasks.saveTasks(
        List.of(
            task("T-3", "C-d", "a", note, t.plusSeconds(30)),
            task("T-1", "C-d", "a", note, t),
            task("T-2", "C-d", "b", note, t.plusSeconds(10)),
            task("T-4", "C-d", "a", note, t.plusSeconds(3600))),
        List.of());
    assertThat(tasks.findDueTasks(t.plusSeconds(30), 10))
        .extracting(c -> c.id())
        .containsExactly("T-1", "T-2", "T-3");
    assertThat(tasks.findDueTasks(t.plusSeconds(30), 2))
        .extracting(c -> c.id())
        .containsExactly("T-1", "T-2");

    var t1 = tasks.findTask("T-1").orElseThrow();
    var t2 = tasks.findTask("T-2").orElseThrow();
    var t3 = tasks.findTask("T-3").orElseThrow();
    tasks.saveTasks(
        List.of(
            t1.released(t.plusSeconds(100)),
            t2.released(t.plusSeconds(50)),
            t3.released(t.plusSeconds(40))),
        List.of());
    tasks.saveTasks(List.of(tasks.findTask("T-3").orElseThrow().cancelled("paused")), List.of());

    assertThat(tasks.findDueTasks(t.plusSeconds(30), 10)).isEmpty();
    assertThat(tasks.findReleasedTasks("a", t))
        .extracting(c -> c.id())
        .containsExactly("T-3", "T-1");
    assertThat(tasks.findReleasedTasks("a", t.plusSeconds(41)))
        .extracting(c -> c.id())
        .containsExactly("T-1");
    assertThat(tasks.findReleasedTasks("b", t)).extracting(c -> c.id()).containsExactly("T-2");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.OPEN, null, 10))
        .extracting(c -> c.id())
        .containsExactly("T-1", "T-2");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.OPEN, "T-1", 10))
        .extracting(c -> c.id())
        .containsExactly("T-2");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.OPEN, null, 1))
        .extracting(c -> c.id())
        .containsExactly("T-1");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.WAITING, null, 10))
        .extracting(c -> c.id())
        .containsExactly("T-4");
  }
}
