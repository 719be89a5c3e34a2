package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.ops.AlertMonitor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Evaluates the {@link AlertMonitor} every {@code campaign.alerts.interval} on one daemon thread
 * named {@code campaign-alerts}, from the start of the application context to its close.
 */
public final class CampaignAlertsLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CampaignAlertsLifecycle.class);

  private final AlertMonitor monitor;
  private final Duration interval;
  private @Nullable ScheduledExecutorService executor;

  CampaignAlertsLifecycle(AlertMonitor monitor, Duration interval) {
    this.monitor = monitor;
    this.interval = interval;
  }

  private void evaluate() {
    try {
      monitor.evaluate();
    } catch (RuntimeException e) {
      log.error("alert evaluation failed; the next one tries again", e);
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService e =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "campaign-alerts");
              t.setDaemon(true);
              return t;
            });
    var unused =
        e.scheduleWithFixedDelay(
            this::evaluate, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = e;
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService e = executor;
    executor = null;
    if (e != null) {
      e.shutdownNow();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
