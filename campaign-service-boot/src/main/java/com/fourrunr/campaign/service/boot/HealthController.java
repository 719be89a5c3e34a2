package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.ops.ComponentHealth;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.ops.HealthStatus;
import com.fourrunr.campaign.service.ServeJson;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health: {@code /health/live} (the process and its store answer, public), {@code /health} and
 * {@code /health/ready} (UP or not for anyone; the components, which name mailboxes, only for a
 * signed-in operator or an API token).
 */
@RestController
class HealthController {
  private final HealthMonitor health;
  private final UnaryOperator<HealthReport> additions;

  HealthController(HealthMonitor health, ObjectProvider<HealthAdditions> additions) {
    this.health = health;
    HealthAdditions added = additions.getIfAvailable();
    this.additions = added == null ? UnaryOperator.identity() : added.addTo();
  }

  /** Liveness for a container's health check; business states are readiness, on /health. */
  @GetMapping(path = "/health/live", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> live() {
    ComponentHealth store = health.check().components().get("store");
    boolean live = store == null || store.status() != HealthStatus.DOWN;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", live ? "UP" : "DOWN");
    body.put("store", store == null ? "UP" : store.status().name());
    return ResponseEntity.status(live ? 200 : 503).body(body);
  }

  /** The overall status; the components too for an authenticated caller. */
  @GetMapping(
      path = {"/health", "/health/ready"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> health(@Nullable Principal caller) {
    HealthReport report = additions.apply(health.check());
    Map<String, Object> body =
        caller == null ? Map.of("status", report.status().name()) : ServeJson.health(report);
    return ResponseEntity.status(report.status() == HealthStatus.UP ? 200 : 503).body(body);
  }
}
