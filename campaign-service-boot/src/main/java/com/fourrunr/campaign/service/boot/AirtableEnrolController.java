package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.airtable.AirtableClient;
import com.fourrunr.campaign.airtable.AirtableLeadSource;
import com.fourrunr.campaign.service.EnrolmentJson;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/airtable/enrol}: enrols the leads of the configured Airtable table (409 when
 * Airtable is not configured).
 */
@RestController
class AirtableEnrolController {
  private final CampaignEngine engine;
  private final ObjectProvider<AirtableClient> airtable;

  AirtableEnrolController(CampaignEngine engine, ObjectProvider<AirtableClient> airtable) {
    this.engine = engine;
    this.airtable = airtable;
  }

  @PostMapping("/api/airtable/enrol")
  ResponseEntity<Map<String, Object>> enrol() {
    AirtableClient client = airtable.getIfUnique();
    if (client == null) {
      return ResponseEntity.status(409)
          .body(
              Map.of(
                  "error", "Airtable is not configured (CAMPAIGN_AIRTABLE_TOKEN, _BASE, _TABLE)"));
    }
    return ResponseEntity.ok(EnrolmentJson.of(engine.enrol(AirtableLeadSource.create(client))));
  }
}
