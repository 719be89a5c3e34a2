package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyOutcome;
import com.fourrunr.campaign.StepEdit;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue ({@code /review}): held campaigns (approve, edit then approve, reject) and mails
 * kept for a person (choose a category). Every action has a confirmation page (GET) and acts on
 * POST, then redirects back with a notice.
 */
@Controller
class ReviewController {
  private final CampaignEngine engine;
  private final ReviewQueue queue;

  ReviewController(CampaignEngine engine, ReviewQueue queue) {
    this.engine = engine;
    this.queue = queue;
  }

  @GetMapping("/review")
  String review(Model model) {
    model.addAttribute("held", queue.held());
    model.addAttribute("replies", queue.replies());
    model.addAttribute("categories", ReviewQueue.categories());
    return "console/review";
  }

  private ReviewQueue.Held requireHeld(String campaignId) {
    ReviewQueue.Held held = queue.held(campaignId);
    if (held == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no held campaign");
    }
    return held;
  }

  @GetMapping("/review/approve")
  String confirmApprove(@RequestParam("campaign") String campaignId, Model model) {
    ReviewQueue.Held held = requireHeld(campaignId);
    return Confirmation.of("Approve campaign", "review", "/review/approve", "Approve")
        .line("Approve the campaign of " + held.leadName() + " (" + held.email() + ") as written?")
        .line("Its first step is scheduled at once, as at enrolment.")
        .field("campaign", campaignId)
        .render(model);
  }

  @PostMapping("/review/approve")
  String approve(
      @RequestParam("campaign") String campaignId, Principal who, RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/review",
        () -> {
          engine.reviseAndApprove(campaignId, List.of(), who.getName());
          return "Campaign approved.";
        });
  }

  @GetMapping("/review/edit")
  String edit(@RequestParam("campaign") String campaignId, Model model) {
    model.addAttribute("campaign", requireHeld(campaignId));
    return "console/review-edit";
  }

  @PostMapping("/review/edit")
  String reviseAndApprove(
      @RequestParam("campaign") String campaignId,
      @RequestParam Map<String, String> form,
      Principal who,
      Model model,
      RedirectAttributes flash) {
    ReviewQueue.Held held = requireHeld(campaignId);
    List<StepEdit> edits = new ArrayList<>();
    List<ReviewQueue.Step> shown = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (ReviewQueue.Step step : held.steps()) {
      String subject = form.getOrDefault("subject" + step.index(), step.subject());
      String body = form.getOrDefault("body" + step.index(), step.body()).replace("\r\n", "\n");
      shown.add(new ReviewQueue.Step(step.index(), step.type(), subject, body, step.failed()));
      if (!subject.strip().equals(step.subject().strip())
          || !body.strip().equals(step.body().strip())) {
        try {
          edits.add(new StepEdit(step.index(), subject, body));
        } catch (InvalidInputException e) {
          errors.add(String.valueOf(e.getMessage()));
        }
      }
    }
    if (errors.isEmpty()) {
      try {
        engine.reviseAndApprove(campaignId, edits, who.getName());
        flash.addFlashAttribute(
            "notice",
            edits.isEmpty()
                ? "Campaign approved (no step was changed)."
                : "Campaign approved with " + edits.size() + " edited step(s).");
        return "redirect:/review";
      } catch (InvalidInputException e) {
        e.errors().forEach(err -> errors.add(err.field() + ": " + err.problem()));
      } catch (IllegalStateException e) {
        flash.addFlashAttribute("error", String.valueOf(e.getMessage()));
        return "redirect:/review";
      }
    }
    model.addAttribute(
        "campaign",
        new ReviewQueue.Held(
            held.campaignId(),
            held.leadName(),
            held.company(),
            held.email(),
            held.heldAt(),
            held.reason(),
            shown));
    model.addAttribute("errors", errors);
    return "console/review-edit";
  }

  @GetMapping("/review/reject")
  String confirmReject(@RequestParam("campaign") String campaignId, Model model) {
    ReviewQueue.Held held = requireHeld(campaignId);
    return Confirmation.of("Reject campaign", "review", "/review/reject", "Reject and stop")
        .line("Reject the campaign of " + held.leadName() + " (" + held.email() + ")?")
        .line("It is stopped for good; nothing of it is sent.")
        .field("campaign", campaignId)
        .reason("Reason")
        .render(model);
  }

  @PostMapping("/review/reject")
  String reject(
      @RequestParam("campaign") String campaignId,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      Principal who,
      RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/review",
        () -> {
          requireHeld(campaignId);
          engine.stop(
              campaignId,
              "rejected in review by "
                  + who.getName()
                  + (reason.isBlank() ? "" : ": " + reason.strip()));
          return "Campaign rejected and stopped.";
        });
  }

  @GetMapping("/review/classify")
  String confirmClassify(
      @RequestParam("reply") String replyId,
      @RequestParam("category") String category,
      Model model) {
    ReviewQueue.Reply reply = queue.reply(replyId);
    ReplyCategory chosen = category(category);
    if (reply == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such reply");
    }
    return Confirmation.of("Choose a category", "review", "/review/classify", "Confirm " + chosen)
        .line(
            "Mark the mail from " + reply.from() + " (" + reply.subject() + ") as " + chosen + "?")
        .line(
            "The reply policy then acts as it does for " + chosen + " (stop, suppress, respond…).")
        .field("reply", replyId)
        .field("category", chosen.name())
        .render(model);
  }

  @PostMapping("/review/classify")
  String classify(
      @RequestParam("reply") String replyId,
      @RequestParam("category") String category,
      Principal who,
      RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/review",
        () -> {
          ReplyOutcome outcome = engine.classifyReply(replyId, category(category), who.getName());
          return "Reply marked " + outcome.category() + ": " + outcome.action() + ".";
        });
  }

  private static ReplyCategory category(String name) {
    try {
      return ReplyCategory.valueOf(Objects.requireNonNull(name).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of("reply", "category", "'" + name + "' is not a category");
    }
  }
}
