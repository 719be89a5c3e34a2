package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of a {@link CampaignEngine} shares: the store, the clock, the id generator, the
 * configuration of new campaigns, the schedule, the batch size, and the publishing of stored events
 * to the listeners. Built once per engine; immutable but for the internal listeners and follower
 * set while wiring.
 */
final class EngineContext {
  private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

  private final CampaignStore store;
  private final Clock clock;
  private final Supplier<String> ids;
  private final CampaignConfig config;
  private final SendSchedule schedule;
  private final int batchSize;
  private final List<CampaignListener> listeners;

  /** Told of every event after the listeners: the LinkedIn fallback, when there is one. */
  private volatile @Nullable Consumer<CampaignEvent> follower;

  EngineContext(
      CampaignStore store,
      Clock clock,
      Supplier<String> ids,
      CampaignConfig config,
      SendSchedule schedule,
      int batchSize,
      List<CampaignListener> listeners) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.config = config;
    this.schedule = schedule;
    this.batchSize = batchSize;
    this.listeners = new java.util.concurrent.CopyOnWriteArrayList<>(listeners);
  }

  CampaignStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  Supplier<String> ids() {
    return ids;
  }

  /** The configuration new campaigns are created with. */
  CampaignConfig config() {
    return config;
  }

  SendSchedule schedule() {
    return schedule;
  }

  /** Records per commit and rows per query. */
  int batchSize() {
    return batchSize;
  }

  /** Adds a part of the engine told of every event after the listeners given (while wiring). */
  void listen(CampaignListener listener) {
    listeners.add(listener);
  }

  /**
   * Sets the part of the engine told of every event after the listeners (set once, while wiring).
   */
  void follow(Consumer<CampaignEvent> follower) {
    this.follower = follower;
  }

  /**
   * An event of a campaign (and one of its messages), naming the lead's A/B variant of the
   * message's step.
   */
  CampaignEvent event(
      Instant at, Campaign campaign, @Nullable CampaignMessage message, EventPayload payload) {
    Variant variant =
        message == null
            ? null
            : Experiment.variantOf(
                campaign.config().sequence(), message.stepIndex(), campaign.leadId());
    if (variant != null && payload.variant() == null) {
      // A/B tests: every event of a message names the lead's variant of its step (see Experiment);
      // analytics
      // judge timing variants on the whole sequence.
      payload = payload.withVariant(variant.name(), variant.changesTiming());
    }
    return new CampaignEvent(
        ids.get(),
        at,
        campaign.id(),
        campaign.leadId(),
        message == null ? null : message.id(),
        payload);
  }

  /** Commits the changes (the events among them), then tells the listeners of the events. */
  void commitAndPublish(StoreChanges.Builder changes, List<CampaignEvent> events) {
    store.commit(changes.build());
    publish(events);
  }

  /**
   * Commits the record of sends stored as SENDING before (see {@link CampaignStore#commitSent}),
   * then tells the listeners.
   */
  void commitSentAndPublish(StoreChanges.Builder changes, List<CampaignEvent> events) {
    store.commitSent(changes.build());
    publish(events);
  }

  /**
   * Tells every listener of each stored event; a failing listener is logged and does not stop the
   * rest.
   */
  void publish(List<CampaignEvent> events) {
    Consumer<CampaignEvent> after = follower;
    for (CampaignEvent e : events) {
      for (CampaignListener listener : listeners) {
        try {
          listener.onEvent(e);
        } catch (RuntimeException ex) {
          log.warn("listener {} failed on event {} {}", listener, e.type(), e.id(), ex);
        }
      }
      if (after != null) {
        after.accept(e);
      }
    }
  }
}
