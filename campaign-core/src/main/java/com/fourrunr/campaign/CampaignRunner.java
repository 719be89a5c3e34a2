package com.fourrunr.campaign;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link CampaignEngine#runDue()} (and {@link CampaignEngine#pollReplies()} when the engine
 * has a reply source) on a fixed delay, for hosts that want the engine driven for them. Nothing
 * runs until {@link #start()}; {@link #close()} stops it. A failing tick is logged and the next one
 * runs as usual.
 *
 * <pre>{@code
 * try (CampaignRunner runner = CampaignRunner.create(engine, Duration.ofSeconds(30), true)) {
 *   runner.start();
 *   ... // until the host shuts down
 * }
 * }</pre>
 *
 * <p>Tests call {@link #tick()} directly instead of starting the thread.
 */
public final class CampaignRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

  private final CampaignEngine engine;
  private final Duration interval;
  private final boolean pollReplies;
  private @Nullable ScheduledExecutorService executor;
  private @Nullable ScheduledFuture<?> task;

  private CampaignRunner(CampaignEngine engine, Duration interval, boolean pollReplies) {
    this.engine = engine;
    this.interval = interval;
    this.pollReplies = pollReplies;
  }

  /**
   * A runner for {@code engine} that ticks every {@code interval}.
   *
   * @param pollReplies whether each tick also reads the engine's reply source
   * @throws InvalidInputException when the interval is not between 1 second and 1 day, or replies
   *     are to be polled from an engine without a reply source
   */
  public static CampaignRunner create(
      CampaignEngine engine, Duration interval, boolean pollReplies) {
    Objects.requireNonNull(engine, "engine");
    if (interval == null
        || interval.compareTo(Duration.ofSeconds(1)) < 0
        || interval.compareTo(Duration.ofDays(1)) > 0) {
      throw InvalidInputException.of(
          "CampaignRunner", "interval", interval + " is not between 1 second and 1 day");
    }
    if (pollReplies && !engine.hasReplySource()) {
      throw InvalidInputException.of(
          "CampaignRunner", "pollReplies", "is true but the engine has no ReplySource");
    }
    return new CampaignRunner(engine, interval, pollReplies);
  }

  /** Sends what is due, then reads replies if asked to; never throws. */
  public void tick() {
    try {
      engine.runDue();
    } catch (RuntimeException e) {
      log.error("runDue failed; the next tick tries again", e);
    }
    if (pollReplies) {
      try {
        engine.pollReplies();
      } catch (RuntimeException e) {
        log.error("pollReplies failed; the next tick tries again", e);
      }
    }
  }

  /**
   * Starts ticking on one daemon thread named {@code campaign-runner}, the first tick at once.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("CampaignRunner is already started");
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "campaign-runner");
              t.setDaemon(true);
              return t;
            });
    task =
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether {@link #start()} was called and {@link #close()} was not. */
  public synchronized boolean isRunning() {
    return executor != null && !executor.isShutdown();
  }

  /** Stops ticking; a tick under way finishes first (waits up to 30 seconds). */
  @Override
  public synchronized void close() {
    if (executor == null) {
      return;
    }
    if (task != null) {
      task.cancel(false);
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
