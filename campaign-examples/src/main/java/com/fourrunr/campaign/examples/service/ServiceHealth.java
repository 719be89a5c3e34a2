package com.fourrunr.campaign.examples.service;

import com.fourrunr.campaign.QueueStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The service's health: each component UP or DOWN with a detail, DOWN overall when any is DOWN. */
final class ServiceHealth {
  static final Duration STUCK_AFTER = Duration.ofMinutes(30);
  static final long DEAD_LETTER_LIMIT = 100;

  private final CampaignService service;

  ServiceHealth(CampaignService service) {
    this.service = service;
  }

  record Component(boolean up, String detail) {}

  record Report(boolean up, Instant checkedAt, Map<String, Component> components) {
    Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("status", up ? "UP" : "DOWN");
      out.put("checkedAt", checkedAt.toString());
      Map<String, Object> parts = new LinkedHashMap<>();
      components.forEach((name, c) -> {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("status", c.up() ? "UP" : "DOWN");
        part.put("detail", c.detail());
        parts.put(name, part);
      });
      out.put("components", parts);
      return out;
    }
  }

  Report check() {
    Map<String, Component> components = new LinkedHashMap<>();
    Instant now = service.options().clock().instant();
    QueueStatus queue = null;
    try {
      service.store().listCampaigns(null, 1);
      components.put("store", new Component(true, service.storeDescription()));
      queue = service.engine().queueStatus();
    } catch (RuntimeException e) {
      components.put("store", new Component(false, "unreachable: " + e.getClass().getSimpleName()));
    }
    components.put("mailbox:" + service.options().from().address(), new Component(true, service.mailDescription()));
    components.put("replyIntake", new Component(true,
        service.options().imap() == null ? "webhook POST /inbound" : "IMAP " + service.options().imap().host()));
    if (queue != null) {
      Duration age = queue.oldestDueAge();
      boolean stuck = age != null && age.compareTo(STUCK_AFTER) > 0;
      components.put("queue", new Component(!stuck, (stuck ? "stuck: " : "") + queue.counts().due() + " due, oldest "
          + (age == null ? "none" : age.toSeconds() + " s") + " (limit " + STUCK_AFTER.toMinutes() + " min)"));
      long dead = queue.counts().deadLettered();
      components.put("deadLetters", new Component(dead < DEAD_LETTER_LIMIT,
          dead + " dead letters (limit " + DEAD_LETTER_LIMIT + ")"));
    }
    components.put("runner", new Component(service.runner().isRunning(),
        service.runner().isRunning() ? "running" : "stopped"));
    boolean up = components.values().stream().allMatch(Component::up);
    return new Report(up, now, components);
  }
}
