package com.fourrunr.campaign.channel;

import com.fourrunr.campaign.MessageType;

/** What a LinkedIn task asks a person to do. */
public enum TaskKind {
  /** Send a connection request with the prepared note. */
  CONNECTION_NOTE(MessageType.LINKEDIN_NOTE),
  /** Send the prepared message, after the connection was accepted. */
  FOLLOW_UP(MessageType.LINKEDIN_FOLLOW_UP);

  private final MessageType type;

  TaskKind(MessageType type) {
    this.type = type;
  }

  /** The message type the generator writes for this kind of task (the {@code step} in events). */
  public MessageType messageType() {
    return type;
  }
}
