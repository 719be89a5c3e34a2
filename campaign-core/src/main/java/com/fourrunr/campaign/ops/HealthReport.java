package com.fourrunr.campaign.ops;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link HealthMonitor#check()} found.
 *
 * @param status the service as a whole ({@link #of}): DOWN when the store, the queue, the dead
 *     letters or the reply intake is DOWN, or every mailbox is; DEGRADED when some mailboxes are
 *     DOWN but not all, or any component is DEGRADED; UP otherwise
 * @param checkedAt when, by the engine's clock
 * @param components each component by name ({@code store}, {@code mailbox:<address>}, {@code
 *     replyIntake}, {@code queue}, {@code deadLetters}), in the order checked
 */
public record HealthReport(
    HealthStatus status, Instant checkedAt, Map<String, ComponentHealth> components) {
  /** Checks the parts and freezes the components. */
  public HealthReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedAt, "checkedAt");
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /**
   * A report whose status follows from the components': DOWN when a component that is not a mailbox
   * ({@code mailbox:<address>}) is DOWN, or when every mailbox is (nothing can be sent); DEGRADED
   * when some but not all mailboxes are DOWN (the others still send), or any component is DEGRADED;
   * UP otherwise.
   */
  public static HealthReport of(Instant checkedAt, Map<String, ComponentHealth> components) {
    int mailboxes = 0;
    int mailboxesDown = 0;
    boolean down = false;
    boolean degraded = false;
    for (Map.Entry<String, ComponentHealth> e : components.entrySet()) {
      HealthStatus s = e.getValue().status();
      if (e.getKey().startsWith("mailbox:")) {
        mailboxes++;
        mailboxesDown += s == HealthStatus.DOWN ? 1 : 0;
        degraded |= s == HealthStatus.DEGRADED;
      } else {
        down |= s == HealthStatus.DOWN;
        degraded |= s == HealthStatus.DEGRADED;
      }
    }
    if (mailboxes > 0 && mailboxesDown == mailboxes) {
      down = true;
    } else if (mailboxesDown > 0) {
      degraded = true;
    }
    HealthStatus status =
        down ? HealthStatus.DOWN : degraded ? HealthStatus.DEGRADED : HealthStatus.UP;
    return new HealthReport(status, checkedAt, components);
  }

  /** Whether every component is UP. */
  public boolean isUp() {
    return status == HealthStatus.UP;
  }
}
