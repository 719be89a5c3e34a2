package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dead-letters/replay} from a script with an API token (as {@code campaign serve}
 * answered it before the console): the dead letter is scheduled again, and the answer is a 303 to
 * {@code /?notice=...} saying what happened. An operator's browser (no {@code Authorization}
 * header) goes through the console's confirmation instead ({@link DeadLetterController}).
 */
@RestController
class ServeReplayController {
  private final CampaignEngine engine;

  ServeReplayController(CampaignEngine engine) {
    this.engine = engine;
  }

  @PostMapping(path = "/dead-letters/replay", headers = "Authorization")
  ResponseEntity<String> replay(
      @RequestParam(name = "messageId", defaultValue = "") String messageId) {
    if (messageId.isBlank()) {
      return ResponseEntity.badRequest().body("messageId: is required (a form field)\n");
    }
    String notice;
    try {
      engine.replayDeadLetter(messageId);
      notice = "replayed " + messageId;
    } catch (InvalidInputException | IllegalStateException e) {
      notice = "cannot replay " + messageId + ": " + e.getMessage();
    }
    return ResponseEntity.status(303)
        .location(URI.create("/?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)))
        .build();
  }
}
