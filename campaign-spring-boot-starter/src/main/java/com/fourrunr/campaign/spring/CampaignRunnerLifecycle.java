package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignRunner;
import com.fourrunr.campaign.airtable.AirtableSync;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drives the engine on one thread named {@code campaign-runner}: a round ({@link
 * CampaignRunner#tick()}: send what is due, then read replies) every {@code
 * campaign.runner.interval}, the first when the application context has started. On shutdown it
 * stops claiming messages at once, lets the round under way finish the messages it already holds,
 * and waits for it up to {@code campaign.runner.shutdown-timeout}; a message it did not get to
 * keeps its place in the queue and is sent after a restart, never twice.
 */
public final class CampaignRunnerLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CampaignRunnerLifecycle.class);

  private final CampaignRunner runner;
  private final ClaimGate gate;
  private final Duration interval;
  private final Duration shutdownTimeout;
  private final CampaignEngine engine;
  private final @Nullable AirtableSync airtable;
  private @Nullable ScheduledExecutorService executor;

  CampaignRunnerLifecycle(
      CampaignRunner runner,
      ClaimGate gate,
      Duration interval,
      Duration shutdownTimeout,
      CampaignEngine engine,
      @Nullable AirtableSync airtable) {
    this.runner = runner;
    this.gate = gate;
    this.interval = interval;
    this.shutdownTimeout = shutdownTimeout;
    this.engine = engine;
    this.airtable = airtable;
  }

  /** One round: what is due, replies, then the Airtable sync when configured. Never throws. */
  private void round() {
    runner.tick();
    if (airtable != null && !gate.isClosed()) {
      try {
        airtable.pollChanges(engine); // a person's changes in the table -> the campaigns
        airtable.flush(); // queued campaign field updates -> the table
      } catch (RuntimeException e) {
        log.error("Airtable sync failed; the next round tries again", e);
      }
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
              Thread t = new Thread(r, "campaign-runner");
              t.setDaemon(true);
              return t;
            });
    var unused =
        e.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = e;
  }

  /**
   * Runs one round now on the runner's thread (after the round under way, if any).
   *
   * @return the round, done when it has finished
   * @throws IllegalStateException when the runner is not running
   */
  public synchronized Future<?> runNow() {
    ExecutorService e = executor;
    if (e == null || e.isShutdown()) {
      throw new IllegalStateException("the campaign runner is not running");
    }
    return e.submit(this::round);
  }

  /** Whether the runner has stopped claiming messages (the application is stopping). */
  public boolean isDraining() {
    return gate.isClosed();
  }

  @Override
  public void stop() {
    ExecutorService e;
    synchronized (this) {
      e = executor;
      executor = null;
    }
    gate.close();
    if (e == null) {
      return;
    }
    e.shutdown();
    try {
      if (!e.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "the campaign runner did not finish its round within {}; interrupting it",
            shutdownTimeout);
        e.shutdownNow();
      }
    } catch (InterruptedException ex) {
      e.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  /** Starts last and stops first, after the web server has started and before it stops. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
