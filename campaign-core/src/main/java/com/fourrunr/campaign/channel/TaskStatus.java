package com.fourrunr.campaign.channel;

/**
 * Where a {@link ChannelTask} stands.
 *
 * <pre>
 * WAITING -&gt; OPEN | CANCELLED        (due and within the account's caps: handed to the TaskSink)
 * OPEN    -&gt; DONE | CANCELLED        (a person reported a final outcome)
 * DONE, CANCELLED                    (final; a DONE task that was SENT or ACCEPTED may still be reported REPLIED)
 * </pre>
 */
public enum TaskStatus {
  /** Prepared; waits for its due time or for room under the account's caps. Never dropped. */
  WAITING,
  /** Handed to the {@link TaskSink}: a person does it. Counts against the account's caps. */
  OPEN,
  /** A person reported a final outcome. */
  DONE,
  /**
   * Will not be done (the lead answered, opted out, bounced, or the campaign was paused or
   * stopped).
   */
  CANCELLED;

  /** Whether the task may still be done. */
  public boolean isOutstanding() {
    return this == WAITING || this == OPEN;
  }
}
