package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.ops.HealthMonitor;
import com.fourrunr.campaign.ops.HealthReport;
import com.fourrunr.campaign.ops.HealthStatus;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's own JSON routes: public {@code /health} (the status only) and the API ({@code
 * /api/queue}, {@code /api/leads}, {@code /api/dead-letters/replay}).
 */
@RestController
class ServiceController {
  private final CampaignEngine engine;
  private final HealthMonitor health;

  ServiceController(CampaignEngine engine, HealthMonitor health) {
    this.engine = engine;
    this.health = health;
  }

  /** UP or not; the components stay behind sign-in (they name mailboxes). */
  @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> health() {
    HealthReport report = health.check();
    return ResponseEntity.status(report.status() == HealthStatus.UP ? 200 : 503)
        .body(Map.of("status", report.status().name()));
  }

  /** The queue's counts. */
  @GetMapping("/api/queue")
  Map<String, Object> queue() {
    QueueCounts c = engine.queueStatus().counts();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("scheduled", c.scheduled());
    counts.put("due", c.due());
    counts.put("inFlight", c.inFlight());
    counts.put("retrying", c.retrying());
    counts.put("deadLettered", c.deadLettered());
    counts.put("sent", c.sent());
    return Map.of("counts", counts);
  }

  /** Enrols the leads of a CSV body. */
  @PostMapping("/api/leads")
  ResponseEntity<Map<String, Object>> enrol(@RequestBody(required = false) byte @Nullable [] body) {
    byte[] csv = body == null ? new byte[0] : body;
    try {
      EnrolmentReport report =
          engine.enrol(CsvLeadSource.ofBytes("request body", () -> new ByteArrayInputStream(csv)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("read", report.read());
      out.put("enrolled", report.enrolled());
      out.put("skipped", report.skipped());
      return ResponseEntity.ok(out);
    } catch (InvalidInputException e) {
      return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  /** Puts a dead-lettered message back in the queue. */
  @PostMapping("/api/dead-letters/replay")
  ResponseEntity<Map<String, Object>> replay(@RequestParam("messageId") String messageId) {
    try {
      engine.replayDeadLetter(messageId);
      return ResponseEntity.ok(Map.of("replayed", messageId));
    } catch (InvalidInputException | IllegalStateException e) {
      return ResponseEntity.status(409).body(Map.of("error", String.valueOf(e.getMessage())));
    }
  }
}
