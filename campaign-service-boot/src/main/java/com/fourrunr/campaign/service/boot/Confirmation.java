package com.fourrunr.campaign.service.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * A confirmation page ({@code console/confirm}): what the action will do, and a POST form with the
 * action's fields (and the CSRF token, which Thymeleaf adds), optionally asking for a reason.
 */
final class Confirmation {
  private final String title;
  private final String active;
  private final String action;
  private final String button;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, String> fields = new LinkedHashMap<>();
  private String reasonLabel = "";
  private String cancel;

  private Confirmation(String title, String active, String action, String button) {
    this.title = title;
    this.active = active;
    this.action = action;
    this.button = button;
    this.cancel = "/" + active;
  }

  static Confirmation of(String title, String active, String action, String button) {
    return new Confirmation(title, active, action, button);
  }

  Confirmation line(String line) {
    lines.add(line);
    return this;
  }

  Confirmation field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  /** Asks for a reason (a required text field named {@code reason}). */
  Confirmation reason(String label) {
    this.reasonLabel = label;
    return this;
  }

  Confirmation cancel(String path) {
    this.cancel = path;
    return this;
  }

  String render(Model model) {
    model.addAttribute("title", title);
    model.addAttribute("active", active);
    model.addAttribute("action", action);
    model.addAttribute("button", button);
    model.addAttribute("lines", lines);
    model.addAttribute("fields", fields);
    model.addAttribute("reasonLabel", reasonLabel);
    model.addAttribute("cancel", cancel);
    return "console/confirm";
  }
}
