package com.fourrunr.campaign.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health of one component (the store, a mailbox, the reply intake, the queue, the dead
 * letters).
 *
 * @param status UP, DEGRADED or DOWN
 * @param detail a short sentence for a person: what was found, and against which threshold
 * @param data the figures behind it (counts, ages in seconds), in insertion order, for a JSON view
 */
public record ComponentHealth(HealthStatus status, String detail, Map<String, Object> data) {
  /** Checks the parts and freezes the data. */
  public ComponentHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** A working component. */
  public static ComponentHealth up(String detail, Map<String, Object> data) {
    return new ComponentHealth(HealthStatus.UP, detail, data);
  }

  /** A component working in part (failing recently, but not past its limit). */
  public static ComponentHealth degraded(String detail, Map<String, Object> data) {
    return new ComponentHealth(HealthStatus.DEGRADED, detail, data);
  }

  /** A failing component. */
  public static ComponentHealth down(String detail, Map<String, Object> data) {
    return new ComponentHealth(HealthStatus.DOWN, detail, data);
  }
}
