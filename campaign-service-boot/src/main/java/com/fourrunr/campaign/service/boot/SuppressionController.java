package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.spi.Suppression;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The suppression list ({@code /suppressions}): search, add an address or a whole domain with a
 * reason, remove an entry; adding and removing each go through a confirmation page.
 */
@Controller
class SuppressionController {
  static final int PAGE = 50;

  private final CampaignEngine engine;
  private final ConsoleTimes times;

  SuppressionController(CampaignEngine engine, ConsoleTimes times) {
    this.engine = engine;
    this.times = times;
  }

  /** One entry as listed. */
  record Entry(String key, boolean domain, String reason, String at) {}

  @GetMapping("/suppressions")
  String list(
      @RequestParam(name = "q", defaultValue = "") String query,
      @RequestParam(name = "after", required = false) @Nullable String after,
      Model model) {
    List<Suppression> page = engine.suppressions(query, after, PAGE + 1);
    boolean more = page.size() > PAGE;
    List<Entry> entries =
        page.stream()
            .limit(PAGE)
            .map(s -> new Entry(s.email(), s.isDomain(), s.reason(), times.format(s.at())))
            .toList();
    model.addAttribute("q", query);
    model.addAttribute("entries", entries);
    model.addAttribute("next", more ? entries.get(entries.size() - 1).key() : "");
    return "console/suppressions";
  }

  @GetMapping("/suppressions/add")
  String confirmAdd(
      @RequestParam("entry") String entry, @RequestParam("reason") String reason, Model model) {
    Suppression s = checked(entry, reason);
    return Confirmation.of("Suppress", "suppressions", "/suppressions/add", "Suppress")
        .line(
            s.isDomain()
                ? "Suppress every address at " + s.email().substring(1) + "?"
                : "Suppress " + s.email() + "?")
        .line(
            "Reason: "
                + reason.strip()
                + ". No lead there is enrolled or written to again; running campaigns stop at"
                + " their next message.")
        .field("entry", s.email())
        .field("reason", reason.strip())
        .render(model);
  }

  @PostMapping("/suppressions/add")
  String add(
      @RequestParam("entry") String entry,
      @RequestParam("reason") String reason,
      Principal who,
      RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/suppressions",
        () ->
            engine.suppress(entry, reason, who.getName())
                ? entry.strip() + " is suppressed."
                : entry.strip() + " was already on the list.");
  }

  @GetMapping("/suppressions/remove")
  String confirmRemove(@RequestParam("entry") String entry, Model model) {
    Suppression s = checked(entry, "-");
    return Confirmation.of(
            "Remove suppression", "suppressions", "/suppressions/remove", "Remove from the list")
        .line("Take " + s.email() + " off the suppression list?")
        .line("Campaigns it stopped stay stopped; new enrolments may write to it again.")
        .field("entry", s.email())
        .reason("Reason")
        .render(model);
  }

  @PostMapping("/suppressions/remove")
  String remove(
      @RequestParam("entry") String entry,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      Principal who,
      RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/suppressions",
        () ->
            engine.removeSuppression(entry, reason, who.getName())
                ? entry.strip() + " was removed from the list."
                : entry.strip() + " was not on the list.");
  }

  /** The entry as it will be stored; bad input is refused with its field named. */
  private static Suppression checked(String entry, String reason) {
    if (reason == null || reason.isBlank()) {
      throw com.fourrunr.campaign.InvalidInputException.of("suppression", "reason", "is required");
    }
    return Suppression.parse(entry, reason, java.time.Instant.EPOCH);
  }
}
