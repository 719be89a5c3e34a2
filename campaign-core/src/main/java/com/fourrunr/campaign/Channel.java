package com.fourrunr.campaign;

/**
 * A way of reaching a lead. {@link #EMAIL} is sent by the library; {@link #LINKEDIN} is a prepared
 * task for a person (or a tool the host already has), because LinkedIn offers no API for sending
 * messages and forbids automated sending. More channels may be added as constants; code that
 * switches over channels should keep a default branch.
 *
 * <p>Events of email messages may carry attribute {@code channel} = {@code EMAIL} (absent means
 * EMAIL); channel task events ({@link EventType#CHANNEL_TASK_CREATED} and the others) carry the
 * task's channel.
 */
public enum Channel {
  /** Email, written and sent by the library through its {@link Sender}. */
  EMAIL,
  /**
   * LinkedIn, prepared by the library as a task for a person: a connection note, then a follow-up.
   */
  LINKEDIN
}
