package com.fourrunr.campaign.ops;

import com.fourrunr.campaign.spi.CampaignClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the {@link AlertRule}s and acts on what they find: an alert that starts to hold is
 * stored as an {@link com.fourrunr.campaign.EventType#ALERT_RAISED} event, handed to every {@link
 * AlertSink}, and when it says so its mailbox is paused ({@link CampaignClient#pauseMailbox}); it
 * is raised again only after it stopped holding for one evaluation. Call {@link #evaluate()} on a
 * schedule of the host's (every minute is plenty); nothing runs in a hidden thread. Not meant for
 * concurrent {@code evaluate} calls.
 *
 * <pre>{@code
 * AlertMonitor alerts = AlertMonitor.builder(engine, activity)
 *     .rules(AlertRule.defaults())
 *     .sink(WebhookAlertSink.create(URI.create("https://ops.example.com/hooks/campaign"), key))
 *     .build();
 * scheduler.scheduleAtFixedRate(alerts::evaluate, 1, 1, TimeUnit.MINUTES);
 * }</pre>
 */
public final class AlertMonitor {
  private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);

  private final CampaignClient engine;
  private final CampaignActivity activity;
  private final List<AlertRule> rules;
  private final List<AlertSink> sinks;
  private final Set<String> active = new HashSet<>();

  private AlertMonitor(Builder b) {
    this.engine = b.engine;
    this.activity = b.activity;
    this.rules = List.copyOf(b.rules);
    this.sinks = b.sinks.isEmpty() ? List.of(AlertSink.log()) : List.copyOf(b.sinks);
  }

  /** Starts a builder; without a sink alerts go to {@link AlertSink#log()}. */
  public static Builder builder(CampaignClient engine, CampaignActivity activity) {
    return new Builder(engine, activity);
  }

  /**
   * Evaluates every rule now and acts on the alerts that start to hold. A rule or a sink that
   * throws is logged and does not stop the others.
   *
   * @return the alerts raised by this evaluation (not those still holding from before)
   */
  public synchronized List<Alert> evaluate() {
    AlertRule.Context ctx = new AlertRule.Context(engine, activity, engine.clock().instant());
    Set<String> holding = new HashSet<>();
    List<Alert> raised = new ArrayList<>();
    for (AlertRule rule : rules) {
      List<Alert> found;
      try {
        found = rule.evaluate(ctx);
      } catch (RuntimeException e) {
        log.warn("alert rule {} failed", rule, e);
        continue;
      }
      for (Alert alert : found) {
        String key = alert.rule() + "\u0000" + alert.subject();
        holding.add(key);
        if (!active.contains(key)) {
          raise(alert);
          raised.add(alert);
        }
      }
    }
    active.clear();
    active.addAll(holding);
    return raised;
  }

  /** The rule and subject of each alert holding at the last evaluation. */
  public synchronized Set<String> activeAlerts() {
    Set<String> out = new HashSet<>();
    active.forEach(k -> out.add(k.replace('\u0000', ':')));
    return out;
  }

  private void raise(Alert alert) {
    if (alert.pausesMailbox()) {
      try {
        engine.pauseMailbox(alert.subject(), alert.rule() + ": " + alert.message());
      } catch (RuntimeException e) {
        log.error("mailbox {} could not be paused for alert {}", alert.subject(), alert.rule(), e);
      }
    }
    try {
      engine.recordAlert(alert.rule(), alert.message(), Map.of("subject", alert.subject()));
    } catch (RuntimeException e) {
      log.error("alert {} could not be stored", alert.rule(), e);
    }
    for (AlertSink sink : sinks) {
      try {
        sink.deliver(alert);
      } catch (RuntimeException e) {
        log.error("alert sink {} failed on alert {}: {}", sink, alert.rule(), e.getMessage());
      }
    }
  }

  /** Collects an {@link AlertMonitor}'s rules and sinks. Not thread-safe. */
  public static final class Builder {
    private final CampaignClient engine;
    private final CampaignActivity activity;
    private final List<AlertRule> rules = new ArrayList<>();
    private final List<AlertSink> sinks = new ArrayList<>();

    private Builder(CampaignClient engine, CampaignActivity activity) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.activity = Objects.requireNonNull(activity, "activity");
    }

    /** Adds a rule. */
    public Builder rule(AlertRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds rules, for example {@link AlertRule#defaults()}. */
    public Builder rules(List<AlertRule> rules) {
      rules.forEach(this::rule);
      return this;
    }

    /**
     * Adds a sink; the first replaces the default log sink (add {@link AlertSink#log()} to keep
     * it).
     */
    public Builder sink(AlertSink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** Makes the monitor. */
    public AlertMonitor build() {
      return new AlertMonitor(this);
    }
  }
}
