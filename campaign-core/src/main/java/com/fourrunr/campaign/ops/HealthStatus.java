package com.fourrunr.campaign.ops;

/** Whether a component, or the whole service, works. */
public enum HealthStatus {
  /** Working within its thresholds. */
  UP,
  /**
   * Working in part: some mail may not go out or come in (a failing mailbox among others, a failing
   * intake).
   */
  DEGRADED,
  /** Not working, or past a threshold: a person should look. */
  DOWN
}
