package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.service.ServeJson;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/campaigns?after=&limit=}: a page of campaigns in id order. */
@RestController
class CampaignsApiController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private final CampaignEngine engine;

  CampaignsApiController(CampaignEngine engine) {
    this.engine = engine;
  }

  /** The campaigns after {@code after} (exclusive), at most {@code limit} (1 to 500, 100). */
  @GetMapping("/api/campaigns")
  ResponseEntity<?> campaigns(
      @RequestParam(name = "after", required = false) @Nullable String after,
      @RequestParam(name = "limit", required = false) @Nullable String limit) {
    int n = parseLimit(limit);
    if (n < 0) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "limit: must be a number between 1 and " + MAX_LIMIT));
    }
    return ResponseEntity.ok(
        engine.store().listCampaigns(after, n).stream().map(ServeJson::campaign).toList());
  }

  private static int parseLimit(@Nullable String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.strip());
      return limit >= 1 && limit <= MAX_LIMIT ? limit : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
