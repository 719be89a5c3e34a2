package com.fourrunr.campaign.ops;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignListener;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.QueueStatus;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.spi.CampaignClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer metrics of a campaign engine. Micrometer is an <b>optional</b> dependency of
 * campaign-core: add {@code io.micrometer:micrometer-core} (and the registry of your monitoring
 * system) to use this class; nothing else in the library loads it.
 *
 * <pre>{@code
 * CampaignActivity activity = CampaignActivity.create(store, clock);
 * CampaignMetrics metrics = CampaignMetrics.create(registry, activity);
 * CampaignEngine engine = CampaignEngine.builder().store(store).sender(sender).from(from).clock(clock)
 *     .generator(metrics.timed(generator))          // generation latency
 *     .listener(activity).listener(metrics)         // counters from the engine's events
 *     .build();
 * metrics.bind(engine);                              // queue gauges
 * AirtableClient.builder(config).callListener(metrics.externalCalls()).build();   // Airtable calls, 429s
 * }</pre>
 *
 * <p>Meters (Micrometer names; a Prometheus registry writes {@code .} as {@code _} and adds {@code
 * _total} to counters): see docs/monitoring.md. Tags have few values: no lead, campaign or message
 * ids. Thread-safe.
 */
public final class CampaignMetrics implements CampaignListener {
  /** The window of the per-mailbox bounce and complaint rates. */
  public static final Duration RATE_WINDOW = Duration.ofHours(24);

  /** How long a queue reading is reused by the gauges (by the engine's clock). */
  public static final Duration QUEUE_READING_TTL = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final @Nullable CampaignActivity activity;
  private final Set<String> mailboxGauges = ConcurrentHashMap.newKeySet();

  /** Counters by name and tag, so an event costs a map hit rather than a registry lookup. */
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  private volatile @Nullable CampaignClient engine;
  private volatile @Nullable QueueStatus queue;
  private volatile @Nullable Instant queueReadAt;

