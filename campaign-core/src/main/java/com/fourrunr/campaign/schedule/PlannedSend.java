package com.fourrunr.campaign.schedule;

import com.fourrunr.campaign.MessageType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One step of a planned schedule, as {@link BusinessSchedule#plan} computes it.
 *
 * @param step the step's number, from 1
 * @param type the step's job
 * @param sendAt when it goes out
 * @param zone the lead's zone
 * @param localSendAt {@code sendAt} in the lead's local time
 */
public record PlannedSend(
    int step, MessageType type, Instant sendAt, ZoneId zone, LocalDateTime localSendAt) {
  /** Checks the fields. */
  public PlannedSend {
    if (step < 1) {
      throw new IllegalArgumentException("step starts at 1");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sendAt, "sendAt");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(localSendAt, "localSendAt");
  }
}
