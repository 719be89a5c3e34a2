package com.fourrunr.campaign.examples.service;

import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.QueueStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** The service's Prometheus registry: the queue read once per scrape, the JVM's own meters. */
final class ServiceMetrics {
  private final CampaignService service;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<@Nullable QueueStatus> queue = new AtomicReference<>();

  ServiceMetrics(CampaignService service) {
    this.service = service;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    queueGauge("scheduled", QueueCounts::scheduled);
    queueGauge("due", QueueCounts::due);
    queueGauge("in_flight", QueueCounts::inFlight);
    queueGauge("retrying", QueueCounts::retrying);
    queueGauge("dead_lettered", QueueCounts::deadLettered);
    queueGauge("sent", QueueCounts::sent);
    Gauge.builder("campaign.queue.oldest.due.age", queue, q -> {
          QueueStatus s = q.get();
          return s == null || s.oldestDueAge() == null ? 0 : s.oldestDueAge().toMillis() / 1000.0;
        })
        .baseUnit("seconds").description("Age of the oldest due message").register(registry);
  }

  private void queueGauge(String state, ToDoubleFunction<QueueCounts> count) {
    Gauge.builder("campaign.queue.messages", queue, q -> {
          QueueStatus s = q.get();
          return s == null ? 0 : count.applyAsDouble(s.counts());
        })
        .tag("state", state).description("Messages in the queue by state").register(registry);
  }

  /** The registry, for meters bound by the library's own metrics. */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Reads the queue once, then renders every meter in the Prometheus text format. */
  String scrape() {
    try {
      queue.set(service.engine().queueStatus());
    } catch (RuntimeException e) {
      queue.set(null);
    }
    return registry.scrape();
  }
}
