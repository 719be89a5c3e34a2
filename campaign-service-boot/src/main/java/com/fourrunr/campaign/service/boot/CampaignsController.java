package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignPage;
import com.fourrunr.campaign.spi.CampaignStore;
import java.security.Principal;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's campaign pages: the list ({@code /campaigns}, filtered, searched, paged by id), a
 * lead's page ({@code /campaigns/{id}}), and pause, resume, stop and approve, one campaign at a
 * time or on a filtered selection, each behind a confirmation page (GET) whose form does it (POST,
 * with the CSRF token) and redirects back with a notice.
 */
@Controller
class CampaignsController {
  private final CampaignEngine engine;
  private final OperatorZones zones;
  private final BulkCampaignActions bulk;

  CampaignsController(CampaignEngine engine, OperatorZones zones) {
    this.engine = engine;
    this.zones = zones;
    this.bulk = new BulkCampaignActions(engine);
  }

  @GetMapping("/campaigns")
  String list(
      @RequestParam(name = "status", required = false) @Nullable String status,
      @RequestParam(name = "mailbox", required = false) @Nullable String mailbox,
      @RequestParam(name = "sequence", required = false) @Nullable String sequence,
      @RequestParam(name = "q", required = false) @Nullable String q,
      @RequestParam(name = "after", required = false) @Nullable String after,
      Principal principal,
      Model model) {
    ZoneId zone = zones.of(principal.getName());
    CampaignListView.Filters filters = CampaignListView.Filters.of(status, mailbox, sequence, q);
    CampaignPage page =
        engine.store().searchCampaigns(filters.search(), blankToNull(after), CampaignListView.PAGE);
    model.addAttribute("filters", filters);
    model.addAttribute("statuses", statuses());
    model.addAttribute("rows", CampaignListView.rows(page, zone));
    model.addAttribute("next", page.next());
    model.addAttribute("paged", blankToNull(after) != null);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("actions", CampaignListView.ActionLink.all());
    model.addAttribute(
        "back",
        UriComponentsBuilder.fromPath("/campaigns")
            .queryParam("status", filters.status())
            .queryParam("mailbox", filters.mailbox())
            .queryParam("sequence", filters.sequence())
            .queryParam("q", filters.q())
            .encode()
            .build()
            .toUriString());
    return "console/campaigns";
  }

  @GetMapping("/campaigns/{id}")
  String lead(@PathVariable("id") String id, Principal principal, Model model) {
    ZoneId zone = zones.of(principal.getName());
    CampaignStore store = engine.store();
    Campaign campaign = campaign(id);
    Lead lead = store.findLead(campaign.leadId()).orElse(null);
    List<CampaignEvent> events = store.findEvents(id);
    model.addAttribute("campaign", campaign);
    model.addAttribute("name", lead == null ? campaign.leadId() : CampaignListView.name(lead));
    model.addAttribute("company", lead == null ? "" : lead.company());
    model.addAttribute("email", lead == null ? "" : lead.email());
    model.addAttribute(
        "leadZone", lead == null || lead.timezone() == null ? "unknown" : lead.timezone().getId());
    model.addAttribute("reason", CampaignListView.reason(campaign, zone));
    model.addAttribute("zone", zone.getId());
    model.addAttribute("timeline", LeadPageView.timeline(events, zone));
    model.addAttribute("messages", LeadPageView.messages(campaign, store.findMessages(id), zone));
    model.addAttribute("replies", LeadPageView.replies(store, events, zone));
    model.addAttribute(
        "actions",
        List.of(CampaignAction.values()).stream()
            .filter(a -> a.appliesTo(campaign.status()))
            .map(CampaignAction::path)
            .toList());
    return "console/campaign";
  }

