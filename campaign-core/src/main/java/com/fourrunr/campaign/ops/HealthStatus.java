package com.fourrunr.campaign.ops;

/** Whether a component, or the whole service, works. */
public enum HealthStatus {
  /** Working within its thresholds. */
  UP,
  /** Not working, or past a threshold: a person should look. */
  DOWN
}
