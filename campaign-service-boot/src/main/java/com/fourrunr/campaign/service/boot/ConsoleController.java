package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.QueueCounts;
import com.fourrunr.campaign.ops.HealthMonitor;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's sign-in page and home page (the service's status: health, queue, campaigns, dead
 * letters), rendered by Thymeleaf from {@code templates/console/} (every value escaped; no inline
 * script or style).
 */
@Controller
class ConsoleController {
  private final CampaignEngine engine;
  private final HealthMonitor health;

  ConsoleController(CampaignEngine engine, HealthMonitor health) {
    this.engine = engine;
    this.health = health;
  }

  @GetMapping("/login")
  String login() {
    return "console/login";
  }

  @GetMapping("/")
  String home(
      Principal principal,
      @RequestParam(name = "after", required = false) @Nullable String after,
      Model model) {
    QueueCounts counts = engine.queueStatus().counts();
    model.addAttribute("operator", principal.getName());
    model.addAttribute("due", counts.due());
    model.addAttribute("scheduled", counts.scheduled());
    model.addAttribute("deadLettered", counts.deadLettered());
    model.addAttribute("status", ServiceStatus.of(engine, health, after));
    return "console/home";
  }
}
