package com.fourrunr.campaign.service.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in to the console in real headless Chromium, as an operator would. */
class ConsoleSignInBrowserTest extends ConsoleOpsFixture {
  @Test
  void aWrongPasswordIsRefusedAndTheRightOneSignsIn() throws Exception {
    try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
      browser.go("/campaigns");
      assertThat(browser.driver().getCurrentUrl())
          .as("the console asks to sign in")
          .endsWith("/login");
      browser.screenshot("sign-in");

      browser.find(By.id("username")).sendKeys("ana");
      browser.find(By.id("password")).sendKeys("wrong password");
      browser.submit(By.id("sign-in"));
      assertThat(browser.find(By.className("error")).getText())
          .contains("Wrong username or password");

      browser.signIn("ana", PASSWORD);
      assertThat(browser.find(By.id("signed-in")).getText()).isEqualTo("Signed in as ana");
      browser.screenshot("home");
    }
  }
}
