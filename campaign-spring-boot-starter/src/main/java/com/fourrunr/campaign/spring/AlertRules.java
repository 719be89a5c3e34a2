package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.config.Secret;
import com.fourrunr.campaign.ops.AlertRule;
import com.fourrunr.campaign.ops.AlertSink;
import com.fourrunr.campaign.ops.WebhookAlertSink;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@code campaign.alerts.*}: checked, then as the {@link AlertRule}s and the webhook sink. */
final class AlertRules {
  private AlertRules() {}

  /** Adds every problem of the alert properties to {@code errors}, each named by its property. */
  static void check(CampaignProperties.Alerts a, List<FieldError> errors) {
    String at = "campaign.alerts.";
    if (a.interval().compareTo(Duration.ofSeconds(1)) < 0
        || a.interval().compareTo(Duration.ofDays(1)) > 0) {
      errors.add(
          new FieldError(at + "interval", a.interval() + " is not between 1 second and 1 day"));
    }
    rate(at + "bounce-rate.max-rate", a.bounceRate().maxRate(), errors);
    positive(at + "bounce-rate.window", a.bounceRate().window(), errors);
    atLeastOne(at + "bounce-rate.min-sends", a.bounceRate().minSends(), errors);
    atLeastOne(at + "complaints.max", a.complaints().max(), errors);
    positive(at + "complaints.window", a.complaints().window(), errors);
    CampaignProperties.ReplyRateCollapse r = a.replyRateCollapse();
    positive(at + "reply-rate-collapse.window", r.window(), errors);
    positive(at + "reply-rate-collapse.baseline", r.baseline(), errors);
    if (r.baseline().compareTo(r.window()) <= 0) {
      errors.add(
          new FieldError(
              at + "reply-rate-collapse.baseline",
              "must be longer than campaign.alerts.reply-rate-collapse.window"));
    }
    rate(at + "reply-rate-collapse.drop", r.drop(), errors);
    atLeastOne(at + "reply-rate-collapse.min-sends", r.minSends(), errors);
    positive(at + "max-oldest-due-age", a.maxOldestDueAge(), errors);
    atLeastOne(at + "generation-failures.max", a.generationFailures().max(), errors);
    positive(at + "generation-failures.window", a.generationFailures().window(), errors);
    atLeastOne(at + "airtable-max-pending", a.airtableMaxPending(), errors);
    CampaignProperties.Webhook w = a.webhook();
    if (w.url() != null) {
      // The URL may carry a token: never quoted.
      URI uri = uri(w.url());
      if (uri == null
          || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        errors.add(new FieldError(at + "webhook.url", "is not an http(s) URL"));
      }
      if (w.key() == null || w.key().isBlank()) {
        errors.add(
            new FieldError(at + "webhook.key", "is required with campaign.alerts.webhook.url"));
      }
    } else if (w.key() != null) {
      errors.add(
          new FieldError(at + "webhook.url", "is required with campaign.alerts.webhook.key"));
    }
  }

  /** The rules of these (checked) properties, without the Airtable backlog rule. */
  static List<AlertRule> rules(CampaignProperties.Alerts a) {
    List<AlertRule> rules = new ArrayList<>();
    rules.add(
        AlertRule.bounceRate(
            a.bounceRate().maxRate(), a.bounceRate().window(), a.bounceRate().minSends()));
    rules.add(AlertRule.complaints(a.complaints().max(), a.complaints().window()));
    CampaignProperties.ReplyRateCollapse r = a.replyRateCollapse();
    rules.add(AlertRule.replyRateCollapse(r.window(), r.baseline(), r.drop(), r.minSends()));
    rules.add(AlertRule.stuckQueue(a.maxOldestDueAge()));
    rules.add(
        AlertRule.generationFailures(
            a.generationFailures().max(), a.generationFailures().window()));
    return rules;
  }

  /** The webhook sink, when {@code campaign.alerts.webhook.url} is set. */
  static Optional<AlertSink> webhook(CampaignProperties.Alerts a) {
    CampaignProperties.Webhook w = a.webhook();
    if (w.url() == null) {
      return Optional.empty();
    }
    return Optional.of(
        WebhookAlertSink.create(
            Objects.requireNonNull(uri(w.url())), Secret.of(Objects.requireNonNull(w.key()))));
  }

  private static @Nullable URI uri(String text) {
    try {
      return new URI(text.strip());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static void rate(String property, double rate, List<FieldError> errors) {
    if (!(rate >= 0 && rate <= 1)) {
      errors.add(new FieldError(property, rate + " is not between 0 and 1"));
    }
  }

  private static void positive(String property, Duration d, List<FieldError> errors) {
    if (d.isNegative() || d.isZero()) {
      errors.add(new FieldError(property, "must be a positive duration"));
    }
  }

  private static void atLeastOne(String property, long n, List<FieldError> errors) {
    if (n < 1) {
      errors.add(new FieldError(property, n + " is less than 1"));
    }
  }
}
