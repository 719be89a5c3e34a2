package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.InvalidInputException;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a console action and redirects back with its notice, or with the reason it was refused (bad
 * input or a state that does not allow it: never a stack trace).
 */
final class ConsoleNotices {
  private ConsoleNotices() {}

  /** Runs {@code action} (which returns the notice) and returns the redirect to {@code back}. */
  static String act(RedirectAttributes flash, String back, Supplier<String> action) {
    try {
      flash.addFlashAttribute("notice", action.get());
    } catch (InvalidInputException | IllegalStateException e) {
      flash.addFlashAttribute("error", String.valueOf(e.getMessage()));
    }
    return "redirect:" + back;
  }
}
