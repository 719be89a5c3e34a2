package com.fourrunr.campaign.ops;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link HealthMonitor#check()} found.
 *
 * @param status DOWN when any component is DOWN, else UP
 * @param checkedAt when, by the engine's clock
 * @param components each component by name ({@code store}, {@code mailbox:<address>}, {@code replyIntake},
 *     {@code queue}, {@code deadLetters}), in the order checked
 */
public record HealthReport(HealthStatus status, Instant checkedAt, Map<String, ComponentHealth> components) {
  /** Checks the parts and freezes the components. */
  public HealthReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedAt, "checkedAt");
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** A report whose status is DOWN when any component is. */
  public static HealthReport of(Instant checkedAt, Map<String, ComponentHealth> components) {
    boolean down = components.values().stream().anyMatch(c -> c.status() == HealthStatus.DOWN);
    return new HealthReport(down ? HealthStatus.DOWN : HealthStatus.UP, checkedAt, components);
  }

  /** Whether every component is UP. */
  public boolean isUp() {
    return status == HealthStatus.UP;
  }
}
