package com.fourrunr.campaign.service.boot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Under {@code serve --demo-mail} every console page says that mail goes to the in-process test
 * server and is never delivered (the {@code demoMail} notice of the layout's navigation).
 */
@ControllerAdvice(annotations = Controller.class)
class DemoMailNotice {
  private final boolean demoMail;

  DemoMailNotice(@Value("${" + DemoMail.PROPERTY + ":false}") boolean demoMail) {
    this.demoMail = demoMail;
  }

  /** The notice's text, or null when mail goes to the configured servers. */
  @ModelAttribute("demoMail")
  @org.jspecify.annotations.Nullable String demoMail() {
    return demoMail ? DemoMail.NOTICE : null;
  }
}
