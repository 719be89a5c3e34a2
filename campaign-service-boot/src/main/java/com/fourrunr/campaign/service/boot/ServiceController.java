package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.csv.CsvLeadSource;
import com.fourrunr.campaign.service.EnrolmentJson;
import com.fourrunr.campaign.service.ServeJson;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's API: {@code /api/queue}, {@code /api/leads} (the enrolment report of {@code
 * campaign serve}) and {@code /api/dead-letters/replay}.
 */
@RestController
class ServiceController {
  private final CampaignEngine engine;

  ServiceController(CampaignEngine engine) {
    this.engine = engine;
  }

  /** The queue: counts per state, the oldest due message's age, each mailbox's caps. */
  @GetMapping("/api/queue")
  Map<String, Object> queue() {
    return ServeJson.queue(engine.queueStatus());
  }

  /** Enrols the leads of a CSV body. */
  @PostMapping("/api/leads")
  ResponseEntity<Map<String, Object>> enrol(@RequestBody(required = false) byte @Nullable [] body) {
    byte[] csv = body == null ? new byte[0] : body;
    try {
      EnrolmentReport report =
          engine.enrol(CsvLeadSource.ofBytes("request body", () -> new ByteArrayInputStream(csv)));
      return ResponseEntity.ok(EnrolmentJson.of(report));
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
