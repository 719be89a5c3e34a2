package com.fourrunr.campaign.channel;

/**
 * Where channel tasks go out to the people (or tools) who do them: a port. The engine calls {@link
 * #publish} once a task is due and within its account's caps, after storing it {@link
 * TaskStatus#OPEN}, and {@link #update} when a published task is reported or cancelled. The
 * default, {@link #storeOnly()}, does nothing: the tasks are kept in the {@link ChannelTaskStore}
 * and listed with {@link com.fourrunr.campaign.CampaignEngine#channelTasks}. The Airtable adapter's
 * {@code AirtableTaskSink} writes them to a table.
 *
 * <p>Implementations must be thread-safe and idempotent by task id (a task may be published again
 * after a failure). A sink that throws from {@link #publish} leaves the task waiting: it is tried
 * again on a later {@code runDue()}, never dropped.
 */
public interface TaskSink {
  /** Hands out a task that a person should now do. */
  void publish(ChannelTask task);

  /** Tells of a change to a published task (an outcome, a cancellation). Default: nothing. */
  default void update(ChannelTask task) {}

  /** The default sink: the tasks stay in the store, where the host lists them. */
  static TaskSink storeOnly() {
    return new TaskSink() {
      @Override
      public void publish(ChannelTask task) {}

      @Override
      public String toString() {
        return "TaskSink.storeOnly()";
      }
    };
  }
}
