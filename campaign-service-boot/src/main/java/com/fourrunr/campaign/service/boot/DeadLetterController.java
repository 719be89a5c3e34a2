package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.spi.CampaignStore;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Dead letters and uncertain sends ({@code /dead-letters}): replay a dead letter, resend an
 * uncertain message (when the policy allows), or mark an uncertain one sent (nothing is sent); each
 * through a confirmation page.
 */
@Controller
class DeadLetterController {
  static final int SHOWN = 100;

  private final CampaignEngine engine;
  private final CampaignStore store;
  private final ConsoleTimes times;

  DeadLetterController(CampaignEngine engine, ConsoleTimes times) {
    this.engine = engine;
    this.store = engine.store();
    this.times = times;
  }

  /** One message as listed. */
  record Row(
      String messageId,
      String campaignId,
      String to,
      String step,
      String subject,
      String scheduledAt,
      int attempts,
      String error) {}

  private Row row(CampaignMessage m) {
    String to = store.findLead(m.leadId()).map(l -> l.email()).orElse(m.leadId());
    return new Row(
        String.valueOf(m.messageId()),
        m.campaignId(),
        to,
        m.type().name(),
        m.subject(),
        times.format(m.scheduledAt()),
        m.attempts(),
        m.lastError() == null ? "" : m.lastError());
  }

  @GetMapping("/dead-letters")
  String list(Model model) {
    List<Row> dead = engine.deadLetters(null, SHOWN).stream().map(this::row).toList();
    List<Row> uncertain = engine.uncertainMessages(null, SHOWN).stream().map(this::row).toList();
    model.addAttribute("dead", dead);
    model.addAttribute("uncertain", uncertain);
    return "console/dead-letters";
  }

  private Row requireMessage(String messageId) {
    return store
        .findMessageByMessageId(messageId.strip())
        .map(this::row)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such message"));
  }

  @GetMapping("/dead-letters/replay")
  String confirmReplay(@RequestParam("messageId") String messageId, Model model) {
    Row r = requireMessage(messageId);
    return Confirmation.of("Replay dead letter", "dead-letters", "/dead-letters/replay", "Replay")
        .line("Send step " + r.step() + " to " + r.to() + " again (\"" + r.subject() + "\")?")
        .line("It is scheduled now under the same Message-ID and sent by the next run.")
        .field("messageId", r.messageId())
        .render(model);
  }

  @PostMapping("/dead-letters/replay")
  String replay(@RequestParam("messageId") String messageId, RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/dead-letters",
        () -> {
          engine.replayDeadLetter(messageId);
          return "Dead letter " + messageId + " scheduled again.";
        });
  }

  @GetMapping("/dead-letters/resend")
  String confirmResend(@RequestParam("messageId") String messageId, Model model) {
    Row r = requireMessage(messageId);
    return Confirmation.of(
            "Resend uncertain message", "dead-letters", "/dead-letters/resend", "Resend")
        .line("Send step " + r.step() + " to " + r.to() + " again?")
        .line("Only when you checked the lead did not get it: it may arrive twice otherwise.")
        .field("messageId", r.messageId())
        .render(model);
  }

  @PostMapping("/dead-letters/resend")
  String resend(@RequestParam("messageId") String messageId, RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/dead-letters",
        () -> {
          engine.resendUncertain(messageId);
          return "Uncertain message " + messageId + " scheduled again.";
        });
  }

  @GetMapping("/dead-letters/mark-sent")
  String confirmMarkSent(@RequestParam("messageId") String messageId, Model model) {
    Row r = requireMessage(messageId);
    return Confirmation.of(
            "Mark uncertain message sent", "dead-letters", "/dead-letters/mark-sent", "Mark sent")
        .line("Record step " + r.step() + " to " + r.to() + " as sent?")
        .line("Nothing is sent; the campaign goes on with its next step.")
        .field("messageId", r.messageId())
        .reason("How you know the lead got it")
        .render(model);
  }

  @PostMapping("/dead-letters/mark-sent")
  String markSent(
      @RequestParam("messageId") String messageId,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      Principal who,
      RedirectAttributes flash) {
    return ConsoleNotices.act(
        flash,
        "/dead-letters",
        () -> {
          engine.markUncertainSent(messageId, who.getName(), reason);
          return "Message " + messageId + " recorded as sent.";
        });
  }
}