  @GetMapping("/campaigns/{id}/{action}")
  String confirm(
      @PathVariable("id") String id,
      @PathVariable("action") String action,
      @RequestParam(name = "back", required = false) @Nullable String back,
      Model model) {
    CampaignAction a = action(action);
    Campaign campaign = campaign(id);
    Lead lead = engine.store().findLead(campaign.leadId()).orElse(null);
    model.addAttribute("action", a.path());
    model.addAttribute("label", a.label());
    model.addAttribute("id", id);
    model.addAttribute("name", lead == null ? campaign.leadId() : CampaignListView.name(lead));
    model.addAttribute("status", campaign.status().name());
    model.addAttribute("applies", a.appliesTo(campaign.status()));
    model.addAttribute("back", safeBack(back, id));
    return "console/campaign-confirm";
  }

  @PostMapping("/campaigns/{id}/{action}")
  String act(
      @PathVariable("id") String id,
      @PathVariable("action") String action,
      @RequestParam(name = "back", required = false) @Nullable String back,
      Principal principal,
      RedirectAttributes redirect) {
    CampaignAction a = action(action);
    campaign(id);
    try {
      a.apply(engine, id, principal.getName());
      redirect.addFlashAttribute("notice", "Campaign " + id + " " + a.done() + ".");
    } catch (IllegalStateException | InvalidInputException e) {
      redirect.addFlashAttribute(
          "error", a.label() + " of campaign " + id + " refused: " + e.getMessage());
    }
    return "redirect:" + safeBack(back, id);
  }

  @GetMapping("/campaigns/bulk/{action}")
  String confirmBulk(
      @PathVariable("action") String action,
      @RequestParam(name = "status", required = false) @Nullable String status,
      @RequestParam(name = "mailbox", required = false) @Nullable String mailbox,
      @RequestParam(name = "sequence", required = false) @Nullable String sequence,
      @RequestParam(name = "q", required = false) @Nullable String q,
      Model model) {
    CampaignAction a = action(action);
    CampaignListView.Filters filters = CampaignListView.Filters.of(status, mailbox, sequence, q);
    int count = bulk.count(filters.search());
    model.addAttribute("action", a.path());
    model.addAttribute("label", a.label());
    model.addAttribute("filters", filters);
    model.addAttribute("count", count);
    model.addAttribute("tooMany", count > BulkCampaignActions.MAX);
    model.addAttribute("max", BulkCampaignActions.MAX);
    return "console/bulk-confirm";
  }

  @PostMapping("/campaigns/bulk/{action}")
  String actBulk(
      @PathVariable("action") String action,
      @RequestParam(name = "status", required = false) @Nullable String status,
      @RequestParam(name = "mailbox", required = false) @Nullable String mailbox,
      @RequestParam(name = "sequence", required = false) @Nullable String sequence,
      @RequestParam(name = "q", required = false) @Nullable String q,
      Principal principal,
      RedirectAttributes redirect) {
    CampaignAction a = action(action);
    CampaignListView.Filters filters = CampaignListView.Filters.of(status, mailbox, sequence, q);
    BulkCampaignActions.Result result = bulk.apply(a, filters.search(), principal.getName());
    redirect.addFlashAttribute(
        "notice",
        a.label()
            + " of the matching campaigns: "
            + result.done()
            + " "
            + a.done()
            + ", "
            + result.skipped()
            + " skipped (not "
            + (a == CampaignAction.PAUSE ? "active" : "in a status it applies to")
            + "), "
            + result.failed()
            + " failed.");
    redirect.addAttribute("status", filters.status());
    redirect.addAttribute("mailbox", filters.mailbox());
    redirect.addAttribute("sequence", filters.sequence());
    redirect.addAttribute("q", filters.q());
    return "redirect:/campaigns";
  }

  private Campaign campaign(String id) {
    return engine
        .store()
        .findCampaign(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such campaign"));
  }

  private static CampaignAction action(String path) {
    return CampaignAction.of(path)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such action"));
  }

  /** Where to go back to: a console campaigns path only (never another site). */
  static String safeBack(@Nullable String back, String id) {
    if (back != null
        && back.startsWith("/campaigns")
        && !back.startsWith("//")
        && back.chars().noneMatch(ch -> ch == '\\' || ch < 0x20)) {
      return back;
    }
    return "/campaigns/" + id;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<String> statuses() {
    return java.util.Arrays.stream(com.fourrunr.campaign.CampaignStatus.values())
        .map(Enum::name)
        .toList();
  }
}