  private CampaignMetrics(MeterRegistry registry, @Nullable CampaignActivity activity) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.activity = activity;
  }

  /** Metrics without per-mailbox rates. */
  public static CampaignMetrics create(MeterRegistry registry) {
    return new CampaignMetrics(registry, null);
  }

  /** Metrics with per-mailbox bounce and complaint rates read from {@code activity}. */
  public static CampaignMetrics create(MeterRegistry registry, CampaignActivity activity) {
    return new CampaignMetrics(registry, Objects.requireNonNull(activity, "activity"));
  }

  /**
   * Registers the queue gauges (depth by state, oldest due age, dead letters, paused mailboxes),
   * read from {@link CampaignClient#queueStatus()} at most every {@link #QUEUE_READING_TTL}.
   *
   * @return this
   */
  public CampaignMetrics bind(CampaignClient engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
    queueGauge("campaign.queue.due", "messages due now", q -> q.counts().due());
    queueGauge(
        "campaign.queue.scheduled", "messages scheduled for later", q -> q.counts().scheduled());
    queueGauge(
        "campaign.queue.retrying", "messages waiting for a retry", q -> q.counts().retrying());
    queueGauge(
        "campaign.queue.in.flight", "messages being sent or uncertain", q -> q.counts().inFlight());
    queueGauge(
        "campaign.queue.dead.letters", "dead-lettered messages", q -> q.counts().deadLettered());
    queueGauge(
        "campaign.queue.oldest.due.age.seconds",
        "how long the oldest due message has waited",
        q ->
            q.oldestDueAge() == null
                ? 0
                : Objects.requireNonNull(q.oldestDueAge()).toMillis() / 1000.0);
    Gauge.builder(
            "campaign.mailboxes.paused",
            this,
            m -> {
              CampaignClient e = m.engine;
              return e == null ? 0 : e.pausedMailboxes().size();
            })
        .description("sending mailboxes paused by an operator or an alert")
        .strongReference(true)
        .register(registry);
    return this;
  }

  /** A listener for adapters' API calls: counts calls by service and outcome, 429s, and latency. */
  public ExternalCallListener externalCalls() {
    return (service, operation, status, elapsed) -> {
      String outcome =
          status == 0
              ? "network_error"
              : status == 429
                  ? "rate_limited"
                  : status >= 500 ? "server_error" : status >= 400 ? "client_error" : "success";
      Counter.builder("campaign.api.calls")
          .description("calls to outside APIs")
          .tag("service", service)
          .tag("outcome", outcome)
          .register(registry)
          .increment();
      if (status == 429) {
        Counter.builder("campaign.api.rate.limited")
            .description("429 answers from outside APIs")
            .tag("service", service)
            .register(registry)
            .increment();
      }
      Timer.builder("campaign.api.latency")
          .tag("service", service)
          .register(registry)
          .record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    };
  }

  /**
   * Wraps a generator so each call is timed: {@code campaign.generation.latency} tagged {@code
   * outcome} ({@code success} or {@code failure}). The wrapper is thread-safe when the generator
   * is, and allows as many calls at once ({@link MessageGenerator#maxConcurrency()}).
   */
  public MessageGenerator timed(MessageGenerator generator) {
    Objects.requireNonNull(generator, "generator");
    return new MessageGenerator() {
      @Override
      public GeneratedMessage generate(com.fourrunr.campaign.GenerationRequest request) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
          GeneratedMessage m = generator.generate(request);
          outcome = "success";
          return m;
        } finally {
          sample.stop(
              Timer.builder("campaign.generation.latency")
                  .description("time to write one message")
                  .tag("outcome", outcome)
                  .register(registry));
        }
      }

      @Override
      public int maxConcurrency() {
        return generator.maxConcurrency();
      }
    };
  }

  @Override
  public void onEvent(CampaignEvent e) {
    switch (e.type()) {
      case MESSAGE_SENT -> send("sent");
      case MESSAGE_RETRY_SCHEDULED -> {
        send("retry");
        failure("transient");
        counter("campaign.retries", "sends scheduled again after a passing failure").increment();
      }
      case MESSAGE_FAILED -> {
        send("failed");
        boolean permanent =
            e.payload() instanceof EventPayload.MessageFailed failed && failed.permanent();
        failure(permanent ? "permanent" : "attempts_exhausted");
      }
      case MESSAGE_BOUNCED -> failure("bounced");
      case MESSAGE_DEAD_LETTERED -> {
        send("dead_lettered");
        counter("campaign.dead.letters", "messages moved to the dead-letter queue").increment();
      }
      case REPLY_CLASSIFIED ->
          counter(
                  "campaign.replies",
                  "incoming mail by category",
                  "category",
                  e.payload().category() == null ? "unknown" : e.payload().category().name())
              .increment();
      case MESSAGE_CHECKED -> {
        if (e.payload() instanceof EventPayload.MessageChecked checked) {
          generation(checked);
        }
      }
      case LEAD_SKIPPED -> {
        if (e.payload() instanceof EventPayload.LeadSkipped skipped
            && SkipReason.GENERATION_FAILED.name().equals(skipped.reason())) {
          counter("campaign.generation.failures", "leads whose copy could not be written")
              .increment();
        }
      }
      case ALERT_RAISED ->
          counter("campaign.alerts", "alerts raised", "rule", alertRule(e.payload())).increment();
      default -> {}
    }
    if (activity != null && e.campaignId() != null) {
      mailboxGauges(activity.mailboxOf(e.campaignId()));
    }
  }

  private static String alertRule(EventPayload payload) {
    String rule = payload instanceof EventPayload.AlertRaised alert ? alert.rule() : null;
    return rule == null || rule.isEmpty() ? "engine" : rule;
  }

  private void generation(EventPayload.MessageChecked e) {
    counter(
            "campaign.generation.checks",
            "messages written and checked by the gates",
            "passed",
            String.valueOf(e.passed()))
        .increment();
    tokens("prompt", e.promptTokens());
    tokens("completion", e.completionTokens());
    String fallback = e.fallback();
    if (!fallback.isEmpty() && !"none".equals(fallback)) {
      counter(
              "campaign.generation.fallbacks",
              "messages written by the fallback or held",
              "fallback",
              fallback)
          .increment();
    }
  }

  private void tokens(String kind, long n) {
    // A generator that reports no token count: nothing to add.
    if (n > 0) {
      counter("campaign.generation.tokens", "model tokens used", "kind", kind)
          .increment((double) n);
    }
  }

  private void send(String result) {
    counter("campaign.sends", "send attempts by result", "result", result).increment();
  }

  private void failure(String reason) {
    counter("campaign.send.failures", "failed send attempts by reason", "reason", reason)
        .increment();
  }

  private Counter counter(String name, String description) {
    return counters.computeIfAbsent(
        name, n -> Counter.builder(n).description(description).register(registry));
  }

  private Counter counter(String name, String description, String tag, String value) {
    return counters.computeIfAbsent(
        name + '\u0000' + tag + '\u0000' + value,
        k -> Counter.builder(name).description(description).tag(tag, value).register(registry));
  }

  private void mailboxGauges(String mailbox) {
    CampaignActivity a = activity;
    if (a == null || mailbox.isEmpty() || !mailboxGauges.add(mailbox)) {
      return;
    }
    Gauge.builder("campaign.mailbox.bounce.rate", a, x -> x.bounceRate(mailbox, RATE_WINDOW))
        .description("hard bounces per send over the last 24 hours")
        .tag("mailbox", mailbox)
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            "campaign.mailbox.complaint.rate",
            a,
            x ->
                x.rate(
                    CampaignActivity.Kind.COMPLAINT,
                    CampaignActivity.Kind.SENT,
                    mailbox,
                    RATE_WINDOW))
        .description("spam complaints per send over the last 24 hours")
        .tag("mailbox", mailbox)
        .strongReference(true)
        .register(registry);
  }

  private void queueGauge(
      String name, String description, java.util.function.ToDoubleFunction<QueueStatus> f) {
    Gauge.builder(
            name,
            this,
            m -> {
              QueueStatus q = m.queueReading();
              return q == null ? Double.NaN : f.applyAsDouble(q);
            })
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private @Nullable QueueStatus queueReading() {
    CampaignClient e = engine;
    if (e == null) {
      return null;
    }
    Instant now = e.clock().instant();
    Instant at = queueReadAt;
    QueueStatus q = queue;
    if (q == null || at == null || !now.isBefore(at.plus(QUEUE_READING_TTL))) {
      try {
        q = e.queueStatus();
      } catch (RuntimeException ex) {
        return null;
      }
      queue = q;
      queueReadAt = now;
    }
    return q;
  }
}
