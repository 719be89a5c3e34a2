package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.QueueCounts;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's sign-in page and home page, rendered by Thymeleaf from {@code templates/console/}
 * (every value escaped; no inline script or style).
 */
@Controller
class ConsoleController {
  private final CampaignEngine engine;

  ConsoleController(CampaignEngine engine) {
    this.engine = engine;
  }

  @GetMapping("/login")
  String login() {
    return "console/login";
  }

  @GetMapping("/")
  String home(Principal principal, Model model) {
    QueueCounts counts = engine.queueStatus().counts();
    model.addAttribute("operator", principal.getName());
    model.addAttribute("due", counts.due());
    model.addAttribute("scheduled", counts.scheduled());
    model.addAttribute("deadLettered", counts.deadLettered());
    return "console/home";
  }
}
