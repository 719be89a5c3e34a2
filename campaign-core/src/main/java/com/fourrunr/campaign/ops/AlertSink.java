package com.fourrunr.campaign.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go: a log (the default, {@link #log()}), a webhook ({@link WebhookAlertSink}), a
 * pager of the host's. Called by {@link AlertMonitor#evaluate()} on its thread, once per new alert;
 * a sink that throws is logged and does not stop the other sinks.
 */
@FunctionalInterface
public interface AlertSink {
  /** Delivers one alert. */
  void deliver(Alert alert);

  /** Writes each alert as a WARN line of logger {@code com.fourrunr.campaign.ops.alerts}. */
  static AlertSink log() {
    return LogSink.INSTANCE;
  }

  /** The logging sink. */
  final class LogSink implements AlertSink {
    static final LogSink INSTANCE = new LogSink();
    private static final Logger log = LoggerFactory.getLogger("com.fourrunr.campaign.ops.alerts");

    private LogSink() {}

    @Override
    public void deliver(Alert alert) {
      log.warn(
          "ALERT {} [{}]: {} {}", alert.rule(), alert.subject(), alert.message(), alert.data());
    }

    @Override
    public String toString() {
      return "AlertSink.log()";
    }
  }
}
